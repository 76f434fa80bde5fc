"""Two people for what can hurt: contact details, crisis text, the self-harm policy, what
happens if you tell them, and going public wait for a second curator; the public keeps the
last approved version meanwhile. Everything else publishes on save."""

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from services import hours
from services.curation import approval
from services.curation.models import ProposedChange
from services.models import Service
from tests.curation.accounts import member_of, verified_login
from tests.curation.test_admin import form_data
from tests.factories import make_service

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=hours.UK)
OLD_NUMBER, NEW_NUMBER = "0800 111 2222", "0800 333 4444"


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def service():
    return make_service(
        "Helpline",
        formats=("phone",),
        contacts=({"method": "phone", "value": OLD_NUMBER, "label": "Helpline"},),
    )


def public_page(client, service) -> str:
    page = client.get(reverse("services:detail", kwargs={"slug": service.slug}))
    assert page.status_code == 200
    return page.content.decode()


def edit_in_admin(client, user, service, reason="", **changes):
    """Open the service in the admin as this user, change some values, save."""
    verified_login(client, user)
    url = reverse("admin:services_service_change", args=[service.pk])
    data = form_data(client.get(url))
    data.update(changes, change_reason=reason)
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain, response.context["adminform"].form.errors
    client.logout()
    return response


def decide(client, user, proposal, button="_approve", note=""):
    verified_login(client, user)
    url = reverse("admin:curation_proposedchange_change", args=[proposal.pk])
    response = client.post(url, {button: "yes", "note": note})
    client.logout()
    return response


def test_a_new_phone_number_waits_and_the_public_keeps_the_old_one_until_approved(client, service):
    curator, reviewer = member_of("curator"), member_of("reviewer")
    response = edit_in_admin(
        client,
        curator,
        service,
        reason="New number on their website",
        **{"contact_points-0-value": NEW_NUMBER},
    )
    assert "Waiting for a reviewer to approve: Ways to get in touch" in response.content.decode()
    assert OLD_NUMBER in public_page(client, service)
    assert NEW_NUMBER not in public_page(client, service)

    proposal = ProposedChange.objects.get()
    assert (proposal.proposed_by, proposal.status, proposal.reason) == (
        curator,
        "pending",
        "New number on their website",
    )
    # The approver sees old and new side by side.
    verified_login(client, reviewer)
    page = client.get(reverse("admin:curation_proposedchange_change", args=[proposal.pk]))
    html = page.content.decode()
    assert OLD_NUMBER in html
    assert NEW_NUMBER in html
    assert "Approve and publish" in html
    client.logout()

    assert decide(client, reviewer, proposal).status_code == 302
    assert NEW_NUMBER in public_page(client, service)
    assert OLD_NUMBER not in public_page(client, service)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == ("approved", reviewer)


def test_nobody_approves_their_own_change_even_a_reviewer(client, service):
    reviewer = member_of("reviewer")
    edit_in_admin(client, reviewer, service, sharing="private")
    proposal = ProposedChange.objects.get()
    verified_login(client, reviewer)
    html = client.get(
        reverse("admin:curation_proposedchange_change", args=[proposal.pk])
    ).content.decode()
    assert "A reviewer other than you approves this change." in html
    assert "Approve and publish" not in html
    client.logout()
    assert decide(client, reviewer, proposal).status_code == 403
    service.refresh_from_db()
    assert service.sharing == "unknown"
    with pytest.raises(PermissionDenied):
        approval.approve(proposal, approved_by=reviewer)


def test_a_curator_cannot_approve(client, service):
    edit_in_admin(client, member_of("curator"), service, sharing="private")
    proposal = ProposedChange.objects.get()
    assert decide(client, member_of("curator", "another"), proposal).status_code == 403
    service.refresh_from_db()
    assert service.sharing == "unknown"


@pytest.mark.parametrize(
    "changes",
    [
        {"self_harm_policy": "welcomes"},
        {"sharing": "private", "sharing_note": "They keep it between you and them."},
        {"status_note": "If you are in danger now, call 999."},
        {"route_in": "Ask your GP to refer you."},
        {"website": "https://example.org/new"},
    ],
)
def test_what_can_hurt_if_wrong_waits(client, service, changes):
    before = {name: getattr(service, name) for name in changes}
    edit_in_admin(client, member_of("curator"), service, **changes)
    service.refresh_from_db()
    assert {name: getattr(service, name) for name in changes} == before
    proposal = ProposedChange.objects.get()
    assert proposal.after == changes
    approval.approve(proposal, approved_by=member_of("reviewer"))
    service.refresh_from_db()
    assert {name: getattr(service, name) for name in changes} == changes


