"""Places and distances, offline: postcodes, postcode districts and town names.

Everything comes from the open data in services/data/ (credits in its README), loaded once
per process. For a full postcode only its district is used: the site never needs to know
more precisely where a reader is.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from pathlib import Path
from typing import NamedTuple

from geopy import units
from geopy.distance import geodesic

DATA = Path(__file__).parent / "data"
EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_LATITUDE = 69.05

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
def _places_by_name() -> dict[str, tuple[tuple, ...]]:
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
    return tuple(_PlaceRow._make(row) for row in _places_by_name().get(normalise_name(name), ()))


@cache
def full_postcodes() -> dict[str, tuple[float, float]]:
    """Every EX, PL and TQ postcode: for placing curators' venues, never readers."""
    return _points("postcodes-devon.csv", "postcode")


def load_search_data() -> None:
    """Read the data every place search needs now, rather than during someone's search."""
    district_centroids()
    _places_by_name()


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


# Distances. The bounding box and the quick great-circle sum narrow and order candidates
# cheaply; geopy's geodesic (about 100 microseconds a call) gives every distance people see.


def bounding_box(
    latitude: float, longitude: float, radius_miles: float
) -> tuple[float, float, float, float]:
    """(south, north, west, east) of a box that holds every point within the radius."""
    margin = 1.01  # the box must never cut off a point the geodesic puts inside the radius
    lat_delta = radius_miles * margin / MILES_PER_DEGREE_LATITUDE
    cos_lat = max(math.cos(math.radians(min(abs(latitude) + lat_delta, 89.9))), 0.01)
    lng_delta = lat_delta / cos_lat
    return latitude - lat_delta, latitude + lat_delta, longitude - lng_delta, longitude + lng_delta


def quick_miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle (haversine) miles: within about 0.5% of the geodesic across Britain."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


# A flat map of the ellipsoid around the search point. Within 60 miles it agrees with the
# geodesic to about 0.01% and needs only sums, products and one cosine, so it runs in SQL on
# SQLite and PostgreSQL alike to keep only the venues inside the radius (nearby.py), and in
# Python (LocalMap.miles) to order them.
LOCAL_MAP_TOLERANCE = 0.0005  # relative; points this close to the edge get the geodesic
_WGS84_A_MILES = 6378137.0 / 1609.344
_WGS84_E2 = 0.00669437999014


@dataclass(frozen=True)
class LocalMap:
    """Miles per degree north (constant near the centre) and east (times cos of mid-latitude)."""

    latitude: float
    longitude: float
    miles_per_degree_north: float
    miles_per_degree_east_at_equator: float

    @classmethod
    def around(cls, latitude: float, longitude: float) -> LocalMap:
        sin2 = math.sin(math.radians(latitude)) ** 2
        meridian = _WGS84_A_MILES * (1 - _WGS84_E2) / (1 - _WGS84_E2 * sin2) ** 1.5
        prime_vertical = _WGS84_A_MILES / (1 - _WGS84_E2 * sin2) ** 0.5
        return cls(latitude, longitude, math.radians(meridian), math.radians(prime_vertical))

    def miles(self, latitude: float, longitude: float) -> float:
        north = self.miles_per_degree_north * (latitude - self.latitude)
        east = (
            self.miles_per_degree_east_at_equator
            * math.cos(math.radians((latitude + self.latitude) / 2))
            * (longitude - self.longitude)
        )
        return math.hypot(north, east)


# One geodesic on WGS-84, reused: a new geopy.distance.geodesic sets up its ellipsoid again
# each time, a third of the cost of a call.
_GEODESIC = geodesic()


def miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    return units.miles(kilometers=_GEODESIC.measure((lat1, lng1), (lat2, lng2)))


def within_radius(
    lat1: float, lng1: float, lat2: float, lng2: float, radius_miles: float
) -> float | None:
    """The quick distance if the point is inside the radius, else None.

    Points near the edge, where the quick sum could be wrong, are settled by the geodesic.
    """
    quick = quick_miles(lat1, lng1, lat2, lng2)
    if quick < radius_miles * 0.99:
        return quick
    if quick > radius_miles * 1.01:
        return None
    exact = miles(lat1, lng1, lat2, lng2)
    return exact if exact <= radius_miles else None
