"""Error pages and error logging.

Every error page shows the crisis contacts and "Exit this page": a person can reach one at
any moment, in any state. Pages for failures (400, 403, 405, 500) use no database and no
URL look-ups, so they render whatever else is broken.

Logs never hold what people searched for: an unexpected exception is written down with the
request's method and path, the kind of exception and where in the code it was raised. Not
the query string, not the client's address, and not the exception's message, which can
quote what someone typed ("invalid literal for int(): 'secret'").
"""

from __future__ import annotations

import logging
import sys
import traceback

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger("support_finder")


def log_unhandled_exception(sender, request: HttpRequest | None = None, **kwargs) -> None:
    """Receiver for Django's got_request_exception, sent for every exception a page raises."""
    kind, _, trace = sys.exc_info()
    where = f"{request.method} {request.path}" if request is not None else "outside a request"
    frames = "".join(traceback.format_tb(trace)) if trace else ""
    name = kind.__qualname__ if kind else "unknown exception"
    logger.error("Unhandled %s on %s\n%s", name, where, frames.rstrip())


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    response = defaults.page_not_found(request, exception)
    # It stands in for a service page or a search, which are never kept in a cache.
    if request.path.startswith(reverse("services:list")):
        add_never_cache_headers(response)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form post refused by the CSRF check (only the curators' admin takes posts)."""
    return error_page("403.html", 403)


def error_page(template_name: str, status: int) -> HttpResponse:
    response = HttpResponse(render_to_string(template_name), status=status)
    add_never_cache_headers(response)
    return response
