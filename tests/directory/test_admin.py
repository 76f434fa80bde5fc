"""Curators can get in: the admin's forms work in a real browser, and only the admin relaxes
the site's no-referrer policy."""

import re
from datetime import date, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from services import hours
from services.admin import VenueForm
from services.models import Service, Source
from tests.curation.accounts import log_in_in_chromium
from tests.factories import make_service

pytestmark = pytest.mark.django_db
PASSWORD = "a long and unusual passphrase 7"


def test_the_admin_sends_same_origin_referrers_and_public_pages_send_none(client):
    assert client.get(reverse("admin:login"))["Referrer-Policy"] == "same-origin"
    assert client.get(reverse("services:home"))["Referrer-Policy"] == "no-referrer"
    assert client.get("/no-such-page/")["Referrer-Policy"] == "no-referrer"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_curator_logs_in_edits_a_service_and_saves_it_in_chromium(live_server, page):
    call_command("loaddata", "fixtures/vocabulary.json", "fixtures/services.json", verbosity=0)
    get_user_model().objects.create_superuser("curator", "curator@example.org", PASSWORD)
    service = Service.objects.get(slug="talkworks-devon")
    refused = []
    page.on("response", lambda r: refused.append(r.url) if r.status == 403 else None)

    log_in_in_chromium(page, live_server.url, "curator")

    page.goto(live_server.url + reverse("admin:services_service_change", args=[service.pk]))
    page.locator("#id_hours_note").fill("Checked in a browser test.")
    page.locator("input[name=_save]").click()
    page.wait_for_url(live_server.url + reverse("admin:services_service_changelist"))

    assert not refused
    assert "was changed successfully" in page.content()
    service.refresh_from_db()
    assert service.hours_note == "Checked in a browser test."


def test_a_curators_venue_postcode_fills_its_coordinates_when_saved_in_the_admin():
    form = VenueForm(data={"address": "4-6 Temperance Street, Torquay", "postcode": "tq2 5pu"})
    assert form.is_valid(), form.errors
    venue = form.instance
    assert venue.postcode == "TQ2 5PU"
    assert venue.latitude == pytest.approx(50.46, abs=0.02)
    assert venue.longitude == pytest.approx(-3.53, abs=0.02)


def test_coordinates_a_curator_typed_are_kept_and_nothing_is_looked_up(settings, monkeypatch):
    settings.GEOCODER_ENABLED = True
    asked = []
    monkeypatch.setattr("services.geocoding.geocode_online", asked.append)
    form = VenueForm(
        data={"address": "Hall", "postcode": "sw1a 1aa", "latitude": "51.5", "longitude": "-0.1"}
    )
    assert form.is_valid(), form.errors
    assert (form.instance.latitude, form.instance.longitude) == (51.5, -0.1)
    assert form.instance.postcode == "SW1A 1AA"
    assert asked == []


def test_a_venue_saved_outside_the_admin_is_never_geocoded_behind_the_scenes():
    from services.models import Venue
    from tests.factories import make_service

    venue = Venue(service=make_service("Group"), address="Hall", postcode="tq2 5pu")
    venue.full_clean()
    assert venue.latitude is None


# Records that may be out of date


def service_with_sources(name: str, *dates) -> Service:
    service = make_service(name)
    for published_on in dates:
        Source.objects.create(
            service=service, url="https://example.org/", published_on=published_on
        )
    return service


@pytest.fixture
def ageing_directory():
    service_with_sources("Old", date(2019, 5, 1), date(2023, 6, 1))
    service_with_sources("Recent", date(2015, 1, 1), date(2025, 3, 1))
    service_with_sources("Undated", None)
    make_service("No sources")


def listed(admin_client, **params) -> str:
    return admin_client.get(reverse("admin:services_service_changelist"), params).content.decode()


@time_machine.travel(datetime(2026, 11, 23, 12, 0, tzinfo=hours.UK), tick=False)
@pytest.mark.usefixtures("ageing_directory")
@pytest.mark.parametrize(
    ("choice", "names"),
    [
        ("old", {"Old"}),
        ("undated", {"Undated", "No sources"}),
        (None, {"Old", "Recent", "Undated", "No sources"}),
    ],
)
def test_curators_can_list_records_whose_newest_source_is_over_three_years_old(
    admin_client, choice, names
):
    html = listed(admin_client, **({"newest_source": choice} if choice else {}))
    found = set(re.findall(r'<th class="field-name"><a [^>]*>([^<]+)</a>', html))
    assert found == names
    assert "Newest source more than 3 years old" in html


@pytest.mark.usefixtures("ageing_directory")
def test_the_list_of_services_shows_each_ones_newest_source_date(admin_client):
    html = listed(admin_client, o="8")  # sorted by the newest source, the eighth column
    dates = re.findall(r'<td class="field-newest_source[^"]*">([^<]*)</td>', html)
    # Where the undated ones go depends on the database (SQLite sorts NULL first).
    assert [shown for shown in dates if shown != "No date"] == ["1 Jun 2023", "1 Mar 2025"]
    assert dates.count("No date") == 2


def test_the_service_form_has_every_field_curators_fill_in(admin_client):
    service = make_service("Form")
    html = admin_client.get(reverse("admin:services_service_change", args=[service.pk])).content
    for field in (
        "also_supports",
        "self_harm_policy_qualifier",
        "operating_status",
        "waiting_time",
        "waiting_time_reported",
        "route_in",
        "research_notes",
    ):
        assert f'name="{field}"'.encode() in html
    # How and when it was checked come from the check log, never from an edit.
    for read_only in ("last_checked", "checked_how", "checked_by"):
        assert f'name="{read_only}"'.encode() not in html
