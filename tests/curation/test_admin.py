"""Curation in the admin: a curator (staff, never a superuser) edits services and logs
checks; an edit never moves "last checked"; checks cannot be changed or deleted; the queue."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from services import hours
from services.choices import HowGathered
from services.curation.checks import record_check
from services.curation.models import Check, Task
from tests.curation.accounts import log_in, member_of, verified_login
from tests.factories import make_service

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=hours.UK)
GATHERED_ON = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def service():
    return make_service("Helpline", last_checked=GATHERED_ON, formats=("phone",))


def posted(value):
    """A form value as a browser would post it (None when nothing is sent)."""
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def form_data(response) -> dict:
    """What a browser would post back from an admin change page, unchanged."""
    forms = [response.context["adminform"].form]
    data = {}
    # A history version's page (restoring it) has the service's form and no inlines.
    for inline in response.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        data.update(
            {management.add_prefix(name): management[name].value() for name in management.fields}
        )
        forms.extend(inline.formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if field.widget.__class__.__name__ == "NullBooleanSelect":
                value = {True: "true", False: "false"}.get(value, "unknown")
            value = posted(value)
            if value is not None:
                data[form.add_prefix(name)] = value
    return data


def test_a_curator_logs_in_with_a_password_and_sees_curation(client, curator):
    response = log_in(client, "curator", next_url=reverse("admin:index"))
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert not curator.is_superuser
    html = response.content.decode()
    for page in ("Services", "Checks", "Tasks", "Curators&#x27; queue"):
        assert page in html


def test_a_curator_edits_a_service_and_the_edit_never_moves_last_checked(client, curator, service):
    verified_login(client, curator)
    url = reverse("admin:services_service_change", args=[service.pk])
    page = client.get(url)
    html = page.content.decode()
    assert 'name="last_checked"' not in html
    assert 'name="checked_how"' not in html
    assert "Log a check" in html
    data = form_data(page)
    data.update(hours_note="Closed on bank holidays.", last_checked="2026-11-30")
    data["checked_how"] = HowGathered.WITH_SERVICE
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    service.refresh_from_db()
    assert service.hours_note == "Closed on bank holidays."
    assert (service.last_checked, service.checked_how) == (GATHERED_ON, HowGathered.PUBLIC_PAGES)


def test_a_curator_logs_a_check_from_the_service_and_returns_to_it(client, curator, service):
    verified_login(client, curator)
    add = reverse("admin:curation_check_add")
    form = client.get(add, {"service": service.pk})
    assert form.context["adminform"].form.initial["checked_on"] == date(2026, 12, 1)
    response = client.post(
        add,
        {
            "service": service.pk,
            "checked_on": "2026-11-30",
            "method": "phone",
            "outcome": "confirmed",
            "parts": ["contact_details", "hours", "self_harm_policy"],
            "spoken_to_role": "duty manager",
            "note": "",
        },
    )
    assert response["Location"] == reverse("admin:services_service_change", args=[service.pk])
    check = Check.objects.get()
    assert (check.checked_by, check.parts) == (
        curator,
        ["contact_details", "hours", "self_harm_policy"],
    )
    service.refresh_from_db()
    assert (service.last_checked, service.checked_how) == (
        date(2026, 11, 30),
        HowGathered.WITH_SERVICE,
    )
    log = client.get(reverse("admin:services_service_change", args=[service.pk])).content.decode()
    assert "Checks, newest first" in log
    assert "duty manager" in log


def test_a_check_the_form_cannot_accept_is_shown_again_with_the_reason(admin_client, service):
    response = admin_client.post(
        reverse("admin:curation_check_add"),
        {
            "service": service.pk,
            "checked_on": "2026-11-30",
            "method": "phone",
            "outcome": "confirmed",
        },
    )
    assert response.status_code == 200
    assert "Say which parts of the record you checked." in response.content.decode()
    assert not Check.objects.exists()


def test_nobody_can_change_or_delete_a_check_in_the_admin(admin_client, service, curator):
    check = record_check(
        service,
        checked_on=date(2026, 11, 30),
        method="email",
        outcome="confirmed",
        parts=["hours"],
        checked_by=curator,
    )
    change = reverse("admin:curation_check_change", args=[check.pk])
    page = admin_client.get(change).content.decode()
    assert "Opening times" in page
    assert 'name="_save"' not in page
    assert admin_client.post(change, {"note": "rewritten"}).status_code == 403
    delete = reverse("admin:curation_check_delete", args=[check.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Check.objects.get().note == ""


def test_the_queue_lists_whats_due_with_links_to_each_service(client, curator):
    overdue = make_service("Overdue group", kinds=("peer-support",), last_checked=date(2026, 1, 1))
    make_service("Fresh group", kinds=("peer-support",), last_checked=date(2026, 11, 1))
    verified_login(client, curator)
    html = client.get(reverse("admin:curation_queue_changelist")).content.decode()
    assert "Overdue group" in html
    assert "Fresh group" not in html
    assert reverse("admin:services_service_change", args=[overdue.pk]) in html
    assert f"{reverse('admin:curation_check_add')}?service={overdue.pk}" in html


def test_staff_without_a_role_cannot_see_the_queue(client, django_user_model):
    verified_login(client, django_user_model.objects.create_user("visitor", is_staff=True))
    assert client.get(reverse("admin:curation_queue_changelist")).status_code == 403


def test_a_curator_resolves_a_task(client, curator, service):
    for day in (date(2026, 11, 1), date(2026, 11, 2)):
        record_check(
            service,
            checked_on=day,
            method="phone",
            outcome="could_not_reach",
            parts=[],
            checked_by=curator,
        )
    task = Task.objects.get()
    verified_login(client, curator)
    response = client.post(
        reverse("admin:curation_task_changelist"),
        {"action": "resolve", "_selected_action": [task.pk]},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.is_open, task.resolved_by) == (False, curator)


def test_a_reviewers_extra_power_is_approving(reviewer, curator, administrator):
    assert reviewer.has_perm("curation.approve_change")
    assert not curator.has_perm("curation.approve_change")
    assert administrator.has_perm("curation.approve_change")


def test_another_curator_account_works_the_same(client):
    second = member_of("curator", "second")
    verified_login(client, second)
    assert client.get(reverse("admin:curation_check_add")).status_code == 200
