"""The curators' queue, and `manage.py due_for_check`, which prints it for a daily job."""

from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from services import hours
from services.curation.checks import record_check
from services.curation.queue import DUE_SOON, OVERDUE, TASK, queue
from services.models import Service
from tests.factories import make_service

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=hours.UK)


def national_helpline(name, last_checked, **fields):
    return make_service(
        name, kinds=("helpline",), available_anywhere=True, last_checked=last_checked, **fields
    )


def local_group(name, last_checked, **fields):
    return make_service(name, kinds=("peer-support",), last_checked=last_checked, **fields)


@pytest.fixture
def directory(curator):
    national_helpline("Helpline overdue", date(2026, 8, 15))  # due 15 November
    national_helpline("Helpline due soon", date(2026, 9, 20))  # due 20 December
    national_helpline("Helpline fine", date(2026, 10, 5))  # due 5 January: not within 30 days
    local_group("Group overdue", date(2026, 3, 1))  # due 1 September
    local_group("Group fine", date(2026, 8, 15))  # due 15 February
    local_group("Group due today", date(2026, 6, 1))  # due 1 December: due, not yet overdue
    local_group("Draft group", date(2020, 1, 1), status=Service.Status.DRAFT)
    local_group("Withdrawn group", date(2020, 1, 1), status=Service.Status.WITHDRAWN)
    unreachable = local_group("Group nobody answers", date(2026, 11, 1))
    with time_machine.travel(datetime(2026, 11, 3, 10, 0, tzinfo=hours.UK), tick=False):
        for day in (date(2026, 11, 2), date(2026, 11, 3)):
            record_check(
                unreachable,
                checked_on=day,
                method="phone",
                outcome="could_not_reach",
                parts=[],
                checked_by=curator,
            )


@pytest.mark.usefixtures("directory")
def test_the_queue_lists_overdue_due_soon_and_unreachable_services_oldest_first():
    items = queue(NOW)
    assert [(item.service_name, item.reason, item.since) for item in items] == [
        ("Group overdue", OVERDUE, date(2026, 9, 1)),
        ("Group nobody answers", TASK, date(2026, 11, 3)),  # the day the task was opened
        ("Helpline overdue", OVERDUE, date(2026, 11, 15)),
        ("Group due today", DUE_SOON, date(2026, 12, 1)),
        ("Helpline due soon", DUE_SOON, date(2026, 12, 20)),
    ]
    assert items[2].detail == "last checked 15 August 2026, due every 3 months"
    assert items[1].detail == "Could not reach them twice in a row"
    assert items[1].task_id is not None


def test_the_queue_of_an_empty_directory_is_empty():
    assert queue(NOW) == []


@pytest.mark.usefixtures("directory")
def test_the_queue_is_read_in_a_fixed_number_of_queries(django_assert_num_queries):
    # The services due (narrowed in the database), their kinds, the open tasks and the open
    # suggestions.
    with django_assert_num_queries(4):
        queue(NOW)


@time_machine.travel(NOW, tick=False)
@pytest.mark.usefixtures("directory")
def test_due_for_check_prints_the_same_list_one_plain_line_each():
    out = StringIO()
    call_command("due_for_check", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines == [item.line for item in queue(NOW)]
    slug = Service.objects.get(name="Group overdue").slug
    assert lines[0] == (
        f"2026-09-01  overdue   Group overdue [{slug}]: last checked 1 March 2026, "
        "due every 6 months"
    )


@time_machine.travel(NOW, tick=False)
def test_due_for_check_prints_nothing_on_a_quiet_day_unless_asked():
    quiet, verbose = StringIO(), StringIO()
    call_command("due_for_check", stdout=quiet)
    call_command("due_for_check", stdout=verbose, verbosity=2)
    assert quiet.getvalue() == ""
    assert verbose.getvalue() == "Nothing is due for a check and no task is open.\n"
