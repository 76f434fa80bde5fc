"""How each part of a record was checked, in the words readers see (pure: no database).

A check names the parts it covered (contact details, opening times...), so the page can say
"Contact details: checked by phoning the service, 12 March 2026" for those parts alone,
rather than let one phone call about a number vouch for a whole record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from services.choices import CheckedPart, CheckMethod

# How each way of checking reads after a part's name. Their website is still a public page:
# it never reads as checked "with the service".
HOW_IT_READS = {
    CheckMethod.PHONE: "checked by phoning the service",
    CheckMethod.EMAIL: "checked by email with the service",
    CheckMethod.WEBSITE: "checked on the service's own website",
    CheckMethod.PROVIDER_UPDATE: "sent to us by the service",
    CheckMethod.IN_PERSON: "checked in person with the service",
}
WITH_THE_SERVICE = frozenset(HOW_IT_READS) - {CheckMethod.WEBSITE}


@dataclass(frozen=True)
class PartChecked:
    part: str  # a CheckedPart value
    checked_on: date
    method: str  # a CheckMethod value

    @property
    def sentence(self) -> str:
        name = CheckedPart(self.part).label
        on = f"{self.checked_on.day} {self.checked_on:%B %Y}"
        return f"{name}: {HOW_IT_READS[self.method]}, {on}."


# Read once: a choices class builds its list of values afresh each time it is asked.
PARTS_IN_ORDER = tuple(CheckedPart.values)


@dataclass(frozen=True)
class Provenance:
    parts: tuple[PartChecked, ...]
    # Whether some of the record is not covered by a check with the service: the page then
    # says the rest comes from public pages.
    rest_not_checked_with_service: bool


def part_check(checked_on: date, method: str) -> dict:
    """One part's entry in Service.part_checks, as stored (JSON)."""
    return {"on": checked_on.isoformat(), "method": method}


def newer_part_check(current: Mapping | None, checked_on: date, method: str) -> bool:
    """Whether a check on this day by this method says more about a part than what is
    stored: a later day, or the same day by asking the service rather than reading a page."""
    if not current:
        return True
    stored_on = date.fromisoformat(current["on"])
    if checked_on != stored_on:
        return checked_on > stored_on
    return method in WITH_THE_SERVICE and current["method"] not in WITH_THE_SERVICE


def provenance(part_checks: Mapping[str, Mapping]) -> Provenance:
    """What a page says about each part that has been checked, in the parts' usual order.
    Entries this code does not know (a part or method since renamed) are left out rather
    than guessed at."""
    parts = tuple(
        PartChecked(part, date.fromisoformat(entry["on"]), entry["method"])
        for part in PARTS_IN_ORDER
        if (entry := part_checks.get(part)) and entry.get("method") in HOW_IT_READS
    )
    with_service = {checked.part for checked in parts if checked.method in WITH_THE_SERVICE}
    return Provenance(parts, rest_not_checked_with_service=with_service != set(PARTS_IN_ORDER))
