"""Full history: every change to a curated record is kept with who, when, why and the old
and new values, and curators can restore an earlier version from the admin."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from services import hours
from services.curation import approval
from services.curation.models import ProposedChange
from services.models import ContactPoint, Kind, Service
from tests.curation.accounts import member_of, verified_login
from tests.curation.test_admin import form_data
from tests.factories import make_service

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=hours.UK)


@pytest.fixture
def service():
    return make_service(
        "Helpline",
        formats=("phone",),
        hours_note="Open most evenings.",
        contacts=({"method": "phone", "value": "0800 111 2222"},),
    )


def save_in_admin(client, user, service, **changes):
    verified_login(client, user)
    url = reverse("admin:services_service_change", args=[service.pk])
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def versions(service):
    # By id, newest first: within one test the clock may not move between saves.
    return list(Service.history.filter(id=service.pk).order_by("-history_id"))


def test_an_edit_is_kept_with_who_when_why_and_the_old_and_new_values(client, service):
    curator = member_of("curator")
    with time_machine.travel(NOW, tick=False):
        save_in_admin(
            client,
            curator,
            service,
            hours_note="Closed on bank holidays.",
            change_reason="Their new opening times page",
        )
    newest, before = versions(service)[:2]
    assert (newest.history_user, newest.history_date, newest.history_change_reason) == (
        curator,
        NOW,
        "Their new opening times page",
    )
    [change] = newest.diff_against(before).changes
    assert (change.field, change.old, change.new) == (
        "hours_note",
        "Open most evenings.",
        "Closed on bank holidays.",
    )


def test_the_history_page_shows_each_change_and_the_rows_that_belong_to_the_service(
    client, service
):
    curator, reviewer = member_of("curator"), member_of("reviewer")
    save_in_admin(client, curator, service, hours_note="Closed on bank holidays.")
    save_in_admin(client, curator, service, **{"contact_points-0-value": "0800 333 4444"})
    approval.approve(ProposedChange.objects.get(), approved_by=reviewer)
    verified_login(client, curator)
    html = client.get(reverse("admin:services_service_history", args=[service.pk])).content.decode()
    assert "Closed on bank holidays." in html
    assert "Open most evenings." in html
    # The number's change: the old row removed and the new one added, by the approver.
    assert "0800 111 2222" in html
    assert "0800 333 4444" in html
    assert html.count("reviewer") >= 2


def test_tags_are_part_of_each_version_and_saving_the_same_tags_adds_none(client, service):
    Kind.objects.get_or_create(slug="text-line", defaults={"name": "Text line"})
    curator = member_of("curator")
    save_in_admin(client, curator, service, kinds=["helpline", "text-line"])
    newest, before = versions(service)[:2]
    assert {row.kind_id for row in newest.kinds.all()} == {"helpline", "text-line"}
    assert {row.kind_id for row in before.kinds.all()} == {"helpline"}
    count = len(versions(service))
    save_in_admin(client, curator, service)
    assert len(versions(service)) == count + 1  # the save itself, not one per tag list


def test_a_curator_restores_an_earlier_version_and_what_can_hurt_still_waits(client, service):
    curator = member_of("curator")
    save_in_admin(client, curator, service, hours_note="Wrongly typed.")
    reviewer = member_of("reviewer")
    save_in_admin(client, curator, service, sharing="private")
    approval.approve(ProposedChange.objects.get(), approved_by=reviewer)
    original = versions(service)[-1]
    assert (original.hours_note, original.sharing) == ("Open most evenings.", "unknown")

    verified_login(client, curator)
    url = reverse("admin:services_service_simple_history", args=[service.pk, original.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page)
    data["change_reason"] = "Restored: the edit was a mistake"
    response = client.post(url, data)
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.hours_note == "Open most evenings."
    # Restoring an old rule is still a change to a rule: a second curator approves it.
    assert service.sharing == "private"
    waiting = ProposedChange.objects.get(status="pending")
    assert waiting.after == {"sharing": "unknown"}
    assert versions(service)[0].history_change_reason == "Restored: the edit was a mistake"


def test_loading_the_sample_data_records_no_history_but_later_changes_do(service):
    point = ContactPoint.objects.get(service=service)
    point.label = "Helpline"
    point.save()
    assert [record.history_type for record in point.history.order_by("history_id")] == [
        "+",
        "~",
    ]


def test_only_someone_who_may_change_a_record_may_restore_a_version(client):
    kind, _ = Kind.objects.get_or_create(slug="helpline", defaults={"name": "Helpline"})
    kind.name = "Helplines"
    kind.save()
    version = kind.history.order_by("history_id").first()
    curator = member_of("curator")  # may see the vocabulary, never change it
    verified_login(client, curator)
    url = reverse("admin:services_kind_simple_history", args=[kind.pk, version.pk])
    response = client.post(url, {"slug": "hacked-slug", "name": "HACKED", "position": 0})
    assert response.status_code == 403
    assert not Kind.objects.filter(slug="hacked-slug").exists()
    assert "Revert" not in client.get(url).content.decode()


def test_restoring_a_version_never_moves_when_or_how_it_was_checked(client, service):
    from services.curation.checks import record_check

    curator = member_of("curator")
    save_in_admin(client, curator, service, hours_note="Wrongly typed.")
    original = versions(service)[-1]
    record_check(
        service,
        checked_on=service.last_checked.replace(year=service.last_checked.year),
        method="phone",
        outcome="confirmed",
        parts=["contact_details"],
        checked_by=curator,
    )
    service.refresh_from_db()
    checked = (service.last_checked, service.checked_how, service.part_checks)
    verified_login(client, curator)
    url = reverse("admin:services_service_simple_history", args=[service.pk, original.pk])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    service.refresh_from_db()
    assert service.hours_note == "Open most evenings."
    assert (service.last_checked, service.checked_how, service.part_checks) == checked


def test_a_history_page_for_an_id_that_is_not_one_is_not_an_error(client):
    verified_login(client, member_of("curator"))
    response = client.get("/admin/services/service/%C2%B2/history/")
    assert response.status_code in (302, 404)
