"""Benchmark place search: p50/p95 milliseconds and SQL queries per request.

Creates N synthetic services (venues at real places across Great Britain) in a database of
its own, then runs 200 searches with `near` plus two or three other filters through
Django's test client. A benchmark, not a test: it prints figures and asserts nothing.

    DEBUG=1 .venv/bin/python manage.py search_benchmark                 # SQLite, in memory
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/support_finder \\
        .venv/bin/python manage.py search_benchmark                     # PostgreSQL
    DEBUG=1 .venv/bin/python manage.py search_benchmark --sizes 1000 --searches 50
    DEBUG=1 .venv/bin/python manage.py search_benchmark --passes 3  # each search's fastest of 3

It never writes to the database DATABASE_URL names. It builds its directory in a throwaway
test database, as Django's test runner does: on SQLite in memory; on PostgreSQL a database
named after the configured one with `_bench` added (`support_finder_bench`), created fresh
(a copy left by an interrupted run is dropped first) and dropped at the end.

Searches are measured as a production server runs them, with DEBUG off, whatever DEBUG the
command was started with (DEBUG=1 only lets the settings start without SECRET_KEY).

This module sits above the rooms, as config/ does, and may import any of them.
"""

from __future__ import annotations

import csv
import random
import statistics
import time
from datetime import date
from datetime import time as clock

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from services.models import Kind, OpeningTime, Service, Venue
from services.places.lookup import DATA
from services.places.warmup import prepare_process

KINDS = ["helpline", "peer-support", "crisis-cafe", "text-line", "counselling"]
SHARE_AVAILABLE_ANYWHERE = 0.01  # national services are few next to local ones


