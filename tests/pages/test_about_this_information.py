"""The service page's "About this information": how and when each part was checked."""

from datetime import date

import pytest
from django.urls import reverse

from services.curation.checks import record_check
from tests.curation.accounts import member_of
from tests.factories import make_service
from tests.language import reading_problems

pytestmark = pytest.mark.django_db


def about_this_information(client, service) -> str:
    page = client.get(reverse("services:detail", kwargs={"slug": service.slug}))
    assert page.status_code == 200
    html = page.content.decode()
    return html[html.index('id="about-info"') :]


def test_a_record_nobody_has_checked_says_it_was_gathered_from_public_pages(client):
    service = make_service("Helpline", last_checked=date(2026, 11, 23))
    section = about_this_information(client, service)
    assert (
        "Gathered from public web pages on 23 November 2026. Not yet checked with the service."
        in section
    )
    assert "parts-checked" not in section


def test_each_part_checked_says_how_and_when_and_the_rest_says_it_is_not_checked(client):
    service = make_service("Helpline", last_checked=date(2026, 1, 5))
    curator = member_of("curator")
    record_check(
        service,
        checked_on=date(2026, 3, 12),
        method="phone",
        outcome="confirmed",
        parts=["contact_details"],
        checked_by=curator,
    )
    record_check(
        service,
        checked_on=date(2026, 3, 10),
        method="website",
        outcome="confirmed",
        parts=["hours"],
        checked_by=curator,
    )
    section = about_this_information(client, service)
    assert "Last checked on 12 March 2026." in section
    assert "Contact details: checked by phoning the service, 12 March 2026." in section
    assert "Opening times: checked on the service&#39;s own website, 10 March 2026." in section
    assert "The rest comes from public web pages and is not yet checked with the service." in (
        section
    )
    # One call about a number never reads as the whole record checked with the service.
    assert "Checked with the service on" not in section
    assert (
        reading_problems(
            "about this information",
            "The rest comes from public web pages and is not yet checked with the service.",
        )
        == []
    )
    # Who checked is for curators only.
    assert curator.username not in section
