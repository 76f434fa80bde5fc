"""`manage.py search_benchmark` runs every shape of search, for real, at a tiny size.

Run as its own process, as anyone runs it: the command builds and drops a database of its
own (in memory on SQLite; on PostgreSQL `test_<name>_bench`, named after this run's test
database so it meets no one else's), which a test's own database connection must not share.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from services.management.commands.search_benchmark import SHAPE_LABELS

ROOT = Path(__file__).resolve().parents[2]


def benchmark_environment() -> dict[str, str]:
    env = dict(os.environ)
    if url := env.get("DATABASE_URL"):
        parts = urlsplit(url)
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/test_{parts.path.lstrip('/')}"))
    return env


def run_benchmark(*args: str) -> str:
    finished = subprocess.run(
        [sys.executable, "manage.py", "search_benchmark", *args],
        cwd=ROOT,
        env=benchmark_environment(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def rows(output: str) -> dict[str, list[str]]:
    """The table's rows by shape: p50, p95, queries, x floor, found."""
    return {
        line.split()[0]: line.split()[1:]
        for line in output.splitlines()
        if line.split() and line.split()[0] in SHAPE_LABELS
    }


@pytest.fixture(scope="module")
def output() -> str:
    # Two sizes, for the growth table.
    return run_benchmark("--sizes", "100", "150", "--rounds", "1")


def test_every_shape_answers_at_every_size(output):
    tables = output.split("\np50 as a multiple")[0].split(" services: built ")[1:]
    assert len(tables) == 2
    for table in tables:
        found = rows(table)
        assert set(found) == set(SHAPE_LABELS)
        for label, (p50, p95, queries, times_floor, *_) in found.items():
            assert 0 < float(p50) <= float(p95), label
            assert all(n.isdigit() for n in queries.split("/")), label
            assert float(times_floor) > 0, label
        assert found["floor"][2] == "0"  # the bare view reads nothing
        # What each shape found: nothing; a service page's three rules; a full list.
        assert found["nothing-found"][4] == "0"
        assert found["service-page"][4] == "3"
        assert found["list-12"][4] == "12"
        assert "every request answered 200" in table


def test_growth_and_targets_are_reported(output):
    growth = output.split("\np50 as a multiple of its p50 at 100 services")[1]
    assert set(rows(growth.split("Targets")[0])) == set(SHAPE_LABELS)
    assert "Targets (set for PostgreSQL at 200,000 services" in output
    assert "the mix's p50 within 20x the floor's" in output


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own limit")
def test_sqlite_is_not_asked_for_more_than_it_holds_in_memory():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("search_benchmark", "--sizes", "1000", "200000")
