"""Answers that must hold when things go wrong: the database down, a method refused, and
the admin's own referrer policy.

A person may arrive in crisis at the moment the directory is down: they must still see
who to call, and be told the list will be back, not shown an error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from services.pages.errors import error_page

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
        response = error_page("503.html", 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class AdminReferrerPolicyMiddleware:
    """Public pages send no Referer (SECURE_REFERRER_POLICY is no-referrer), so the sites
    people go on to never learn they came from here. With that policy Chromium sends
    `Origin: null` on form posts too, and Django's CSRF check then refuses every admin login
    and save. The curators' admin, and only it, uses same-origin: its own posts carry its
    origin, and links out of it still send nothing.

    Placed after SecurityMiddleware, which sets the site-wide policy only where a response
    has none.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(reverse("admin:index")):
            response.headers["Referrer-Policy"] = "same-origin"
        return response


class MethodNotAllowedPageMiddleware:
    """Views refuse methods they do not take (POST to a search, say) with an empty 405;
    give it a page with the crisis contacts and the way out, like every other answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = error_page("405.html", 405)
            page["Allow"] = response["Allow"]
            return page
        return response