def test_other_changes_publish_on_save_beside_one_that_waits(client, service):
    edit_in_admin(
        client,
        member_of("curator"),
        service,
        hours_note="Closed on bank holidays.",
        sharing="private",
    )
    service.refresh_from_db()
    assert service.hours_note == "Closed on bank holidays."
    assert service.sharing == "unknown"
    assert "Closed on bank holidays." in public_page(client, service)
    assert ProposedChange.objects.get().after == {"sharing": "private"}


def test_a_save_that_changes_nothing_that_waits_proposes_nothing(client, service):
    edit_in_admin(client, member_of("curator"), service, hours_note="Closed on bank holidays.")
    assert not ProposedChange.objects.exists()


def test_a_draft_is_edited_freely_but_going_public_waits_with_everything_shown(client):
    draft = make_service("New group", status="draft")
    curator, reviewer = member_of("curator"), member_of("reviewer")
    edit_in_admin(client, curator, draft, sharing="private", status="published")
    draft.refresh_from_db()
    assert (draft.sharing, draft.status) == ("private", "draft")
    url = reverse("services:detail", kwargs={"slug": draft.slug})
    assert client.get(url).status_code == 404
    proposal = ProposedChange.objects.get()
    assert proposal.after["status"] == "published"
    # The approver sees what the public will see: every part that can hurt.
    assert {"sharing", "self_harm_policy", "contact_points"} <= proposal.after.keys()
    approval.approve(proposal, approved_by=reviewer)
    assert client.get(url).status_code == 200


def test_a_change_proposed_against_values_since_changed_is_not_applied(client, service):
    curator, reviewer = member_of("curator"), member_of("reviewer")
    edit_in_admin(client, curator, service, sharing="private")
    edit_in_admin(client, curator, service, sharing="only_if_in_danger")
    first, second = ProposedChange.objects.order_by("pk")
    approval.approve(first, approved_by=reviewer)
    with pytest.raises(ValidationError, match="changed since this was proposed"):
        approval.approve(second, approved_by=reviewer)
    service.refresh_from_db()
    assert service.sharing == "private"
    approval.reject(second, rejected_by=reviewer, note="Superseded")
    second.refresh_from_db()
    assert second.status == "rejected"


def test_a_rejected_change_leaves_the_public_record_as_it_was(client, service):
    edit_in_admin(client, member_of("curator"), service, **{"contact_points-0-value": NEW_NUMBER})
    proposal = ProposedChange.objects.get()
    assert decide(client, member_of("reviewer"), proposal, "_reject").status_code == 302
    assert OLD_NUMBER in public_page(client, service)
    proposal.refresh_from_db()
    assert proposal.status == "rejected"
    with pytest.raises(ValidationError, match="already been decided"):
        approval.approve(proposal, approved_by=member_of("reviewer", "second"))


def test_an_approved_change_is_in_the_history_with_who_and_why(client, service):
    curator, reviewer = member_of("curator"), member_of("reviewer")
    edit_in_admin(client, curator, service, reason="Their new policy page", sharing="private")
    approval.approve(ProposedChange.objects.get(), approved_by=reviewer)
    # By id: the clock is frozen, so every version has the same time.
    newest, before = Service.history.filter(id=service.pk).order_by("-history_id")[:2]
    assert (newest.sharing, newest.history_user) == ("private", reviewer)
    assert "proposed by curator" in newest.history_change_reason
    assert before.sharing == "unknown"


def test_removing_and_adding_ways_to_get_in_touch_wait_too(client, service):
    edit_in_admin(
        client,
        member_of("curator"),
        service,
        **{
            "contact_points-0-DELETE": "on",
            "contact_points-TOTAL_FORMS": "2",
            "contact_points-1-method": "text",
            "contact_points-1-value": "85258",
            "contact_points-1-keyword": "SHOUT",
            "contact_points-1-position": "1",
        },
    )
    assert OLD_NUMBER in public_page(client, service)
    proposal = ProposedChange.objects.get()
    assert [point["value"] for point in proposal.after["contact_points"]] == ["85258"]
    approval.approve(proposal, approved_by=member_of("reviewer"))
    assert list(service.contact_points.values_list("value", "keyword")) == [("85258", "SHOUT")]


def test_the_service_page_in_the_admin_says_what_waits_for_approval(client, service):
    curator = member_of("curator")
    verified_login(client, curator)
    url = reverse("admin:services_service_change", args=[service.pk])
    assert "Waiting for approval" in client.get(url).content.decode()
    client.logout()
    edit_in_admin(client, curator, service, sharing="private")
    proposal = ProposedChange.objects.get()
    verified_login(client, curator)
    html = client.get(url).content.decode()
    assert reverse("admin:curation_proposedchange_change", args=[proposal.pk]) in html
    assert "Proposed by curator on 01 December 2026" in html
