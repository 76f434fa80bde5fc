"""Through the admin door in Chromium: password, the code from the app, an edit, and the
public page showing it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from services.models import Service
from tests.curation.accounts import PASSWORD

NEW_SUMMARY = "Free, confidential support by phone, checked through the admin door."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_curator_logs_in_with_a_code_edits_a_summary_and_readers_see_it(live_server, page):
    call_command("loaddata", "fixtures/vocabulary.json", "fixtures/services.json", verbosity=0)
    curator = get_user_model().objects.create_superuser("curator", "curator@example.org", PASSWORD)
    device = TOTPDevice.objects.create(user=curator, name="default", confirmed=True)
    service = Service.objects.get(slug="talkworks-devon")
    refused = []
    page.on("response", lambda r: refused.append(r.url) if r.status >= 400 else None)

    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # The code the curator's app shows now, worked out from the device's key.
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code from your app").fill(f"{code:0{device.digits}d}")
    page.get_by_role("button", name="Confirm code").click()
    page.wait_for_url(live_server.url + reverse("admin:index"))

    page.goto(live_server.url + reverse("admin:services_service_change", args=[service.pk]))
    page.locator("#id_summary").fill(NEW_SUMMARY)
    page.locator("input[name=_save]").click()
    page.wait_for_url(live_server.url + reverse("admin:services_service_changelist"))
    assert "was changed successfully" in page.content()

    page.goto(live_server.url + reverse("services:detail", args=[service.slug]))
    assert NEW_SUMMARY in page.content()
    assert not refused
