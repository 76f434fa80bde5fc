"""Settings fail closed: production refuses to start without a key, trusts only the proxy it
is told about, opts in to HSTS extras, and a database that hangs ends in the 503 page."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connection

ROOT = Path(__file__).resolve().parents[2]
CRISIS_HEADING = "If you need to talk to someone now"

READ_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({name: getattr(settings, name, None) for name in %r}))
"""
SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT",
]


def run_python(script: str, timeout: float = 60, **environment: str) -> subprocess.CompletedProcess:
    """A fresh process with config.settings, as the site starts: no test settings, no key
    unless one is given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "BEHIND_HTTPS_PROXY"}
        and not key.startswith("SECURE_")
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings", **environment)
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def production_settings(**environment: str) -> dict:
    result = run_python(READ_SETTINGS % SECURITY_SETTINGS, SECRET_KEY="k" * 50, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_debug_the_site_refuses_to_start_with_no_secret_key():
    result = run_python("import django; django.setup()")
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment" in result.stderr


def test_locally_with_debug_on_the_site_starts_without_a_secret_key():
    result = run_python("import django; django.setup(); print('started')", DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_x_forwarded_proto_is_trusted_only_behind_a_configured_proxy():
    assert production_settings()["SECURE_PROXY_SSL_HEADER"] is None
    behind = production_settings(BEHIND_HTTPS_PROXY="1")
    assert behind["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_hsts_preload_and_subdomains_are_opt_in():
    plain = production_settings()
    assert plain["SECURE_HSTS_PRELOAD"] is False
    assert plain["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    opted_in = production_settings(SECURE_HSTS_PRELOAD="1", SECURE_HSTS_INCLUDE_SUBDOMAINS="1")
    assert opted_in["SECURE_HSTS_PRELOAD"] is True
    assert opted_in["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


@pytest.mark.django_db
def test_a_spoofed_forwarded_proto_does_not_make_a_plain_request_secure(settings, client):
    settings.SECURE_PROXY_SSL_HEADER = None
    response = client.get("/about/", headers={"X-Forwarded-Proto": "https"})
    assert response.wsgi_request.is_secure() is False


@pytest.fixture
def silent_database():
    """A socket that accepts connections and never answers, like a hung database server."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_hold():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_hold, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    for connection_held in held:
        connection_held.close()
    listener.close()


FETCH_HOME = """
import time, django
from django.test import Client
django.setup()
started = time.monotonic()
response = Client().get("/")
print(response.status_code, round(time.monotonic() - started, 1),
      %r in response.content.decode())
"""


def test_a_database_that_never_answers_ends_in_the_503_page_within_seconds(silent_database):
    started = time.monotonic()
    result = run_python(
        FETCH_HOME % CRISIS_HEADING,
        timeout=60,
        SECRET_KEY="k" * 50,
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{silent_database}/support_finder",
        DATABASE_CONNECT_TIMEOUT="2",
    )
    assert result.returncode == 0, result.stderr
    status, seconds, shows_crisis_contacts = result.stdout.split()
    assert status == "503"
    assert shows_crisis_contacts == "True"
    # libpq's shortest connect timeout is 2 s; without one this waits for the OS (minutes).
    assert float(seconds) < 10
    assert time.monotonic() - started < 30


@pytest.mark.django_db
def test_a_query_that_runs_too_long_is_stopped_by_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's; SQLite runs in the same process")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "5s"
        cursor.execute("SET LOCAL statement_timeout = 100")
        with pytest.raises(OperationalError):
            cursor.execute("SELECT pg_sleep(2)")
