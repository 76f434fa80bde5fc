"""Where a reader means, offline: postcodes, postcode districts and town names.

Everything comes from the open data in services/places/data/ (credits in its README), loaded once
per process. For a full postcode only its district is used: the site never needs to know
more precisely where a reader is.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent / "data"

FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
AREA = re.compile(r"^[A-Z]{1,2}")
# Postcode areas with no coordinates in the data (Channel Islands, Isle of Man).
AREAS_WITHOUT_DATA = {"GY": "Guernsey", "JE": "Jersey", "IM": "the Isle of Man"}
# Settlements first: their point is the place itself; a post town's point can sit miles off.
KIND_PREFERENCE = [
    "city",
    "town",
    "post town",
    "village",
    "suburban area",
    "hamlet",
    "other settlement",
]
MAX_CHOICES = 12
NAME_PUNCTUATION = str.maketrans({".": " ", "-": " ", "'": None, "\u2019": None})


class Outcome(Enum):
    FOUND = "found"
    AMBIGUOUS = "ambiguous"
    UNKNOWN = "unknown"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class Place:
    """A point to search around, and the postcode districts it stands for."""

    name: str
    latitude: float
    longitude: float
    districts: tuple[str, ...]
    county: str = ""
    from_full_postcode: bool = False

    @property
    def area_codes(self) -> set[str]:
        """Districts and their postcode areas: what a service's area served is matched against."""
        codes = set(self.districts)
        codes.update(AREA.match(district).group(0) for district in self.districts)
        return codes

    @property
    def label(self) -> str:
        return f"{self.name}, {self.county}" if self.county else self.name


@dataclass(frozen=True)
class Lookup:
    """What typing a place found: one place, several to choose from, or nothing."""

    outcome: Outcome
    place: Place | None = None
    choices: tuple[Place, ...] = field(default_factory=tuple)
    message: str = ""


class _PlaceRow(NamedTuple):
    name: str
    kind: str
    districts: tuple[str, ...]
    latitude: float
    longitude: float
    county: str


def normalise_name(text: str) -> str:
    """Case and punctuation do not matter: "St. Albans" is "st albans", "Bradford-on-Avon" too."""
    text = text.casefold().translate(NAME_PUNCTUATION)
    return " ".join(text.split())


def _points(filename: str, key: str) -> dict[str, tuple[float, float]]:
    with (DATA / filename).open(encoding="utf-8") as rows:
        return {
            row[key]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(rows)
        }


@cache
def district_centroids() -> dict[str, tuple[float, float]]:
    return _points("outcodes.csv", "outcode")


@cache
def places_by_name() -> dict[str, tuple[tuple, ...]]:
    """Rows kept as plain tuples of strings and numbers, which the garbage collector stops
    tracking once it has seen them: 44,000 named rows would slow every full collection."""
    places: dict[str, list[tuple]] = {}
    with (DATA / "places.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            place = (
                row["name"],
                row["kind"],
                tuple(row["outcode"].split()),
                float(row["latitude"]),
                float(row["longitude"]),
                row["county"],
            )
            places.setdefault(normalise_name(row["name"]), []).append(place)
    return {name: tuple(rows) for name, rows in places.items()}


def _places_named(name: str) -> tuple[_PlaceRow, ...]:
    return tuple(_PlaceRow._make(row) for row in places_by_name().get(normalise_name(name), ()))


@cache
def full_postcodes() -> dict[str, tuple[float, float]]:
    """Every EX, PL and TQ postcode: for placing curators' venues, never readers."""
    return _points("postcodes-devon.csv", "postcode")


def load_search_data() -> None:
    """Read the data every place search needs now, rather than during someone's search."""
    district_centroids()
    places_by_name()


def normalise_postcode(text: str) -> str | None:
    """ "tq11aa" and " TQ1  1AA " both become "TQ1 1AA"; anything else is None."""
    match = FULL_POSTCODE.match(" ".join(text.upper().split()))
    return f"{match.group(1)} {match.group(2)}" if match else None


def district_of_full_postcode(text: str) -> str | None:
    """ "TQ1 1AA" gives "TQ1"; anything that is not a full postcode gives None."""
    match = FULL_POSTCODE.match(text.upper().replace(" ", ""))
    return match.group(1) if match else None


def coordinates_for_postcode(postcode: str) -> tuple[float, float] | None:
    normalised = normalise_postcode(postcode)
    return full_postcodes().get(normalised) if normalised else None


def _place_from_row(row: _PlaceRow) -> Place:
    return Place(row.name, row.latitude, row.longitude, row.districts, row.county)


def _with_post_town_districts(row: _PlaceRow, same_name: tuple[_PlaceRow, ...]) -> Place:
    """A town stands for all the districts of its post town (Torquay is TQ1 and TQ2)."""
    districts = list(row.districts)
    for other in same_name:
        if other.kind == "post town" and set(row.districts) & set(other.districts):
            districts += [d for d in other.districts if d not in districts]
    return Place(row.name, row.latitude, row.longitude, tuple(districts), row.county)


def _district_place(district: str, *, from_full_postcode: bool) -> Lookup:
    centroid = district_centroids().get(district)
    if centroid is None:
        area = AREA.match(district).group(0)
        if area in AREAS_WITHOUT_DATA:
            return Lookup(
                Outcome.NO_DATA,
                message=f"We do not have location data for {AREAS_WITHOUT_DATA[area]} yet. "
                "The services below work wherever you are.",
            )
        return Lookup(
            Outcome.UNKNOWN,
            message=f"We could not find the postcode area {district}. "
            "Check it, or try a town like Torquay.",
        )
    place = Place(district, *centroid, (district,), from_full_postcode=from_full_postcode)
    return Lookup(Outcome.FOUND, place)


def resolve(text: str) -> Lookup:
    """Turn what a reader typed into a place, a list to choose from, or a kind message."""
    typed = " ".join(text.split())
    squashed = typed.upper().replace(" ", "")
    district = district_of_full_postcode(squashed)
    if district:
        return _district_place(district, from_full_postcode=True)
    if DISTRICT.match(squashed) and any(ch.isdigit() for ch in squashed):
        return _district_place(squashed, from_full_postcode=False)

    name, _, county = typed.partition(",")
    rows = _places_named(name)
    if county.strip():
        wanted = normalise_name(county)
        rows = tuple(row for row in rows if wanted in normalise_name(row.county))
    for kinds in (("city", "town"), ("post town",), KIND_PREFERENCE[3:]):
        matching = [row for row in rows if row.kind in kinds]
        if len(matching) == 1:
            return Lookup(Outcome.FOUND, _with_post_town_districts(matching[0], rows))
        if matching:
            matching.sort(key=lambda row: (KIND_PREFERENCE.index(row.kind), row.county))
            choices = tuple(_place_from_row(row) for row in matching[:MAX_CHOICES])
            return Lookup(
                Outcome.AMBIGUOUS,
                choices=choices,
                message="There is more than one place called "
                f"{matching[0].name}. Which one did you mean?",
            )
    return Lookup(
        Outcome.UNKNOWN,
        message="We could not find that place. Try a postcode like TQ1 1AA or a town like Torquay.",
    )
