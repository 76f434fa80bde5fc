"""In Chromium, through the admin door: a curator changes a phone number, the public keeps
the old one, a second account (a reviewer) approves it, and readers see the new one."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from services.models import Service
from tests.curation.accounts import PASSWORD, log_in_in_chromium

NEW_NUMBER = "0300 123 4567"
# Browser tests empty the database between tests, roles and all: these accounts are given
# the permissions the roles migration gives curators and reviewers for this walk.
CURATOR_CAN = [
    ("services", "view_service"),
    ("services", "change_service"),
    ("services", "view_contactpoint"),
    ("services", "change_contactpoint"),
    ("services", "add_contactpoint"),
    ("services", "delete_contactpoint"),
    ("curation", "view_proposedchange"),
]
REVIEWER_ALSO = [("curation", "approve_change")]


def account(username: str, can) -> None:
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_staff=True
    )
    group = Group.objects.create(name=f"{username}s")
    for app_label, codename in can:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user.groups.add(group)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_new_number_is_approved_by_a_second_account_before_readers_see_it(live_server, browser):
    call_command("loaddata", "fixtures/vocabulary.json", "fixtures/services.json", verbosity=0)
    account("curator", CURATOR_CAN)
    account("reviewer", CURATOR_CAN + REVIEWER_ALSO)
    service = Service.objects.get(slug="talkworks-devon")
    old_number = service.contact_points.order_by("position", "pk").first().value
    public_page = live_server.url + reverse("services:detail", args=[service.slug])

    curator = browser.new_context().new_page()
    log_in_in_chromium(curator, live_server.url, "curator")
    curator.goto(live_server.url + reverse("admin:services_service_change", args=[service.pk]))
    curator.locator("#id_contact_points-0-value").fill(NEW_NUMBER)
    curator.locator("#id_change_reason").fill("New number on their website")
    curator.locator("input[name=_save]").click()
    curator.wait_for_url(live_server.url + reverse("admin:services_service_changelist"))
    assert "Waiting for a reviewer to approve: Ways to get in touch" in curator.content()

    curator.goto(public_page)
    assert old_number in curator.content()
    assert NEW_NUMBER not in curator.content()

    reviewer = browser.new_context().new_page()
    log_in_in_chromium(reviewer, live_server.url, "reviewer")
    reviewer.goto(live_server.url + reverse("admin:curation_proposedchange_changelist"))
    reviewer.get_by_role("link", name=service.name).first.click()
    side_by_side = reviewer.locator("#differences")
    assert old_number in side_by_side.inner_text()
    assert NEW_NUMBER in side_by_side.inner_text()
    reviewer.get_by_role("button", name="Approve and publish").click()
    reviewer.wait_for_url(live_server.url + reverse("admin:curation_proposedchange_changelist"))
    assert "Approved" in reviewer.content()

    curator.goto(public_page)
    assert NEW_NUMBER in curator.content()
    assert old_number not in curator.content()
    curator.context.close()
    reviewer.context.close()
