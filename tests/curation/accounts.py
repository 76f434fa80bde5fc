"""Curators' accounts for tests: staff users in the roles the migration made, and the ways
in through the admin door (a password, then a code from an authenticator app)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor.utils import default_device

PASSWORD = "a long and unusual passphrase 7"


def member_of(role: str, username: str | None = None):
    """A staff account (never a superuser) in one of the roles the migration made."""
    user = get_user_model().objects.create_user(
        username or role, f"{username or role}@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def authenticator_app(user) -> TOTPDevice:
    """The user's authenticator app, as the set-up page leaves it (two_factor looks for the
    confirmed device named "default")."""
    return default_device(user) or TOTPDevice.objects.create(
        user=user, name="default", confirmed=True
    )


def code_from(device: TOTPDevice) -> str:
    """The code the app shows now, as a person would type it. A code is taken once: if this
    time step's was used already, the next step's (which the device accepts, one step
    either side) is given."""
    device.refresh_from_db()
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    step = max(now, device.last_t + 1)
    return str(hotp(device.bin_key, step, digits=device.digits)).zfill(device.digits)


def log_in(client, username: str, password: str = PASSWORD, next_url: str = ""):
    """The real login, as a browser posts it: username and password, then the app's code.
    Returns the last page, redirects followed."""
    device = authenticator_app(get_user_model().objects.get(username=username))
    login = reverse("admin:login") + (f"?next={next_url}" if next_url else "")
    client.post(
        login,
        {"login-current_step": "auth", "auth-username": username, "auth-password": password},
    )
    return client.post(
        login, {"login-current_step": "token", "token-otp_token": code_from(device)}, follow=True
    )


def verified_login(client, user) -> None:
    """Signed in with a second factor, without going through the login pages: for tests of
    what comes after the door."""
    device = authenticator_app(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def log_in_in_chromium(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """The real login in a browser: username, password, then the code from the app."""
    user = get_user_model().objects.get(username=username)
    device = authenticator_app(user)
    page.goto(base_url + reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code from your app").fill(code_from(device))
    page.get_by_role("button", name="Confirm code").click()
    page.wait_for_url(base_url + reverse("admin:index"))
