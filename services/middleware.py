"""When the database cannot be reached, answer every page with 503 and the crisis contacts.

A person may arrive in crisis at the moment the directory is down: they must still see
who to call, and be told the list will be back, not shown an error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger("support_finder")

RETRY_AFTER_SECONDS = 300


class DirectoryUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Static files never get here: WhiteNoise, earlier in MIDDLEWARE, has served them.
        try:
            # Connecting up front means a page never gets half-way before failing.
            connection.ensure_connection()
        except DatabaseError as error:
            return self.unavailable(error)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # The connection can also drop while a page is being built. Other database errors
        # (a broken rule, say) are bugs and go to the 500 page as usual.
        if isinstance(exception, OperationalError | InterfaceError):
            return self.unavailable(exception)
        return None

    @staticmethod
    def unavailable(error: Exception) -> HttpResponse:
        # The kind of failure only: never the address, the query string or the client.
        logger.error("Database unavailable: %s", type(error).__name__)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
