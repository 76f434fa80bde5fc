"""How long an admin session lasts: 30 minutes idle, 12 hours in all.

Idle: the session expires SESSION_COOKIE_AGE (30 minutes) after it was last saved, and it is
saved on every signed-in admin request. That is SESSION_SAVE_EVERY_REQUEST, but for the admin
only: the setting would also write a session row, and send a cookie, for any public page
asked for with a stale or made-up session cookie.

In all: the login time is written into the session when someone logs in; a session older
than ADMIN_SESSION_MAX_SECONDS is ended however busy it has been.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

LOGGED_IN_AT = "door_logged_in_at"

logger = logging.getLogger("support_finder.admin_door")


def connect() -> None:
    user_logged_in.connect(stamp_login_time, dispatch_uid="door-login-time")


def stamp_login_time(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = int(time.time())


class AdminSessionLimitsMiddleware:
    """After AuthenticationMiddleware. Public pages are left alone: they have no session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(reverse("admin:index")) and request.user.is_authenticated:
            logged_in_at = request.session.get(LOGGED_IN_AT)
            limit = settings.ADMIN_SESSION_MAX_SECONDS
            # A session with no login time was not made by a login here: it is ended too.
            if logged_in_at is None or time.time() - logged_in_at >= limit:
                logger.info(
                    "Session ended: %r logged in %d hours ago or more",
                    request.user.get_username(),
                    limit // 3600,
                )
                logout(request)
            else:
                request.session.modified = True
        return self.get_response(request)
