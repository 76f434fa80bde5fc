"""The admin door: a password of 12 characters or more, then a code from an authenticator app
or a one-use backup code; a username and address locked out for 30 minutes after 5 wrong
passwords; sessions ended after 30 minutes idle and 12 hours in all; logins and lockouts
logged without passwords or addresses; the admin wherever ADMIN_URL says."""

import logging
import re
from datetime import datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice

from config.door.addresses import client_address
from services import hours
from tests.config.test_settings import run_python
from tests.curation.accounts import (
    PASSWORD,
    authenticator_app,
    code_from,
    log_in,
    member_of,
    verified_login,
)

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 14, 0, tzinfo=hours.UK)
WRONG_PASSWORD = "not the passphrase at all 9"
HOME = "10.0.0.1"
ELSEWHERE = "10.0.0.2"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def curator(db):
    user = member_of("curator")
    authenticator_app(user)
    return user


def admin_index():
    return reverse("admin:index")


def try_password(client, password: str, username: str = "curator", **request):
    return client.post(
        reverse("admin:login"),
        {"login-current_step": "auth", "auth-username": username, "auth-password": password},
        **request,
    )


def is_the_login_page(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


# Logging in


def test_a_curator_logs_in_with_their_password_then_the_code_from_their_app(client, curator):
    asked_for_code = try_password(client, PASSWORD)
    assert asked_for_code.status_code == 200
    assert "Code from your app" in asked_for_code.content.decode()
    assert is_the_login_page(client.get(admin_index()))

    response = client.post(
        reverse("admin:login"),
        {"login-current_step": "token", "token-otp_token": code_from(authenticator_app(curator))},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == admin_index()
    assert response.status_code == 200
    assert response.wsgi_request.user.is_verified()


def test_a_wrong_code_keeps_the_admin_shut(client, curator):
    try_password(client, PASSWORD)
    right = code_from(authenticator_app(curator))
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(
        reverse("admin:login"), {"login-current_step": "token", "token-otp_token": wrong}
    )
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert is_the_login_page(client.get(admin_index()))


def test_a_backup_code_lets_a_curator_in_once(client, curator):
    backup = StaticDevice.objects.create(user=curator, name="backup")
    backup.token_set.create(token="k7m2q9x4")

    def log_in_with_the_backup_code(client):
        try_password(client, PASSWORD)
        switched = client.post(reverse("admin:login"), {"wizard_goto_step": "backup"})
        assert "Backup code" in switched.content.decode()
        return client.post(
            reverse("admin:login"), {"login-current_step": "backup", "backup-otp_token": "k7m2q9x4"}
        )

    first = log_in_with_the_backup_code(client)
    assert first.status_code == 302
    assert client.get(admin_index()).status_code == 200

    client.logout()
    second = log_in_with_the_backup_code(client)
    assert second.status_code == 200
    assert is_the_login_page(client.get(admin_index()))


def test_the_token_page_offers_a_backup_code_only_to_those_who_have_some(client, curator):
    assert "Use a backup code" not in try_password(client, PASSWORD).content.decode()
    StaticDevice.objects.create(user=curator, name="backup").token_set.create(token="k7m2q9x4")
    client.logout()
    assert "Use a backup code" in try_password(client, PASSWORD).content.decode()


def test_an_account_that_is_not_staff_does_not_get_past_the_password(client):
    get_user_model().objects.create_user("reader", "reader@example.org", PASSWORD)
    response = try_password(client, PASSWORD, username="reader")
    assert response.status_code == 200
    assert "staff account" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_a_password_without_the_second_factor_opens_no_admin_page(client, curator):
    client.force_login(curator)
    for url in (admin_index(), reverse("admin:services_service_changelist")):
        assert is_the_login_page(client.get(url))


# Setting up the second factor


def test_staff_without_an_app_are_walked_through_setting_one_up_and_printing_backup_codes(
    client,
):
    newcomer = member_of("curator", "newcomer")
    response = try_password(client, PASSWORD, username="newcomer")
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup")

    # Nothing in the admin opens until the app is set up; asking for it leads back here.
    for url in (admin_index(), reverse("admin:services_service_changelist")):
        refused = client.get(url, follow=True)
        assert refused.redirect_chain[-1][0] == reverse("two_factor:setup")

    setup = reverse("two_factor:setup")
    assert "authenticator app" in client.get(setup).content.decode()
    scan = client.post(setup, {"setup_view-current_step": "welcome"})
    page = scan.content.decode()
    assert f'src="{reverse("two_factor:qr")}"' in page
    qr = client.get(reverse("two_factor:qr"))
    assert qr["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in qr.content

    key = bytes.fromhex(client.session["wizard_setup_view"]["extra_data"]["keys"]["generator"])
    code = f"{totp(key):06d}"
    done = client.post(setup, {"setup_view-current_step": "generator", "generator-token": code})
    assert done["Location"] == reverse("two_factor:setup_complete")
    assert authenticator_app(newcomer).confirmed

    complete = client.get(done["Location"]).content.decode()
    assert reverse("two_factor:backup_tokens") in complete
    codes = client.post(reverse("two_factor:backup_tokens"), follow=True).content.decode()
    assert len(re.findall(r"<li><code>\w+</code></li>", codes)) == 10
    assert client.get(admin_index()).status_code == 200


def test_the_door_pages_load_nothing_from_other_sites(client, curator):
    for response in (client.get(reverse("admin:login")), try_password(client, PASSWORD)):
        page = response.content.decode()
        assert not re.search(r"""(src|href)=["'](https?:)?//""", page)
        assert "Support Finder curators" in page


# Lockouts


def test_five_wrong_passwords_lock_that_username_from_that_address_for_30_minutes(
    client, curator, clock
):
    for _ in range(4):
        refused = try_password(client, WRONG_PASSWORD, REMOTE_ADDR=HOME)
        assert refused.status_code == 200
    locked = try_password(client, WRONG_PASSWORD, REMOTE_ADDR=HOME)
    assert locked.status_code == 429
    # Even the right password is refused from there, and the wait does not start again.
    clock.shift(timedelta(minutes=10))
    assert try_password(client, PASSWORD, REMOTE_ADDR=HOME).status_code == 429

    clock.shift(timedelta(minutes=20, seconds=1))
    assert try_password(client, PASSWORD, REMOTE_ADDR=HOME).status_code == 200


def test_a_locked_username_can_still_log_in_from_another_address(client, curator, clock):
    for _ in range(5):
        try_password(client, WRONG_PASSWORD, REMOTE_ADDR=HOME)
    assert try_password(client, PASSWORD, REMOTE_ADDR=HOME).status_code == 429
    response = try_password(client, PASSWORD, REMOTE_ADDR=ELSEWHERE)
    assert response.status_code == 200
    assert "Code from your app" in response.content.decode()


def test_other_usernames_from_a_locked_address_can_still_log_in(client, curator, clock):
    member_of("reviewer")
    authenticator_app(get_user_model().objects.get(username="reviewer"))
    for _ in range(5):
        try_password(client, WRONG_PASSWORD, REMOTE_ADDR=HOME)
    response = try_password(client, PASSWORD, username="reviewer", REMOTE_ADDR=HOME)
    assert response.status_code == 200
    assert "Code from your app" in response.content.decode()


def test_the_lockout_page_says_when_to_try_again_and_who_can_help(client, curator, clock):
    for _ in range(5):
        response = try_password(client, WRONG_PASSWORD, REMOTE_ADDR=HOME)
    page = " ".join(response.content.decode().split())
    assert response.status_code == 429
    assert "Too many tries" in page
    assert "You can try again after 14:30 on Tuesday 1 December" in page
    assert "administrators" in page
    assert "Support Finder curators" in page  # the admin's own look


def test_a_spoofed_forwarded_for_header_is_ignored_when_the_address_is_remote_addr(
    client, curator, settings
):
    settings.CLIENT_ADDRESS_HEADER = "REMOTE_ADDR"
    for number in range(5):
        try_password(
            client, WRONG_PASSWORD, REMOTE_ADDR=HOME, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}"
        )
    spoofed = try_password(client, PASSWORD, REMOTE_ADDR=HOME, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert spoofed.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {HOME}


def test_behind_a_proxy_only_the_entry_it_added_to_the_header_counts(client, curator, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    for number in range(5):
        try_password(
            client,
            WRONG_PASSWORD,
            REMOTE_ADDR="172.16.0.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {HOME}",
        )
    made_up_left_entry = try_password(
        client, PASSWORD, REMOTE_ADDR="172.16.0.9", HTTP_X_FORWARDED_FOR=f"{ELSEWHERE}, {HOME}"
    )
    assert made_up_left_entry.status_code == 429
    another_client = try_password(
        client, PASSWORD, REMOTE_ADDR="172.16.0.9", HTTP_X_FORWARDED_FOR=ELSEWHERE
    )
    assert another_client.status_code == 200


@pytest.mark.parametrize(
    ("header", "meta", "address"),
    [
        ("REMOTE_ADDR", {"REMOTE_ADDR": HOME, "HTTP_X_FORWARDED_FOR": ELSEWHERE}, HOME),
        (
            "HTTP_X_FORWARDED_FOR",
            {"REMOTE_ADDR": HOME, "HTTP_X_FORWARDED_FOR": ELSEWHERE},
            ELSEWHERE,
        ),
        ("HTTP_X_FORWARDED_FOR", {"HTTP_X_FORWARDED_FOR": f"192.0.2.7,{ELSEWHERE}"}, ELSEWHERE),
        ("HTTP_X_REAL_IP", {"HTTP_X_REAL_IP": " 2001:db8::1 "}, "2001:db8::1"),
        ("HTTP_X_FORWARDED_FOR", {"REMOTE_ADDR": HOME}, None),
        ("HTTP_X_FORWARDED_FOR", {"HTTP_X_FORWARDED_FOR": "<script>"}, None),
    ],
)
def test_the_client_address_comes_from_the_configured_header_alone(settings, header, meta, address):
    settings.CLIENT_ADDRESS_HEADER = header
    request = RequestFactory().get("/", **meta)
    assert client_address(request) == address


# Sessions


def test_an_admin_session_ends_after_30_minutes_idle(client, curator, clock):
    log_in(client, "curator")
    for _ in range(4):
        clock.shift(timedelta(minutes=29))
        assert client.get(admin_index()).status_code == 200
    clock.shift(timedelta(minutes=31))
    assert is_the_login_page(client.get(admin_index()))


def test_an_admin_session_ends_after_12_hours_however_busy(client, curator, clock):
    log_in(client, "curator")
    for _ in range(28):  # every 25 minutes: 11 hours 40 minutes
        clock.shift(timedelta(minutes=25))
        assert client.get(admin_index()).status_code == 200
    clock.shift(timedelta(minutes=20))
    assert is_the_login_page(client.get(admin_index()))
    assert not client.get(admin_index()).wsgi_request.user.is_authenticated


def test_public_pages_set_no_cookie_for_a_signed_in_curator(client, curator):
    verified_login(client, curator)
    response = client.get(reverse("services:home"))
    assert response.status_code == 200
    assert not response.cookies


# Passwords


def test_a_password_needs_12_characters():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Tq7#mblx9Rz")
    validate_password("Tq7#mblx9Rzw")


def test_the_admin_refuses_an_11_character_password(client, curator):
    verified_login(client, curator)
    response = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": "Tq7#mblx9Rz", "new_password2": "Tq7#mblx9Rz"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    curator.refresh_from_db()
    assert curator.check_password(PASSWORD)


# Logs


def test_logins_failures_and_lockouts_are_logged_without_the_password_or_address(
    client, curator, caplog
):
    caplog.set_level(logging.DEBUG)
    for _ in range(5):
        try_password(client, WRONG_PASSWORD, REMOTE_ADDR=HOME)
    log_in(client, "curator")

    door = [r.getMessage() for r in caplog.records if r.name == "support_finder.admin_door"]
    failures = [line for line in door if line.startswith("Failed login: 'curator' (address ")]
    assert len(failures) == 5
    assert len(set(failures)) == 1  # one address, the same stand-in for it each time
    assert any(line.startswith("Lockout: 'curator', after 5 failed logins") for line in door)
    assert any(line.startswith("Login: 'curator'") for line in door)

    everything = "\n".join(
        f"{record.getMessage()} {record.args!r} {record.__dict__!r}" for record in caplog.records
    )
    assert WRONG_PASSWORD not in everything
    assert PASSWORD not in everything
    assert HOME not in "\n".join(door)
    stored = "\n".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "auth-username=curator" in stored
    assert WRONG_PASSWORD not in stored


# Where the admin lives

READ_ADDRESSES = """
import django
django.setup()
from django.conf import settings
from django.urls import reverse
print(reverse("admin:index"), reverse("admin:login"), reverse("two_factor:setup"),
      settings.SESSION_COOKIE_PATH)
"""


def test_admin_url_moves_the_admin_and_its_door():
    result = run_python(READ_ADDRESSES, DEBUG="1", ADMIN_URL="curators-4f2a/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "/curators-4f2a/",
        "/curators-4f2a/login/",
        "/curators-4f2a/second-factor/",
        "/curators-4f2a/",
    ]


@pytest.mark.parametrize("admin_url", ["/admin/", "admin", "", "admin//", "ad min/"])
def test_a_malformed_admin_url_stops_the_site_starting(admin_url):
    result = run_python("import django; django.setup()", DEBUG="1", ADMIN_URL=admin_url)
    assert result.returncode != 0
    assert "ADMIN_URL must be a path" in result.stderr


def test_a_client_address_header_that_is_not_a_meta_key_stops_the_site_starting():
    result = run_python(
        "import django; django.setup()", DEBUG="1", CLIENT_ADDRESS_HEADER="X-Forwarded-For"
    )
    assert result.returncode != 0
    assert "CLIENT_ADDRESS_HEADER must be" in result.stderr


def test_the_default_admin_is_at_admin(client):
    assert admin_index() == "/admin/"
    assert reverse("admin:login") == reverse("two_factor:login") == "/admin/login/"
    assert client.get("/admin/login/").status_code == 200


def test_a_password_typed_as_the_username_never_reaches_the_log(client, curator, caplog):
    caplog.set_level(logging.DEBUG)
    typed_in_the_wrong_box = "my secret passphrase 42"
    try_password(client, PASSWORD, username=typed_in_the_wrong_box)
    logged = " ".join(f"{record.getMessage()} {record.args!r}" for record in caplog.records)
    assert "Failed login: not an account" in logged
    assert typed_in_the_wrong_box not in logged
    try_password(client, "wrong password", username="curator")
    assert "Failed login: 'curator'" in " ".join(r.getMessage() for r in caplog.records)


def test_no_cookie_of_the_admins_is_sent_with_public_pages(settings):
    assert settings.CSRF_COOKIE_PATH == settings.SESSION_COOKIE_PATH == f"/{settings.ADMIN_URL}"
