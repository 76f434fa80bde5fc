"""Benchmark every shape of search: p50/p95 milliseconds and SQL queries per request.

Builds a synthetic directory (services/management/benchmarking.py: venues at real places
across Great Britain, words drawn from a small vocabulary, tags, opening times, contacts,
areas served and rules) in a database of its own, at each size in turn, and asks each shape
of request in turn, round after round, so a shared machine's changes of speed fall on every
shape alike. A benchmark, not a test: it prints figures, and how they compare with the
targets, and asserts nothing.

    floor          a bare Django view through the same middleware: the framework's cost
    mix            near=<a random place>, radius 10, 25 or 50, and two or three filters
    common-word    q=support
    rare-word      q=<a word in about one service in 1,000>
    several-words  q=peer support group
    no-place       open=out_of_hours&age=15
    wide-circle    near=<London, Birmingham, Manchester, Leeds or Glasgow>&radius=50
    nothing-found  q=<a misspelling>, near a random place, age and self-referral: the page
                   counts what each choice removed
    page-5         q=support&page=5
    service-page   /services/<a service with three rules>/
    list-12        /list/?s=<12 random services>

    DEBUG=1 .venv/bin/python manage.py search_benchmark          # SQLite in memory, up to 50,000
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/support_finder \\
        .venv/bin/python manage.py search_benchmark              # 1,000 to 200,000
    DEBUG=1 .venv/bin/python manage.py search_benchmark --sizes 1000 --rounds 20 \\
        --shapes mix wide-circle                                 # a quick look

Each size prints each shape's p50 and p95, its SQL queries per request, its p50 as a
multiple of the floor's (same run), and what it found; then each shape's p50 as a multiple
of its p50 at the smallest size, and the targets (README, "Place search and its benchmark").

It never writes to the database DATABASE_URL names. It builds its directory in a throwaway
test database, as Django's test runner does: on SQLite in memory; on PostgreSQL a database
named after the configured one with `_bench` added (`support_finder_bench`), created fresh
(a copy left by an interrupted run is dropped first) and dropped at the end.

Requests are measured as a production server runs them, with DEBUG off, whatever DEBUG the
command was started with (DEBUG=1 only lets the settings start without SECRET_KEY).

This module sits above the rooms, as config/ does, and may import any of them but config.
"""

from __future__ import annotations

import gc
import random
import time
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from services import explanations
from services.management.benchmarking import (
    FLOOR,
    RARE_WORDS,
    SELF_HARM_RULES,
    Shape,
    as_a_server_runs,
    benchmark_client,
    create_services,
    database_of_its_own,
    failures,
    load_and_analyse,
    load_places,
    loop_ms,
    measure,
    percentile,
    use_database_of_its_own,
)
from services.models import Service, tags_of
from services.places.lookup import Outcome, resolve
from services.places.warmup import prepare_process
from services.search import results

# Kept importable from here, where they were first written.
__all__ = [
    "Command",
    "create_services",
    "load_and_analyse",
    "load_places",
    "loop_ms",
    "percentile",
    "search_queries",
    "use_database_of_its_own",
]

POSTGRESQL_SIZES = [1_000, 10_000, 50_000, 200_000]
# SQLite builds its directory in memory; past this, use PostgreSQL, as production does.
SQLITE_MOST = 50_000

SEARCH = "/services/"
COMMON_WORD = "support"
SEVERAL_WORDS = "peer support group"
# The largest cities the place look-up knows by name (each is found, not a choice of places).
CITIES = ["London", "Birmingham", "Manchester", "Leeds", "Glasgow"]
# Words no service has: the search finds nothing, and the page counts what each choice removed.
MISSPELLINGS = ["supprot", "councelling", "helplnie", "grupe"]
LIST_SIZE = 12
PAGE = 5

# The targets (issue 20), for PostgreSQL at 200,000 services on the project's 2-core machine.
TARGET_P95_MS = 50
TARGET_GROWTH = 2
TARGET_MIX_FLOORS = 20


def search_queries(places, rng: random.Random, count: int) -> list[dict[str, str]]:
    """The mix: `near` a random place, a radius, and two or three other filters."""
    return [mix_query([name for name, *_ in places], rng) for _ in range(count)]


def mix_query(towns: list[str], rng: random.Random) -> dict[str, str]:
    extras = [
        {"age": "17", "kind": "helpline"},
        {"self_referral": "yes", "open": "out_of_hours"},
        {"age": "30", "kind": "peer-support", "open": "now"},
        {"kind": "crisis-cafe", "self_referral": "yes", "age": "19"},
    ]
    near = rng.choice(towns)
    return {"near": near, "radius": rng.choice(["10", "25", "50"]), **rng.choice(extras)}


