"""The production server, as configured by gunicorn.conf.py, never writes down a search.

gunicorn serves tests/config/wsgi_probe.py (the site, plus failures on demand) with the repository's
own configuration and production settings, on a SQLite file of its own (whatever database
the rest of the run uses). Searches, a missing page, an exception that escapes the site, a
failing view, a request that outlives the worker timeout and requests gunicorn cannot parse
all carry a made-up search word; then the server stops and its output is read.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from config.gunicorn_logging import RedactRequestData, redact

REPO = Path(__file__).resolve().parents[2]
PLACE = "TQ1+1AA"
START_SECONDS = 20
REQUEST_SECONDS = 15
STOP_SECONDS = 15
# The repository's configuration, serving the site with failures on demand.
SERVE = [
    sys.executable,
    "-m",
    "gunicorn",
    "-c",
    "gunicorn.conf.py",
    "tests.config.wsgi_probe:application",
]


@dataclass
class ServerRun:
    search_word: str
    statuses: dict[str, int | str]
    log: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(database: Path, port: int) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        # Nothing from the outer run may change the server under test.
        if name not in {"DEBUG", "DATABASE_URL", "PORT", "WEB_CONCURRENCY"}
        and not name.startswith("GUNICORN_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{database}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        GUNICORN_TIMEOUT="2",
        # As if someone switched the access log on by mistake: it must stay off.
        GUNICORN_CMD_ARGS="--access-logfile -",
    )
    return env


def wait_until_listening(server: subprocess.Popen, port: int, logs: list[Path]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{read(logs)}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"gunicorn did not listen within {START_SECONDS} s:\n{read(logs)}")


def read(logs: list[Path]) -> str:
    return "".join(path.read_text(errors="replace") for path in logs if path.exists())


def get(port: int, target: str, search_word: str) -> int | str:
    """The status of a GET, or the kind of failure if no answer came."""
    # No proxy from the environment: requests go to 127.0.0.1 only.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{target}",
        # Cookies and the page people came from must not be written down either.
        headers={
            "Cookie": f"sessionid={search_word}",
            "Referer": f"http://127.0.0.1:{port}/services/?q={search_word}",
        },
    )
    try:
        with opener.open(request, timeout=REQUEST_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code
    except (urllib.error.URLError, ConnectionError) as error:
        return type(error).__name__


def send_raw(port: int, request: bytes) -> str:
    """Bytes no HTTP client would send, for gunicorn's own parser to refuse."""
    with socket.create_connection(("127.0.0.1", port), timeout=REQUEST_SECONDS) as client:
        client.sendall(request)
        return client.recv(64).decode("latin-1").split("\r\n", 1)[0]


@pytest.fixture(scope="module")
def server_run(tmp_path_factory) -> ServerRun:
    directory = tmp_path_factory.mktemp("production-server")
    port = free_port()
    env = production_environment(directory / "site.sqlite3", port)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )

    search_word = f"CANARY-{uuid.uuid4().hex}"
    q = f"q={search_word}"
    stdout, stderr = directory / "stdout.log", directory / "stderr.log"
    logs = [stdout, stderr]
    with stdout.open("w") as out, stderr.open("w") as err:
        server = subprocess.Popen(
            SERVE,
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=err,
            # Its own process group, so a server that will not stop is killed with its workers.
            start_new_session=True,
        )
    try:
        wait_until_listening(server, port, logs)
        statuses = {
            label: get(port, target, search_word)
            for label, target in [
                ("search", f"/services/?{q}&near={PLACE}"),
                ("missing page", f"/services/no-such/?{q}"),
                ("exception escapes the site", f"/__probe/raise?{q}"),
                ("view fails", f"/__probe/django-raise/?{q}"),
                # Past GUNICORN_TIMEOUT: the worker is stopped, a new one answers what follows.
                ("worker timeout", f"/__probe/sleep?{q}"),
                # More fields than Django takes: its security logger writes an error.
                ("too many fields", f"/services/?{q}&" + "a&" * 1001),
            ]
        }
        statuses["bad request line"] = send_raw(
            port, f"GET /services/?{q} more words HTTP/1.1\r\nHost: x\r\n\r\n".encode()
        )
        statuses["bad header"] = send_raw(
            port, f"GET /services/ HTTP/1.1\r\nHost: x\r\n{search_word}\r\n\r\n".encode()
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=STOP_SECONDS)
    return ServerRun(search_word, statuses, read(logs))


