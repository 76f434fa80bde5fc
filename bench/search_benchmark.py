"""Benchmark place search: p50/p95 milliseconds and SQL queries per request.

Creates N synthetic services (venues at real places across Great Britain) in a throwaway
test database, then runs 200 searches with `near` plus two or three other filters through
Django's test client. A benchmark, not a test: it prints figures and asserts nothing.

    .venv/bin/python bench/search_benchmark.py                      # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/support_finder \\
        .venv/bin/python bench/search_benchmark.py                  # PostgreSQL
    .venv/bin/python bench/search_benchmark.py --sizes 1000 --searches 50
    .venv/bin/python bench/search_benchmark.py --passes 3   # each search's fastest of 3
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from services.models import Kind, OpeningTime, Service, Venue  # noqa: E402
from services.places.warmup import prepare_process  # noqa: E402

KINDS = ["helpline", "peer-support", "crisis-cafe", "text-line", "counselling"]
SHARE_AVAILABLE_ANYWHERE = 0.01  # national services are few next to local ones


def load_places() -> list[tuple[str, float, float]]:
    with (ROOT / "services" / "data" / "places.csv").open(encoding="utf-8") as rows:
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
        assert response.status_code == 200
    return timings


def run(sizes: list[int], searches: int, seed: int, passes: int = 1) -> None:
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        places = load_places()
        rng = random.Random(seed)
        client = Client()
        client.get("/services/", {"near": "Torquay"})  # compiles the templates, as in use
        prepare_process()  # as config/wsgi.py does in a server process
        created = 0
        each = f", each timed as the fastest of {passes} passes" if passes > 1 else ""
        print(f"database: {connection.vendor}; {searches} searches per size{each}")
        print(
            f"{'services':>9} {'p50 ms':>8} {'p95 ms':>8} {'queries/request':>16}"
            f" {'fixed loop ms':>14}"
        )
        for size in sizes:
            create_services(created, size, places, rng)
            created = size
            # As autovacuum would after a bulk load: the planner needs table statistics, and
            # PostgreSQL reads an index alone only for pages vacuum has marked all-visible.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
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
            print(f"{size:>9} {p50:>8.1f} {p95:>8.1f} {counts:>16} {loops:>14}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--passes", type=int, default=1, help="time each search this many times, keep the fastest"
    )
    arguments = parser.parse_args()
    run(sorted(arguments.sizes), arguments.searches, arguments.seed, max(1, arguments.passes))
