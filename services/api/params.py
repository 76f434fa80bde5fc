"""The API's query parameters, read and checked: a bad value is a BadParameterError naming the
parameter and saying what would work, which the views answer with 400 and JSON."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.http import QueryDict
from django.utils import timezone

from services import hours
from services.places.lookup import Outcome, Place, resolve

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
MAX_TEXT = 200
DAYS = {
    "mo": 0, "monday": 0, "tu": 1, "tuesday": 1, "we": 2, "wednesday": 2, "th": 3,
    "thursday": 3, "fr": 4, "friday": 4, "sa": 5, "saturday": 5, "su": 6, "sunday": 6,
}  # fmt: skip
WHOLE_NUMBER = re.compile(r"[0-9]+")
# Longer numbers are past any page, and Python refuses to read very long ones.
MAX_DIGITS = 15
PAST_ANY_END = 10**MAX_DIGITS
# HH:MM, as HSDS writes times; seconds and a UTC offset are accepted and not used.
TIME_OF_DAY = re.compile(r"^(?P<hour>\d{1,2}):(?P<minute>\d{2})(:\d{2})?(Z|[+-]\d{2}:?\d{2})?$")
TRUE, FALSE = {"true", "1", "yes"}, {"false", "0", "no", ""}


class BadParameterError(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class Query:
    """Everything a list request asked for, checked."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    minimal: bool = False
    full: bool = False
    ndjson: bool = False
    search: str = ""
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    modified_after: datetime | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    age: int | None = None
    day: int | None = None
    start_time: time | None = None
    end_time: time | None = None
    place: Place | None = None
    proximity_metres: float | None = None


def read_query(data: QueryDict, *, places: bool = False) -> Query:
    """Raises BadParameterError for the first value it cannot use."""
    found = {
        "page": _whole(data, "page", low=1, default=1),
        "per_page": _whole(data, "per_page", low=1, high=MAX_PER_PAGE, default=DEFAULT_PER_PAGE),
        "minimal": _flag(data, "minimal"),
        "full": _flag(data, "full"),
        "ndjson": _format(data),
        "search": _text(data, "search"),
        "taxonomy_term_id": _id(data, "taxonomy_term_id"),
        "taxonomy_id": _id(data, "taxonomy_id"),
        "organization_id": _id(data, "organization_id"),
        "modified_after": _moment(data, "modified_after"),
        "minimum_age": _whole(data, "minimum_age", low=0, high=120),
        "maximum_age": _whole(data, "maximum_age", low=0, high=120),
        "age": _whole(data, "age", low=0, high=120),
        "day": _day(data),
        "start_time": _time(data, "start_time"),
        "end_time": _time(data, "end_time"),
    }
    if places:
        found["place"] = _place(data)
        found["proximity_metres"] = _metres(data)
        if found["proximity_metres"] is not None and found["place"] is None:
            raise BadParameterError("proximity", "Give a postcode to measure the distance from.")
    elif data.get("postcode") or data.get("proximity"):
        name = "postcode" if data.get("postcode") else "proximity"
        raise BadParameterError(name, "Search by postcode on /service_at_locations.")
    return Query(**found)


def _value(data: QueryDict, name: str) -> str:
    return (data.get(name) or "").strip()


def _whole(data, name, *, low=None, high=None, default=None):
    value = _value(data, name)
    if not value:
        return default
    # ASCII digits only: str.isdigit() takes "²", which int() refuses.
    if not WHOLE_NUMBER.fullmatch(value):
        raise BadParameterError(name, f"{name} must be a whole number, like 5.")
    if len(value.lstrip("0")) > MAX_DIGITS:
        if name == "page":
            return PAST_ANY_END  # a page of any size past the end is an empty page
        raise BadParameterError(name, f"{name} must be from {low} to {high}.")
    number = int(value)
    if (low is not None and number < low) or (high is not None and number > high):
        raise BadParameterError(
            name, f"{name} must be from {low} to {high}.".replace(" to None", "")
        )
    return number


def _flag(data, name) -> bool:
    value = _value(data, name).casefold()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise BadParameterError(name, f"{name} must be true or false.")


def _format(data) -> bool:
    value = _value(data, "format").casefold()
    if value in ("", "json"):
        return False
    if value == "ndjson":
        return True
    raise BadParameterError("format", "format must be json or ndjson.")


def _text(data, name) -> str:
    value = _value(data, name)
    if len(value) > MAX_TEXT or "\x00" in value:
        raise BadParameterError(name, f"{name} must be at most {MAX_TEXT} ordinary characters.")
    return value


def _id(data, name) -> str:
    value = _value(data, name)
    if not value:
        return ""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise BadParameterError(name, f"{name} must be an id (a UUID) from this API.") from None


def _moment(data, name) -> datetime | None:
    value = _value(data, name)
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(value), time())
        except ValueError:
            raise BadParameterError(
                name, f"{name} must be a date or date and time, like 2026-11-01T09:00:00Z."
            ) from None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=hours.UK)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):  # an offset that moves it past year 1 or 9999
        raise BadParameterError(name, f"{name} must be a date between year 1 and 9999.") from None


def _day(data) -> int | None:
    value = _value(data, "day")
    if not value:
        return None
    try:
        return DAYS[value.casefold()]
    except KeyError:
        raise BadParameterError(
            "day", "day must be a day of the week, like MO or Monday."
        ) from None


def _time(data, name) -> time | None:
    value = _value(data, name)
    if not value:
        return None
    matched = TIME_OF_DAY.match(value)
    if matched is None or int(matched["hour"]) > 23 or int(matched["minute"]) > 59:
        raise BadParameterError(name, f"{name} must be a time of day, like 09:30.")
    return time(int(matched["hour"]), int(matched["minute"]))


def _place(data) -> Place | None:
    value = _text(data, "postcode")
    if not value:
        return None
    looked_up = resolve(value)
    if looked_up.outcome != Outcome.FOUND or looked_up.place is None:
        raise BadParameterError("postcode", "We could not find that postcode. Try its first half.")
    return looked_up.place


def _metres(data) -> float | None:
    value = _value(data, "proximity")
    if not value:
        return None
    try:
        metres = float(value)
    except ValueError:
        metres = -1
    if not 0 < metres <= 1_000_000:
        raise BadParameterError("proximity", "proximity must be a distance in metres, like 8000.")
    return metres