def test_requests_got_the_answers_the_log_is_about(server_run):
    # Otherwise the log could be clean only because nothing happened.
    assert server_run.statuses == {
        "search": 200,
        "missing page": 404,
        "exception escapes the site": 500,
        "view fails": 500,
        "worker timeout": 500,
        "too many fields": 400,
        "bad request line": "HTTP/1.1 400 Bad Request",
        "bad header": "HTTP/1.1 400 Bad Request",
    }


def test_the_log_never_holds_the_search_or_the_place(server_run):
    log = server_run.log
    assert server_run.search_word not in log
    # Nor the unique part of it, in any case or encoding.
    assert server_run.search_word.removeprefix("CANARY-") not in log.lower()
    assert PLACE not in log
    assert PLACE.replace("+", " ") not in log


def test_the_log_never_holds_a_client_address(server_run):
    # 127.0.0.1 is both this server's address and the client's. Only the line saying where
    # the server listens may hold it.
    lines = [line for line in server_run.log.splitlines() if "127.0.0.1" in line]
    assert lines
    assert all("Listening at: http://127.0.0.1:" in line for line in lines), lines
    assert "Invalid request from ip=[address]: " in server_run.log


def test_there_is_no_access_log(server_run):
    log = server_run.log
    assert "/services/no-such/" not in log
    assert '"GET ' not in log


def test_the_log_still_says_what_failed_and_where(server_run):
    log = server_run.log
    # An exception that escaped the site: gunicorn's line, and the exception's own message,
    # with the path kept and the query string removed.
    assert "[ERROR] Error handling request GET /__probe/raise?[redacted]\n" in log
    assert "RuntimeError: probe failure while answering /__probe/raise?[redacted]\n" in log
    # The request that outlived the worker timeout.
    assert "[CRITICAL] WORKER TIMEOUT (pid:" in log
    assert "Error handling request GET /__probe/sleep?[redacted]\n" in log
    # Requests gunicorn could not parse: the kind of failure, not what was sent.
    assert "Invalid HTTP Version: [redacted]" in log
    assert "Invalid HTTP Header: [redacted]" in log


# The redaction itself, record by record (config/gunicorn_logging.py).


def gunicorn_record(message: str, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("gunicorn.error", logging.ERROR, __file__, 1, message, args, exc_info)


def test_a_request_line_keeps_its_method_and_path_only():
    record = gunicorn_record(
        "Error handling request %s %s", "GET", "/services/?q=cutting&near=TQ1+1AA"
    )
    RedactRequestData().filter(record)
    assert record.getMessage() == "Error handling request GET /services/?[redacted]"


def test_a_request_gunicorn_cannot_parse_keeps_the_kind_of_failure_only():
    for address in ["203.0.113.9", "2001:db8::7", "::1"]:
        record = gunicorn_record(
            f"Invalid request from ip={address}: Invalid HTTP request line: "
            "'GET /services/?q=self harm HTTP/1.1'"
        )
        RedactRequestData().filter(record)
        assert record.getMessage() == (
            "Invalid request from ip=[address]: Invalid HTTP request line: [redacted]"
        )


def test_a_traceback_loses_the_query_string_in_its_message():
    try:
        raise ValueError("no service at /services/?q=cutting from 203.0.113.9")
    except ValueError:
        record = gunicorn_record("Error handling request", exc_info=sys.exc_info())
    RedactRequestData().filter(record)
    text = logging.Formatter().format(record)
    assert "ValueError: no service at /services/?[redacted]" in text
    assert "cutting" not in text
    assert "203.0.113.9" not in text
    # The exception itself is gone too: a handler cannot format it again, unredacted.
    assert record.exc_info is None


def test_where_the_server_listens_is_kept_and_times_are_not_addresses():
    record = gunicorn_record("Listening at: %s (%s)", "http://127.0.0.1:8000", 4242)
    RedactRequestData().filter(record)
    assert record.getMessage() == "Listening at: http://127.0.0.1:8000 (4242)"
    assert redact("restarted at 12:34:56") == "restarted at 12:34:56"