def results_found(address: str, params: dict) -> int:
    """How many services a search found (all its pages)."""
    data = QueryDict(urlencode(params, doseq=True))
    return results.run(data, now=timezone.now(), page=params.get("page")).total


def rules_on_page(address: str, params: dict) -> int:
    """How many rules a service page explains (each with its alternatives)."""
    slug = address.strip("/").rsplit("/", 1)[-1]
    service = Service.objects.published().with_related().get(slug=slug)
    facts = service.eligibility_facts(tags_of([service.pk])[service.pk])
    return sum(1 for explanation in explanations.explain(facts) if explanation.rule)


def services_listed(address: str, params: dict) -> int:
    return Service.objects.published().filter(slug__in=params["s"].split(",")).count()


def three_rule_services() -> list[str]:
    """Slugs of services with exactly three rules: referral only, an age limit and a rule
    about self-harm, with no area served."""
    return list(
        Service.objects.published()
        .filter(self_referral=False, self_harm_policy__in=SELF_HARM_RULES, min_age__isnull=False)
        .filter(area_name="", gp_registration_area="", available_anywhere=False)
        .values_list("slug", flat=True)[:500]
    )


def shapes(size: int, towns: list[str], service_pages: list[str]) -> list[Shape]:
    rare = sorted(RARE_WORDS)
    return [
        Shape("floor", lambda rng: (FLOOR, {})),
        Shape("mix", lambda rng: (SEARCH, mix_query(towns, rng)), results_found),
        Shape("common-word", lambda rng: (SEARCH, {"q": COMMON_WORD}), results_found),
        Shape("rare-word", lambda rng: (SEARCH, {"q": rng.choice(rare)}), results_found),
        Shape("several-words", lambda rng: (SEARCH, {"q": SEVERAL_WORDS}), results_found),
        Shape(
            "no-place",
            lambda rng: (SEARCH, {"open": "out_of_hours", "age": "15"}),
            results_found,
        ),
        Shape(
            "wide-circle",
            lambda rng: (SEARCH, {"near": rng.choice(CITIES), "radius": "50"}),
            results_found,
        ),
        Shape(
            "nothing-found",
            lambda rng: (
                SEARCH,
                {
                    "q": rng.choice(MISSPELLINGS),
                    "near": rng.choice(towns),
                    "age": "16",
                    "self_referral": "yes",
                },
            ),
            results_found,
        ),
        Shape("page-5", lambda rng: (SEARCH, {"q": COMMON_WORD, "page": PAGE}), results_found),
        Shape(
            "service-page",
            lambda rng: (f"/services/{rng.choice(service_pages)}/", {}),
            rules_on_page,
        ),
        Shape(
            "list-12",
            lambda rng: (
                "/list/",
                {"s": ",".join(f"bench-{n}" for n in rng.sample(range(size), LIST_SIZE))},
            ),
            services_listed,
        ),
    ]


SHAPE_LABELS = [shape.label for shape in shapes(LIST_SIZE, [], [])]


def default_sizes() -> list[int]:
    if connection.vendor == "sqlite":
        return [size for size in POSTGRESQL_SIZES if size <= SQLITE_MOST]
    return POSTGRESQL_SIZES


