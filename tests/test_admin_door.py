"""Curators can get in: the admin's forms work in a real browser, and only the admin relaxes
the site's no-referrer policy."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from services.models import Service

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

    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + reverse("admin:index"))

    page.goto(live_server.url + reverse("admin:services_service_change", args=[service.pk]))
    page.locator("#id_status_note").fill("Checked in a browser test.")
    page.locator("input[name=_save]").click()
    page.wait_for_url(live_server.url + reverse("admin:services_service_changelist"))

    assert not refused
    assert "was changed successfully" in page.content()
    service.refresh_from_db()
    assert service.status_note == "Checked in a browser test."