def load_places() -> list[tuple[str, float, float]]:
    with (DATA / "places.csv").open(encoding="utf-8") as rows:
        return [
            (row["name"], float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(rows)
            if row["kind"] != "post town"
        ]


def create_services(start: int, stop: int, places, rng: random.Random) -> None:
    for slug in KINDS:
        Kind.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").title()})
    services = []
    for number in range(start, stop):
        min_age = rng.choice([None, None, 11, 16, 18])
        services.append(
            Service(
                slug=f"bench-{number}",
                name=f"Bench service {number:06d}",
                summary="Synthetic service for the benchmark.",
                status="published",
                min_age=min_age,
                max_age=rng.choice([None, None, 25]) if min_age != 18 else None,
                self_referral=rng.choice([True, True, False, None]),
                available_anywhere=rng.random() < SHARE_AVAILABLE_ANYWHERE,
                open_24_hours=rng.random() < 0.05,
                last_checked=date(2026, 11, 1),
                checked_by="benchmark",
            )
        )
    Service.objects.bulk_create(services, batch_size=2000)
    created = list(
        Service.objects.filter(slug__in=[s.slug for s in services]).values_list("pk", flat=True)
    )
    through = Service.kinds.through
    links, venues, slots = [], [], []
    for pk in created:
        for slug in rng.sample(KINDS, rng.randint(1, 2)):
            links.append(through(service_id=pk, kind_id=slug))
        _, lat, lng = rng.choice(places)
        venues.append(Venue(service_id=pk, address="Synthetic venue", latitude=lat, longitude=lng))
        if rng.random() < 0.6:
            day = rng.randrange(7)
            slots.append(
                OpeningTime(service_id=pk, weekday=day, opens_at=clock(18), closes_at=clock(22))
            )
    through.objects.bulk_create(links, batch_size=5000)
    Venue.objects.bulk_create(venues, batch_size=5000)
    OpeningTime.objects.bulk_create(slots, batch_size=5000)


def load_and_analyse(start: int, stop: int, places, rng: random.Random) -> None:
    """Add services start..stop-1, then gather table statistics."""
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        # config/settings.py gives every PostgreSQL connection a statement timeout (5 s by
        # default) so a stuck query cannot hold a worker. Loading tens of thousands of rows
        # and vacuuming them is no request: lift the limit on this connection while the data
        # is built, then put back the connection's own value, so searches run under the
        # limit the site runs under.
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
    try:
        create_services(start, stop, places, rng)
        # As autovacuum would after a bulk load: the planner needs table statistics, and
        # PostgreSQL reads an index alone only for pages vacuum has marked all-visible.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if postgresql else "ANALYZE")
    finally:
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")


def search_queries(places, rng: random.Random, count: int) -> list[dict[str, str]]:
    towns = [name for name, *_ in places]
    extras = [
        {"age": "17", "kind": "helpline"},
        {"self_referral": "yes", "open": "out_of_hours"},
        {"age": "30", "kind": "peer-support", "open": "now"},
        {"kind": "crisis-cafe", "self_referral": "yes", "age": "19"},
    ]
    queries = []
    while len(queries) < count:
        near = rng.choice(towns)
        queries.append(
            {"near": near, "radius": rng.choice(["10", "25", "50"]), **rng.choice(extras)}
        )
    return queries


def loop_ms() -> float:
    """How long a fixed Python loop takes. Shared machines change speed from minute to
    minute, so a size's figures are printed beside this, measured before and after."""
    started = time.perf_counter()
    total = 0
    for number in range(3_000_000):
        total += number
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_searches(client: Client, queries: list[dict[str, str]]) -> list[float]:
    """Milliseconds for each search, in order."""
    timings = []
    for params in queries:
        started = time.perf_counter()
        response = client.get("/services/", params)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise CommandError(f"A search answered {response.status_code}: {params}")
    return timings


def use_database_of_its_own() -> None:
    """Point the test database's name at one the benchmark owns, never the configured one."""
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test["NAME"] = ":memory:"
    elif connection.vendor == "postgresql":
        # create_test_db(autoclobber=True) drops a database of this name without asking, so
        # it is always one whose name says it is the benchmark's, never the configured one.
        test["NAME"] = f"{connection.settings_dict['NAME']}_bench"
    else:
        raise CommandError(f"The benchmark runs on SQLite or PostgreSQL, not {connection.vendor}.")


class Command(BaseCommand):
    help = (
        "Benchmark place search on a synthetic directory built in a throwaway database "
        "(in memory on SQLite, <name>_bench on PostgreSQL): p50/p95 ms and SQL queries "
        "per request."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
        parser.add_argument("--searches", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--passes",
            type=int,
            default=1,
            help="time each search this many times, keep the fastest",
        )

    def handle(self, *args, **options) -> None:
        # As a production server runs: DEBUG off (no query log, templates not re-read), and
        # no redirect to HTTPS, which the test client does not speak. Set before the client
        # builds its middleware and the template engines are built again.
        with override_settings(DEBUG=False, SECURE_SSL_REDIRECT=False):
            self.run(
                sorted(options["sizes"]),
                options["searches"],
                options["seed"],
                max(1, options["passes"]),
            )

    def run(self, sizes: list[int], searches: int, seed: int, passes: int = 1) -> None:
        configured_name = connection.settings_dict["NAME"]
        use_database_of_its_own()
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            places = load_places()
            rng = random.Random(seed)
            client = Client()
            client.get("/services/", {"near": "Torquay"})  # compiles the templates, as in use
            prepare_process()  # as config/wsgi.py does in a server process
            created = 0
            each = f", each timed as the fastest of {passes} passes" if passes > 1 else ""
            self.stdout.write(f"database: {connection.vendor}; {searches} searches per size{each}")
            self.stdout.write(
                f"{'services':>9} {'p50 ms':>8} {'p95 ms':>8} {'queries/request':>16}"
                f" {'fixed loop ms':>14}"
            )
            for size in sizes:
                load_and_analyse(created, size, places, rng)
                created = size
                queries = search_queries(places, random.Random(seed + size), searches)
                loop_before = loop_ms()
                # More than one pass, to compare two versions of the code on a machine whose
                # speed drifts: each search keeps its fastest time.
                runs = [time_searches(client, queries) for _ in range(passes)]
                timings = [min(times) for times in zip(*runs, strict=True)]
                query_counts = set()
                for params in queries[:20]:
                    with CaptureQueriesContext(connection) as captured:
                        client.get("/services/", params)
                    query_counts.add(len(captured))
                counts = "/".join(str(n) for n in sorted(query_counts))
                p50, p95 = statistics.median(timings), percentile(timings, 0.95)
                loops = f"{loop_before:.0f}/{loop_ms():.0f}"
                self.stdout.write(f"{size:>9} {p50:>8.1f} {p95:>8.1f} {counts:>16} {loops:>14}")
        finally:
            connection.creation.destroy_test_db(configured_name, verbosity=0)