class Command(BaseCommand):
    help = (
        "Benchmark every shape of search on a synthetic directory built in a throwaway "
        "database (in memory on SQLite, <name>_bench on PostgreSQL): p50/p95 ms and SQL "
        "queries per request for each shape, beside a bare view, at each size."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--sizes",
            type=int,
            nargs="+",
            help="services in the directory (default 1000 10000 50000, and 200000 on "
            "PostgreSQL; SQLite goes up to 50000)",
        )
        parser.add_argument("--rounds", type=int, default=60, help="requests of each shape")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--shapes",
            nargs="+",
            choices=SHAPE_LABELS,
            help="only these shapes (the floor is always measured)",
        )

    def handle(self, *args, **options) -> None:
        sizes = sorted(set(options["sizes"] or default_sizes()))
        if connection.vendor == "sqlite" and sizes[-1] > SQLITE_MOST:
            raise CommandError(
                f"On SQLite the benchmark builds its directory in memory, up to "
                f"{SQLITE_MOST:,} services. Run {sizes[-1]:,} on PostgreSQL (DATABASE_URL)."
            )
        if sizes[0] < LIST_SIZE:
            raise CommandError(f"A size needs at least {LIST_SIZE} services (the take-away list).")
        wanted = {"floor", *(options["shapes"] or SHAPE_LABELS)}
        with as_a_server_runs():
            self.run(sizes, max(1, options["rounds"]), options["seed"], wanted)

    def run(self, sizes: list[int], rounds: int, seed: int, wanted: set[str]) -> None:
        for city in CITIES:
            if resolve(city).outcome is not Outcome.FOUND:
                raise CommandError(f"The place look-up does not find {city} on its own.")
        with database_of_its_own():
            places = load_places()
            towns = [name for name, *_ in places]
            rng = random.Random(seed)
            client = benchmark_client()
            prepare_process()  # as config/wsgi.py does in a server process
            self.stdout.write(
                f"database: {connection.vendor}; {rounds} requests of each shape a size, "
                "in turn; times in ms"
            )
            measured: dict[int, dict[str, Shape]] = {}
            created = 0
            for size in sizes:
                started = time.perf_counter()
                load_and_analyse(created, size, places, rng)
                built = time.perf_counter() - started
                self.stdout.write(
                    f"\n{size:,} services: built {size - created:,} in {built:.1f} s "
                    f"({built / (size - created) * 1000:.2f} ms each, with "
                    f"{'VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'ANALYZE'})"
                )
                created = size
                gc.collect()
                service_pages = three_rule_services()
                if not service_pages:
                    raise CommandError("No service has exactly three rules.")
                asked = [s for s in shapes(size, towns, service_pages) if s.label in wanted]
                loops = measure(client, asked, rounds, random.Random(seed + size))
                measured[size] = {shape.label: shape for shape in asked}
                self.table(asked, loops)
            self.growth(measured)
            self.targets(measured)

    def table(self, asked: list[Shape], loops: str) -> None:
        floor = asked[0].p50
        self.stdout.write(f"fixed loop ms before/after: {loops}")
        self.stdout.write(
            f"{'shape':<14} {'p50':>7} {'p95':>7} {'queries':>8} {'x floor':>8} {'found':>12}"
        )
        for shape in asked:
            found = ""
            if shape.found_counts:
                least, most = min(shape.found_counts), max(shape.found_counts)
                found = f"{least:,}" if least == most else f"{least:,}-{most:,}"
            self.stdout.write(
                f"{shape.label:<14} {shape.p50:>7.1f} {shape.p95:>7.1f} {shape.queries:>8} "
                f"{shape.p50 / floor:>8.1f} {found:>12}"
            )
        self.stdout.write(
            "found: services a search found (least-most of a few requests), rules on the "
            "service page, services on the list"
        )
        for line in failures(asked):
            self.stdout.write(line)

    def growth(self, measured: dict[int, dict[str, Shape]]) -> None:
        sizes = list(measured)
        if len(sizes) < 2:
            return
        first = sizes[0]
        self.stdout.write(f"\np50 as a multiple of its p50 at {first:,} services")
        self.stdout.write(f"{'shape':<14}" + "".join(f" {size:>9,}" for size in sizes[1:]))
        for label, shape in measured[first].items():
            row = "".join(f" {measured[size][label].p50 / shape.p50:>9.1f}" for size in sizes[1:])
            self.stdout.write(f"{label:<14}{row}")

    def targets(self, measured: dict[int, dict[str, Shape]]) -> None:
        sizes = list(measured)
        first, last = measured[sizes[0]], measured[sizes[-1]]
        self.stdout.write(
            f"\nTargets (set for PostgreSQL at 200,000 services on the project's 2-core "
            f"machine), at {sizes[-1]:,} services on {connection.vendor}:"
        )
        slow = [f"{s.label} {s.p95:.1f}" for s in last.values() if s.p95 >= TARGET_P95_MS]
        self.stdout.write(
            f"- every shape's p95 under {TARGET_P95_MS} ms: "
            + (f"no: {', '.join(slow)}" if slow else "yes")
        )
        if len(sizes) > 1:
            grown = [
                f"{label} {shape.p50 / first[label].p50:.1f}x"
                for label, shape in last.items()
                if shape.p50 > TARGET_GROWTH * first[label].p50
            ]
            self.stdout.write(
                f"- every shape's p50 within {TARGET_GROWTH}x its p50 at {sizes[0]:,}: "
                + (f"no: {', '.join(grown)}" if grown else "yes")
            )
            # The count varies with what a page shows (cards, or what each choice removed
            # when nothing is found); it grows if the largest directory needs more than any
            # smaller one did.
            more = [
                f"{label} {first[label].queries} -> {shape.queries}"
                for label, shape in last.items()
                if max(shape.query_counts, default=0)
                > max(max(measured[size][label].query_counts, default=0) for size in sizes[:-1])
            ]
            self.stdout.write(
                "- SQL queries per request do not grow with the directory: "
                + (f"no: {', '.join(more)}" if more else "yes")
            )
        if "mix" in last:
            floors = last["mix"].p50 / last["floor"].p50
            self.stdout.write(
                f"- the mix's p50 within {TARGET_MIX_FLOORS}x the floor's: "
                + ("yes" if floors <= TARGET_MIX_FLOORS else "no")
                + f" ({floors:.1f}x)"
            )
