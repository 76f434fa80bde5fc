from datetime import UTC, datetime, time

import pytest

from services import hours
from services.hours import Schedule, Slot

UK = hours.UK


def uk(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UK)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def slots(*rows: tuple[int, str, str]) -> Schedule:
    return Schedule(
        slots=tuple(Slot(d, time.fromisoformat(a), time.fromisoformat(b)) for d, a, b in rows)
    )


EVENINGS = slots(*[(day, "17:00", "00:00") for day in range(7)])  # closes at midnight
OVERNIGHT_FRIDAY = slots((4, "22:00", "02:00"))  # Friday 22:00 to Saturday 02:00
SUNDAY_NIGHT = slots((6, "23:00", "01:00"))  # runs into Monday, across the week's end
MONDAY_EVENING = slots((0, "19:00", "21:00"))
OFFICE = slots(*[(day, "09:00", "17:00") for day in range(5)])


# 2026-11-23 is a Monday. 2026-03-29 and 2026-10-25 are the clock-change Sundays.
@pytest.mark.parametrize(
    ("schedule", "moment", "expected"),
    [
        (EVENINGS, uk("2026-11-23T16:59"), False),
        (EVENINGS, uk("2026-11-23T17:00"), True),
        (EVENINGS, uk("2026-11-23T23:59"), True),
        (
            EVENINGS,
            uk("2026-11-24T00:00"),
            False,
        ),  # a slot ending at midnight is closed at midnight
        (OVERNIGHT_FRIDAY, uk("2026-11-27T21:59"), False),
        (OVERNIGHT_FRIDAY, uk("2026-11-27T22:00"), True),
        (OVERNIGHT_FRIDAY, uk("2026-11-28T01:59"), True),  # Saturday morning, from Friday's slot
        (OVERNIGHT_FRIDAY, uk("2026-11-28T02:00"), False),
        (OVERNIGHT_FRIDAY, uk("2026-11-28T22:30"), False),  # no slot on Saturday night
        (SUNDAY_NIGHT, uk("2026-11-29T23:30"), True),
        (SUNDAY_NIGHT, uk("2026-11-30T00:30"), True),  # Monday morning, from Sunday's slot
        (SUNDAY_NIGHT, uk("2026-11-30T01:00"), False),
        (Schedule(open_24_hours=True), uk("2026-11-23T03:00"), True),
        (Schedule(any_time=True), uk("2026-11-23T03:00"), True),
        (Schedule(), uk("2026-11-23T12:00"), False),
        # The clocks go forward at 01:00 UTC on 29 March 2026: 00:30 UTC is 00:30 GMT,
        # 01:30 UTC is 02:30 BST.
        (slots((6, "02:00", "03:00")), utc("2026-03-29T00:30"), False),
        (slots((6, "02:00", "03:00")), utc("2026-03-29T01:30"), True),
        # The clocks go back at 01:00 UTC on 25 October 2026: 23:30 UTC on Saturday is
        # 00:30 BST on Sunday; 01:30 UTC is 01:30 GMT.
        (slots((5, "20:00", "00:00")), utc("2026-10-24T22:30"), True),
        (slots((5, "20:00", "00:00")), utc("2026-10-24T23:30"), False),
        (slots((6, "01:00", "02:00")), utc("2026-10-25T01:30"), True),
        # In summer, 18:30 UTC is 19:30 in the UK.
        (MONDAY_EVENING, utc("2026-07-06T18:30"), True),
        (MONDAY_EVENING, utc("2026-07-06T20:30"), False),
    ],
)
def test_is_open_follows_uk_wall_clock_time(schedule, moment, expected):
    assert hours.is_open(schedule, moment) is expected


@pytest.mark.parametrize(
    ("schedule", "moment", "text"),
    [
        (slots((0, "19:00", "22:00")), uk("2026-11-23T20:00"), "Open now until 22:00"),
        (slots((0, "19:00", "22:00")), uk("2026-11-23T10:00"), "Opens today at 19:00"),
        (slots((1, "19:00", "22:00")), uk("2026-11-23T10:00"), "Opens tomorrow at 19:00"),
        (slots((0, "19:00", "22:00")), uk("2026-11-23T23:00"), "Opens next Monday at 19:00"),
        (slots((0, "19:00", "22:00")), uk("2026-11-25T23:00"), "Opens Monday at 19:00"),
        (EVENINGS, uk("2026-11-23T18:00"), "Open now until midnight"),
        (OVERNIGHT_FRIDAY, uk("2026-11-27T23:00"), "Open now until 02:00 tomorrow"),
        (OVERNIGHT_FRIDAY, uk("2026-11-28T01:00"), "Open now until 02:00"),
        (
            slots((0, "17:00", "00:00"), (1, "00:00", "02:00")),
            uk("2026-11-23T18:00"),
            "Open now until 02:00 tomorrow",
        ),
        (
            slots(*[(day, "00:00", "00:00") for day in range(7)]),
            uk("2026-11-23T03:00"),
            "Open 24 hours",
        ),
        (Schedule(open_24_hours=True), uk("2026-11-23T03:00"), "Open 24 hours"),
        (Schedule(any_time=True), uk("2026-11-23T03:00"), "Any time"),
        (Schedule(), uk("2026-11-23T03:00"), "Hours not checked"),
        (SUNDAY_NIGHT, uk("2026-11-30T00:30"), "Open now until 01:00"),
    ],
)
def test_opening_status_says_when_it_closes_or_next_opens(schedule, moment, text):
    assert hours.opening_status(schedule, moment).text == text


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        (OFFICE, False),
        (slots((0, "09:00", "17:01")), True),
        (slots((0, "08:59", "12:00")), True),
        (slots((5, "10:00", "12:00")), True),
        (slots((6, "10:00", "12:00")), True),
        (OVERNIGHT_FRIDAY, True),
        (slots((2, "17:00", "00:00")), True),
        (Schedule(open_24_hours=True), True),
        (Schedule(any_time=True), True),
        (Schedule(), False),
    ],
)
def test_out_of_hours_means_open_outside_nine_to_five_on_weekdays(schedule, expected):
    assert hours.is_open_out_of_hours(schedule) is expected


def test_weekly_table_writes_out_every_day_with_midnight_and_overnight_slots():
    schedule = slots((0, "17:00", "00:00"), (4, "22:00", "02:00"))
    table = dict(hours.weekly_table(schedule))
    assert table["Monday"] == ["17:00 to midnight"]
    assert table["Friday"] == ["22:00 to 02:00 (next day)"]
    assert table["Sunday"] == ["Closed"]
