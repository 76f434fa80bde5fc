"""Benchmark the Open Referral UK API: p50/p95 milliseconds and SQL queries per request.

Builds the same synthetic directory as `manage.py search_benchmark`
(services/management/benchmarking.py: N published services with tags, a venue at a real
place, opening times, contacts, sources and rules), in a database of its own, then asks each
shape of request in turn, round after round, so a shared machine's changes of speed fall on
every shape alike:

    floor            a bare Django view through the same middleware: the framework's cost
    services p1      /api/oruk/services?per_page=50
    services mid     /api/oruk/services?per_page=50&page=<the middle page>
    per_page=500     /api/oruk/services?per_page=500
    service full     /api/oruk/services/<a random service's id>?full=true
    near postcode    /api/oruk/service_at_locations?postcode=<district>&proximity=16000
    minimal          /api/oruk/services?minimal=true
    open MO 09:00    /api/oruk/services?day=MO&start_time=09:00

    DEBUG=1 .venv/bin/python manage.py api_benchmark --sizes 1000          # SQLite, in memory
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/support_finder \\
        .venv/bin/python manage.py api_benchmark                           # 1,000 and 50,000

As search_benchmark does, it never writes to the database DATABASE_URL names: on PostgreSQL
it builds `<name>_bench`, fresh, and drops it at the end. Requests run with DEBUG off.

This module sits above the rooms, as config/ does, and may import any of them but config.
"""

from __future__ import annotations

import random

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from services.management.benchmarking import (
    FLOOR,
    Shape,
    as_a_server_runs,
    benchmark_client,
    database_of_its_own,
    failures,
    load_and_analyse,
    load_places,
    measure,
)
from services.models import Service
from services.places.warmup import prepare_process

API = "/api/oruk/"
PER_PAGE = 50
PROXIMITY_METRES = "16000"


def shapes(size: int, ids: list[str], postcode: str) -> list[Shape]:
    middle_page = max(1, (size // PER_PAGE) // 2)
    return [
        Shape("floor", lambda rng: (FLOOR, {})),
        Shape("services p1", lambda rng: (API + "services", {"per_page": PER_PAGE})),
        Shape(
            f"services p{middle_page}",
            lambda rng: (API + "services", {"per_page": PER_PAGE, "page": middle_page}),
        ),
        Shape("per_page=500", lambda rng: (API + "services", {"per_page": 500})),
        Shape(
            "service full",
            lambda rng: (API + f"services/{rng.choice(ids)}", {"full": "true"}),
        ),
        Shape(
            f"near {postcode}",
            lambda rng: (
                API + "service_at_locations",
                {"postcode": postcode, "proximity": PROXIMITY_METRES},
            ),
        ),
        Shape("minimal", lambda rng: (API + "services", {"minimal": "true"})),
        Shape(
            "open MO 09:00",
            lambda rng: (API + "services", {"day": "MO", "start_time": "09:00"}),
        ),
    ]


class Command(BaseCommand):
    help = (
        "Benchmark the Open Referral UK API on a synthetic directory built in a throwaway "
        "database (in memory on SQLite, <name>_bench on PostgreSQL): p50/p95 ms and SQL "
        "queries per request for each shape of request, beside a bare view."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 50_000])
        parser.add_argument("--rounds", type=int, default=100, help="requests of each shape")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--postcode", default="M1", help="the postcode district service_at_locations is near"
        )

    def handle(self, *args, **options) -> None:
        # As a production server runs (DEBUG off), with the bare view added.
        with as_a_server_runs():
            self.run(
                sorted(options["sizes"]),
                max(1, options["rounds"]),
                options["seed"],
                options["postcode"],
            )

    def run(self, sizes: list[int], rounds: int, seed: int, postcode: str) -> None:
        with database_of_its_own():
            places = load_places()
            rng = random.Random(seed)
            client = benchmark_client()
            prepare_process()  # as config/wsgi.py does in a server process
            self.stdout.write(f"database: {connection.vendor}; {rounds} requests of each shape")
            created = 0
            for size in sizes:
                load_and_analyse(created, size, places, rng)
                created = size
                self.measure(client, size, rounds, random.Random(seed + size), postcode)

    def measure(
        self, client: Client, size: int, rounds: int, rng: random.Random, postcode: str
    ) -> None:
        ids = [str(pk) for pk in Service.objects.published().values_list("uuid", flat=True)]
        measured = shapes(size, ids, postcode)
        loops = measure(client, measured, rounds, rng)
        self.stdout.write(f"\n{size} services (fixed loop ms before/after: {loops})")
        self.stdout.write(f"{'request':<18} {'p50 ms':>8} {'p95 ms':>8} {'queries/request':>16}")
        for shape in measured:
            self.stdout.write(
                f"{shape.label:<18} {shape.p50:>8.1f} {shape.p95:>8.1f} {shape.queries:>16}"
            )
        for line in failures(measured):
            self.stdout.write(line)
