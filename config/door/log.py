"""Logins, failed logins and lockouts, written to the "support_finder.admin_door" logger.

Each line has the username and, in place of the address, a keyed hash of it
(addresses.address_for_logs); the log's formatter adds the time. Passwords never reach
these functions' messages: Django hands failed-login signals the credentials with the
password already masked, and only the username is taken from them.
"""

from __future__ import annotations

import logging

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from config.door.addresses import address_for_logs, client_address

logger = logging.getLogger("support_finder.admin_door")

# A username is what someone typed; long or odd ones are cut and quoted, so one line stays one.
LONGEST_USERNAME_LOGGED = 150


def connect() -> None:
    user_logged_in.connect(logged_in, dispatch_uid="door-logged-in")
    user_logged_out.connect(logged_out, dispatch_uid="door-logged-out")
    user_login_failed.connect(login_failed, dispatch_uid="door-login-failed")
    user_locked_out.connect(locked_out, dispatch_uid="door-locked-out")


def logged_in(sender, request: HttpRequest | None, user, **kwargs) -> None:
    logger.info("Login: %s (address %s)", _name(user.get_username()), _address(request))


def logged_out(sender, request: HttpRequest | None, user, **kwargs) -> None:
    username = user.get_username() if user is not None else ""
    logger.info("Logout: %s (address %s)", _name(username), _address(request))


def login_failed(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    logger.warning(
        "Failed login: %s (address %s)",
        _known_name(credentials.get("username") or ""),
        _address(request),
    )


def locked_out(sender, request: HttpRequest, username: str | None, **kwargs) -> None:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    logger.warning(
        "Lockout: %s, after %d failed logins, for %d minutes (address %s)",
        _known_name(username or ""),
        settings.AXES_FAILURE_LIMIT,
        minutes,
        _address(request),
    )


def _name(username: str) -> str:
    return repr(username[:LONGEST_USERNAME_LOGGED])


def _known_name(typed: str) -> str:
    """What was typed as a username, only when it is one: a password typed into the wrong
    box must never reach the log. Anything else is a short keyed hash, so repeated tries
    can still be matched up."""
    if (
        typed
        and get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: typed}).exists()
    ):
        return _name(typed)
    if not typed:
        return "(none)"
    return f"not an account ({address_for_logs(typed)})"


def _address(request: HttpRequest | None) -> str:
    return address_for_logs(client_address(request) if request is not None else None)
