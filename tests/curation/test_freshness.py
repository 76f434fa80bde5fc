"""services/freshness.py: when a record is due for a check, and what readers are told.

The module sits at the directory's root (the pages and curation both use it); its tests are
here with the rest of curation's.
"""

from datetime import date, datetime, timedelta

import pytest

from services import freshness, hours
from services.freshness import Record

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=hours.UK)


@pytest.mark.parametrize(
    ("kinds", "anywhere", "months"),
    [
        ({"helpline"}, True, 3),  # a national phone line
        ({"text-line"}, True, 3),  # a national text line
        ({"helpline", "young-people"}, True, 3),
        ({"crisis-team"}, False, 3),  # a local crisis line is still a crisis line
        ({"crisis-team", "helpline"}, True, 3),
        ({"emergency"}, True, 3),
        ({"helpline"}, False, 6),  # a local phone line
        ({"peer-support"}, True, 6),  # national, but not a phone or text line
        ({"crisis-cafe"}, False, 6),
        (set(), False, 6),
    ],
)
def test_crisis_lines_and_national_phone_and_text_lines_are_due_every_three_months(
    kinds, anywhere, months
):
    record = Record(date(2026, 1, 1), frozenset(kinds), anywhere)
    assert freshness.due_every(record) == months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 3, date(2026, 4, 15)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # February has no 31st
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # a leap year
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 1), -12, date(2025, 12, 1)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_months_are_calendar_months_ending_on_the_last_day_of_a_shorter_month(
    day, months, expected
):
    assert freshness.add_months(day, months) == expected


def test_a_record_is_due_its_interval_after_it_was_last_checked():
    record = Record(date(2026, 5, 31), frozenset({"helpline"}), available_anywhere=True)
    assert freshness.due_on(record) == date(2026, 8, 31)


@pytest.mark.parametrize(
    ("last_checked", "warning"),
    [
        (date(2026, 6, 1), ""),  # due today, 1 December: not yet past it
        (date(2026, 5, 31), "This was last checked 6 months ago."),
        (date(2026, 2, 14), "This was last checked 9 months ago."),
        (date(2024, 11, 2), "This was last checked 24 months ago."),
        (date(2026, 11, 23), ""),
        (date(2027, 1, 1), ""),  # a date after today is never overdue
    ],
)
def test_readers_are_told_how_many_months_ago_only_past_the_due_date(last_checked, warning):
    record = Record(last_checked, frozenset({"peer-support"}))
    assert freshness.last_checked_warning(record, NOW) == warning


def test_a_national_helpline_is_overdue_sooner_than_a_local_group():
    checked = date(2026, 7, 1)
    helpline = Record(checked, frozenset({"helpline"}), available_anywhere=True)
    group = Record(checked, frozenset({"peer-support"}))
    assert freshness.last_checked_warning(helpline, NOW) == "This was last checked 5 months ago."
    assert freshness.last_checked_warning(group, NOW) == ""


def test_the_day_is_the_uk_calendars():
    # 00:30 on 1 June in London is still 31 May in UTC.
    just_after_midnight = datetime(2026, 6, 1, 0, 30, tzinfo=hours.UK)
    record = Record(date(2025, 12, 1), frozenset({"peer-support"}))
    assert freshness.months_since_checked(record, just_after_midnight) == 6


@pytest.mark.parametrize(
    ("last_checked", "sinks"),
    [
        (date(2025, 12, 1), True),  # twelve months to the day
        (date(2025, 12, 2), False),
        (date(2024, 1, 1), True),
        (date(2026, 11, 1), False),
    ],
)
def test_records_unchecked_for_twelve_months_sink(last_checked, sinks):
    assert freshness.sinks(Record(last_checked), NOW) is sinks
    assert (last_checked <= freshness.sinking_cutoff(NOW)) is sinks


def every_day(start: date, stop: date):
    day = start
    while day < stop:
        yield day
        day += timedelta(days=1)


@pytest.mark.parametrize("months", [1, 3, 6, 12])
def test_the_databases_cutoff_agrees_with_counting_months_day_by_day(months):
    # The queue and the search compare last_checked with a cutoff in SQL; it must say
    # exactly what whole_months_between says, at month ends and in leap years too.
    for today in every_day(date(2027, 12, 20), date(2028, 3, 5)):
        cutoff = freshness.latest_day_months_before(today, months)
        for checked in every_day(cutoff - timedelta(days=40), cutoff + timedelta(days=40)):
            old_enough = freshness.whole_months_between(checked, today) >= months
            assert (checked <= cutoff) is old_enough, (today, checked, months)
