"""The production server's settings: `gunicorn -c gunicorn.conf.py config.wsgi`.

Read from the environment:

GUNICORN_BIND     where to listen: "127.0.0.1:8000", "unix:/run/support-finder.sock";
                  several separated by commas. Wins over PORT.
PORT              set by platforms that route to the process: listen on 0.0.0.0:PORT.
                  With neither, 127.0.0.1:8000, reachable only by a proxy on the same machine.
WEB_CONCURRENCY   worker processes (default 2 per CPU, plus 1).
GUNICORN_TIMEOUT  seconds a request may run before its worker is stopped (default 30).

gunicorn applies GUNICORN_CMD_ARGS and command-line options after this file, so they can
change any setting here. The logging stays safe regardless: config.gunicorn_logging's
logger writes no access log even if --access-logfile is given, and removes query strings
and client addresses from every error-log line, at any --log-level. Do not pass
--logger-class, which would replace it.
"""

import os


def _cpus() -> int:
    # The CPUs this process may use (a container or cgroup may allow fewer than the machine has).
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


if os.environ.get("GUNICORN_BIND"):
    bind = [
        address.strip() for address in os.environ["GUNICORN_BIND"].split(",") if address.strip()
    ]
elif os.environ.get("PORT"):
    bind = [f"0.0.0.0:{os.environ['PORT']}"]
else:
    bind = ["127.0.0.1:8000"]

# Sync workers, one request each: a search spends part of its time waiting on the database,
# when another worker can use the CPU (gunicorn's own rule of thumb). They expect a proxy in
# front that buffers slow clients (nginx, or a platform's router).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * _cpus() + 1))

# A search takes tens of milliseconds; a request still running after this is stuck (a
# database that never answers, say). Its worker is stopped and replaced, and the error log
# says "WORKER TIMEOUT" and which path it was answering.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))

# Load the site once, in the master process, before forking the workers: they share the
# place data (services/places/warmup.py) instead of each reading its own copy, and a site that
# cannot start fails at once rather than in every worker.
preload_app = True

# The logs: see config/gunicorn_logging.py. No access log; errors to stderr, for the
# service manager (journald, the platform) to collect.
logger_class = "config.gunicorn_logging.SafeLogger"
accesslog = None
errorlog = "-"
loglevel = "info"


# gunicorn's control socket (for `gunicornc`) is off: nothing here uses it, signals do the
# same (HUP re-reads this file, TTIN/TTOU change the worker count, TERM stops), and its
# default path in the home directory would be shared by every instance run by one user.
control_socket_disable = True


def pre_fork(server, worker):
    # With preload_app, a database connection opened while loading the site would be
    # inherited by every worker, all talking over one socket. Loading opens none today; this
    # keeps it that way if start-up work ever reads the database.
    from django.db import connections

    connections.close_all()
