"""record_check: the log is the only thing that moves a service's "last checked"."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from services.choices import HowGathered, ServiceStatus
from services.curation.checks import record_check
from services.curation.models import Check, Task
from tests.curation.accounts import member_of
from tests.factories import make_service

pytestmark = pytest.mark.django_db
GATHERED_ON = date(2026, 11, 1)


def check(service, curator, on=date(2026, 11, 20), outcome="confirmed", method="phone", **more):
    parts = more.pop("parts", [] if outcome == "could_not_reach" else ["hours", "referral"])
    return record_check(
        service,
        checked_on=on,
        method=method,
        outcome=outcome,
        parts=parts,
        checked_by=curator,
        **more,
    )


@pytest.fixture
def service():
    return make_service("Helpline", last_checked=GATHERED_ON)


def test_a_check_with_the_service_sets_when_and_how_readers_are_told_it_was_checked(
    service, curator
):
    curator.first_name, curator.last_name = "Sam", "Curator"
    curator.save()
    recorded = check(service, curator, spoken_to_role="  duty manager ", note="All as listed.")
    service.refresh_from_db()
    assert (service.last_checked, service.checked_how) == (
        date(2026, 11, 20),
        HowGathered.WITH_SERVICE,
    )
    assert service.checked_by == "Sam Curator"
    assert (recorded.spoken_to_role, recorded.checked_by) == ("duty manager", curator)
    assert list(service.checks.all()) == [recorded]


def test_reading_their_website_is_still_gathering_from_public_pages(service, curator):
    check(service, curator, method="website")
    service.refresh_from_db()
    assert (service.last_checked, service.checked_how) == (
        date(2026, 11, 20),
        HowGathered.PUBLIC_PAGES,
    )


def test_a_check_entered_late_never_takes_last_checked_back(service, curator):
    check(service, curator, on=date(2026, 11, 20))
    check(service, curator, on=date(2026, 10, 1), method="website")
    service.refresh_from_db()
    assert (service.last_checked, service.checked_how) == (
        date(2026, 11, 20),
        HowGathered.WITH_SERVICE,
    )
    assert service.checks.count() == 2


def test_on_the_same_day_a_check_with_the_service_outranks_their_website(service, curator):
    check(service, curator, on=GATHERED_ON, method="email")
    service.refresh_from_db()
    assert service.checked_how == HowGathered.WITH_SERVICE
    check(service, curator, on=GATHERED_ON, method="website")
    service.refresh_from_db()
    assert service.checked_how == HowGathered.WITH_SERVICE


def test_could_not_reach_them_checks_nothing_so_the_record_stays_as_old(service, curator):
    check(service, curator, outcome="could_not_reach")
    service.refresh_from_db()
    assert (service.last_checked, service.checked_how) == (GATHERED_ON, HowGathered.PUBLIC_PAGES)
    assert service.checks.count() == 1


def test_two_could_not_reach_in_a_row_raise_one_task(service, curator):
    first = check(service, curator, on=date(2026, 11, 10), outcome="could_not_reach")
    assert not Task.objects.exists()
    second = check(service, curator, on=date(2026, 11, 20), outcome="could_not_reach")
    task = Task.objects.get()
    assert (task.service, task.kind, task.raised_by, task.is_open) == (
        service,
        Task.Kind.UNREACHABLE,
        second,
        True,
    )
    check(service, curator, on=date(2026, 11, 25), outcome="could_not_reach")
    assert Task.objects.count() == 1  # still the one open task
    assert first.pk < second.pk


def test_could_not_reach_twice_but_not_in_a_row_raises_no_task(service, curator):
    check(service, curator, on=date(2026, 11, 10), outcome="could_not_reach")
    check(service, curator, on=date(2026, 11, 15), method="website")
    check(service, curator, on=date(2026, 11, 20), outcome="could_not_reach")
    assert not Task.objects.exists()


def test_reaching_them_resolves_the_task_and_their_website_alone_does_not(service, curator):
    check(service, curator, on=date(2026, 11, 10), outcome="could_not_reach")
    check(service, curator, on=date(2026, 11, 11), outcome="could_not_reach")
    check(service, curator, on=date(2026, 11, 12), method="website")
    assert Task.objects.get().is_open
    other = member_of("curator", "another")
    check(service, other, on=date(2026, 11, 13), method="phone", outcome="changed")
    task = Task.objects.get()
    assert not task.is_open
    assert task.resolved_by == other


def test_closed_withdraws_the_service_at_once(service, curator):
    check(service, curator, outcome="closed", method="website", parts=[])
    service.refresh_from_db()
    assert service.status == ServiceStatus.WITHDRAWN
    assert service.last_checked == date(2026, 11, 20)


def test_a_check_that_cannot_be_right_records_nothing_and_changes_nothing(service, curator):
    with pytest.raises(ValidationError):
        check(service, curator, parts=[])
    with pytest.raises(ValidationError):
        check(service, curator, parts=["hours", "their name"])
    service.refresh_from_db()
    assert service.last_checked == GATHERED_ON
    assert not Check.objects.exists()


def test_saving_a_service_is_not_a_check(service, curator):
    check(service, curator)
    service.refresh_from_db()
    service.summary = "Edited."
    service.save()
    service.refresh_from_db()
    assert service.last_checked == date(2026, 11, 20)
    assert service.checks.count() == 1


def test_a_check_records_how_and_when_each_part_it_covered_was_checked(service, curator):
    check(service, curator, on=date(2026, 11, 10), parts=["contact_details", "hours"])
    check(service, curator, on=date(2026, 11, 20), method="website", parts=["hours"])
    check(service, curator, on=date(2026, 11, 5), method="email", parts=["contact_details"])
    service.refresh_from_db()
    assert service.part_checks == {
        "contact_details": {"on": "2026-11-10", "method": "phone"},
        "hours": {"on": "2026-11-20", "method": "website"},
    }


def test_could_not_reach_them_marks_no_part_as_checked(service, curator):
    check(service, curator, outcome="could_not_reach")
    service.refresh_from_db()
    assert service.part_checks == {}
