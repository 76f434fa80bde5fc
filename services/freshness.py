"""How fresh a record is: when it is due for a check, and when readers are told it is old.

Pure functions over a plain Record and a moment in time, like hours.py: no database, no
clock. Curation builds its queue from these rules, the search sinks records unchecked for
SINKS_AFTER_MONTHS, and the pages say "This was last checked N months ago" past the due date.

Months are calendar months: a record checked on 31 August is three months old on
30 November, the last day that month has (add_months).
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from services import hours

# Crisis lines, local or national, whatever else they are: people reach them at their worst.
CRISIS_KINDS = frozenset({"crisis-team", "emergency"})
# Phone and text lines: checked as often as crisis lines when they are national.
PHONE_AND_TEXT_KINDS = frozenset({"helpline", "text-line"})
CRISIS_AND_NATIONAL_LINES_EVERY_MONTHS = 3
OTHERS_EVERY_MONTHS = 6
# Records unchecked this long sink below checked ones in search results.
SINKS_AFTER_MONTHS = 12


@dataclass(frozen=True)
class Record:
    """What the rules need of a service: when it was last checked, its kinds' slugs and
    whether it can be used from anywhere."""

    last_checked: date
    kinds: Collection[str] = ()
    available_anywhere: bool = False


def due_every(record: Record) -> int:
    """How many months a record may go between checks."""
    kinds = set(record.kinds)
    if kinds & CRISIS_KINDS or (record.available_anywhere and kinds & PHONE_AND_TEXT_KINDS):
        return CRISIS_AND_NATIONAL_LINES_EVERY_MONTHS
    return OTHERS_EVERY_MONTHS


def due_on(record: Record) -> date:
    """The day its next check is due."""
    return add_months(record.last_checked, due_every(record))


def is_overdue(record: Record, now: datetime) -> bool:
    """Past its due day, by the UK calendar."""
    return due_on(record) < uk_today(now)


def months_since_checked(record: Record, now: datetime) -> int:
    """Whole calendar months since it was last checked (0 for a date in the future)."""
    return max(0, whole_months_between(record.last_checked, uk_today(now)))


def last_checked_warning(record: Record, now: datetime) -> str:
    """What a page tells readers about an overdue record ("This was last checked 7 months
    ago."), or an empty string when it is not overdue."""
    if not is_overdue(record, now):
        return ""
    months = months_since_checked(record, now)
    return f"This was last checked {months} month{'' if months == 1 else 's'} ago."


def sinks(record: Record, now: datetime) -> bool:
    """Unchecked for SINKS_AFTER_MONTHS or more: it comes after checked ones in results."""
    return record.last_checked <= sinking_cutoff(now)


def sinking_cutoff(now: datetime) -> date:
    """Records last checked on or before this day sink below the rest (the search orders
    by it in the database)."""
    return latest_day_months_before(uk_today(now), SINKS_AFTER_MONTHS)


def uk_today(now: datetime) -> date:
    return hours.uk_wall_clock(now).date()


def add_months(day: date, months: int) -> date:
    """The same day so many months later (or earlier), or that month's last day when it is
    shorter: 31 August plus six months is 28 (or 29) February."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def whole_months_between(earlier: date, later: date) -> int:
    """The most months that can be added to `earlier` without passing `later` (negative
    when `later` comes first)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    while add_months(earlier, months) > later:
        months -= 1
    while add_months(earlier, months + 1) <= later:
        months += 1
    return months


def latest_day_months_before(day: date, months: int) -> date:
    """The latest date that is at least `months` months before `day`: the last check a
    record can have had and still be `months` old on `day` (a date, for the database).

    Not add_months(day, -months): on 28 February, a check on 31 August is six months old.
    """
    target = add_months(day, -months)
    month_length = calendar.monthrange(target.year, target.month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return target.replace(day=month_length)  # month's end: every day of that month
    return target
