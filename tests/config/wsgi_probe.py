"""The site's WSGI application with failures on demand, for tests/config/test_production_server.py.

Only the test serves this (`gunicorn -c gunicorn.conf.py tests.config.wsgi_probe:application`);
the site's own URLs gain nothing. Every other path goes to the site unchanged.

/__probe/raise         an exception escapes the application, so gunicorn itself logs
                       "Error handling request ..." (its message quotes the request target,
                       as careless code might)
/__probe/sleep         runs past the worker timeout, so gunicorn stops the worker
/__probe/django-raise/ a Django view that fails on what was typed, as a bug in a view would:
                       Django's own error handling and the site's error log run
"""

import time
from importlib import import_module

from django.conf import settings
from django.urls import path

# Sets Django up, which reading the site's URLs below needs.
from config.wsgi import application as site

SLEEP_SECONDS = 10


def failing_view(request):
    # The exception's message quotes the search ("invalid literal for int() ...: 'words'").
    return int(request.GET.get("q", ""))


# Only in the process serving the probe. First, so no site pattern can take the path.
import_module(settings.ROOT_URLCONF).urlpatterns.insert(
    0, path("__probe/django-raise/", failing_view)
)


def application(environ, start_response):
    target = environ.get("PATH_INFO", "")
    if target == "/__probe/raise":
        raise RuntimeError(f"probe failure while answering {environ.get('RAW_URI')}")
    if target == "/__probe/sleep":
        time.sleep(SLEEP_SECONDS)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"slept\n"]
    return site(environ, start_response)
