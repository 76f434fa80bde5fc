"""Opening times: is a service open at a moment, until when, and when it next opens.

Pure functions over plain dataclasses. The moment is always an argument, never the clock,
so the rules can be tested for any night, weekend or clock change.

Times are UK wall-clock times ("open 19:00 to 23:00" means 19:00 on a London clock whether
it is GMT or BST). A moment is first turned into London wall-clock time; after that the
week is counted in minutes from Monday 00:00.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# "Office hours": the times most services are open. Out of hours is any time outside these.
OFFICE_OPENS = 9 * 60
OFFICE_CLOSES = 17 * 60


@dataclass(frozen=True)
class Slot:
    """A weekly slot; when closes_at is not after opens_at the slot runs past midnight."""

    weekday: int
    opens_at: time
    closes_at: time

    @property
    def start(self) -> int:
        return self.weekday * MINUTES_PER_DAY + _minutes(self.opens_at)

    @property
    def length(self) -> int:
        length = (_minutes(self.closes_at) - _minutes(self.opens_at)) % MINUTES_PER_DAY
        return length or MINUTES_PER_DAY

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass(frozen=True)
class Schedule:
    """Everything known about when a service is open."""

    slots: tuple[Slot, ...] = ()
    open_24_hours: bool = False
    any_time: bool = False

    @property
    def always_available(self) -> bool:
        return self.open_24_hours or self.any_time


@dataclass(frozen=True)
class OpeningStatus:
    """What a result card says about opening times, with a flag for styling and sorting."""

    is_open: bool
    text: str


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def uk_wall_clock(moment: datetime) -> datetime:
    """The moment as a London wall-clock time. A naive moment is taken as UK time already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UK)
    return moment.astimezone(UK)


def minute_of_week(moment: datetime) -> int:
    local = uk_wall_clock(moment)
    return local.weekday() * MINUTES_PER_DAY + local.hour * 60 + local.minute


def open_spans(schedule: Schedule) -> list[tuple[int, int]]:
    """Open periods as (start, end) minutes of the week, touching slots merged.

    A span may end after the week does (Sunday night into Monday morning).
    """
    spans = sorted((slot.start, slot.end) for slot in schedule.slots)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    # Sunday night running into Monday morning joins the first Monday span.
    if len(merged) > 1 and merged[-1][1] >= merged[0][0] + MINUTES_PER_WEEK:
        last = merged.pop()
        merged[0] = [last[0], max(last[1], merged[0][1] + MINUTES_PER_WEEK)]
        merged.sort()
    return [(start, end) for start, end in merged]


def _span_containing(spans: list[tuple[int, int]], minute: int) -> tuple[int, int] | None:
    for start, end in spans:
        for shift in (0, -MINUTES_PER_WEEK):
            if start + shift <= minute < end + shift:
                return start + shift, end + shift
    return None


def is_open(schedule: Schedule, moment: datetime) -> bool:
    if schedule.always_available:
        return True
    return _span_containing(open_spans(schedule), minute_of_week(moment)) is not None


def is_open_out_of_hours(schedule: Schedule) -> bool:
    """True when it is open at some time outside 09:00 to 17:00, Monday to Friday."""
    if schedule.always_available:
        return True
    for slot in schedule.slots:
        day_start = slot.weekday * MINUTES_PER_DAY
        inside_office_hours = (
            slot.weekday < 5
            and slot.start >= day_start + OFFICE_OPENS
            and slot.end <= day_start + OFFICE_CLOSES
        )
        if not inside_office_hours:
            return True
    return False


def _clock(minute: int) -> str:
    minute %= MINUTES_PER_DAY
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _day_name(minute: int, today: int) -> str:
    day = (minute // MINUTES_PER_DAY) % 7
    if day == today:
        return "today"
    if day == (today + 1) % 7:
        return "tomorrow"
    return WEEKDAY_NAMES[day]


def next_opening(schedule: Schedule, moment: datetime) -> int | None:
    """Minute of the week when it next opens after the moment (may be in next week)."""
    now = minute_of_week(moment)
    starts = [start for start, _ in open_spans(schedule)]
    if not starts:
        return None
    later = [start for start in starts if start > now]
    return min(later) if later else min(starts) + MINUTES_PER_WEEK


def opening_status(schedule: Schedule, moment: datetime) -> OpeningStatus:
    """The short line a result card shows, such as "Open now until 22:00", "Opens tomorrow at
    09:00", "Open 24 hours" or "Hours not checked" (a badge: the service page says more)."""
    if schedule.open_24_hours:
        return OpeningStatus(True, "Open 24 hours")
    if schedule.any_time:
        return OpeningStatus(True, "Any time")
    if not schedule.slots:
        return OpeningStatus(False, "Hours not checked")
    now = minute_of_week(moment)
    spans = open_spans(schedule)
    current = _span_containing(spans, now)
    if current is not None:
        if current[1] - current[0] >= MINUTES_PER_WEEK:
            return OpeningStatus(True, "Open 24 hours")
        closes = current[1]
        day = "" if closes // MINUTES_PER_DAY == now // MINUTES_PER_DAY else " tomorrow"
        if closes % MINUTES_PER_DAY == 0 and closes - now <= MINUTES_PER_DAY:
            return OpeningStatus(True, "Open now until midnight")
        return OpeningStatus(True, f"Open now until {_clock(closes)}{day}")
    opens = next_opening(schedule, moment)
    assert opens is not None  # there are slots, so there is a next opening
    today = now // MINUTES_PER_DAY
    day = _day_name(opens, today)
    if opens - now >= 6 * MINUTES_PER_DAY and (opens // MINUTES_PER_DAY) % 7 == today:
        day = f"next {WEEKDAY_NAMES[today]}"
    return OpeningStatus(False, f"Opens {day} at {_clock(opens)}")


def weekly_table(schedule: Schedule) -> list[tuple[str, list[str]]]:
    """Each weekday with its opening times written out, for a service page or printed list."""
    rows: list[tuple[str, list[str]]] = []
    for day, name in enumerate(WEEKDAY_NAMES):
        times = [
            f"{slot.opens_at:%H:%M} to "
            + ("midnight" if slot.closes_at == time(0) else f"{slot.closes_at:%H:%M}")
            + (
                " (next day)"
                if slot.closes_at != time(0) and slot.closes_at <= slot.opens_at
                else ""
            )
            for slot in sorted(schedule.slots, key=lambda s: s.opens_at)
            if slot.weekday == day
        ]
        rows.append((name, times or ["Closed"]))
    return rows


def week_ahead(schedule: Schedule, moment: datetime) -> list[tuple[str, list[str]]]:
    """The days from today (UK time) to six days on that have opening times, each with its
    date, for a list someone takes away: "Monday 23 November", ["18:00 to 22:00"]."""
    today = uk_wall_clock(moment).date()
    times_by_weekday = dict(weekly_table(schedule))
    days = []
    for offset in range(7):
        day = today + timedelta(days=offset)
        name = WEEKDAY_NAMES[day.weekday()]
        times = times_by_weekday[name]
        if times != ["Closed"]:
            days.append((f"{name} {day.day} {day:%B}", times))
    return days
