"""Ready-made searches for professionals on the home page, built on the query-string contract."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.urls import reverse

from services import hours, querystrings
from services.choices import TICKED

# "Tonight" starts at 21:00. Before 06:00 it is already night, so "open now" fits better.
TONIGHT = time(21, 0)
MORNING = time(6, 0)


@dataclass(frozen=True)
class StartingPoint:
    label: str
    hint: str
    params: dict[str, str]

    @property
    def url(self) -> str:
        return querystrings.link(reverse("services:list"), self.params)


def starting_points(now: datetime) -> list[StartingPoint]:
    local = hours.uk_wall_clock(now)
    if MORNING <= local.time() < TONIGHT:
        tonight = StartingPoint(
            "Open tonight",
            "Services open at 9pm tonight.",
            {"open_at": f"{local.date():%Y-%m-%d}T{TONIGHT:%H:%M}"},
        )
    else:
        tonight = StartingPoint("Open tonight", "Services open now.", {"open": "now"})
    return [
        tonight,
        StartingPoint(
            "For young people", "Services specially for young people.", {"audience": "young-people"}
        ),
        StartingPoint(
            "For parents and carers",
            "Support for parents, carers, family and friends.",
            {"audience": "parents-carers"},
        ),
        StartingPoint(
            "You can refer yourself",
            "Services you can contact yourself, without a referral.",
            {"self_referral": TICKED},
        ),
    ]
