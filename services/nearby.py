"""Search around a place: services nearby, nearest first, then those you can use from anywhere.

The database narrows the venues to the radius: a bounding box on indexed coordinates, then
a flat map of the ellipsoid around the place (geo.LocalMap, which agrees with the geodesic
to about 0.01%), which also orders them here. Only venues right at the edge of the radius,
and the one page of results shown, are measured with geopy's geodesic.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Cos, Radians

from services import geo
from services.querysets import ServiceQuerySet

NEARBY = "nearby"
ANYWHERE = "anywhere"


class Entry(NamedTuple):
    """One service's place in the results, before the service itself is fetched.

    A named tuple rather than a dataclass: a wide search makes thousands, several times
    faster this way.
    """

    service_id: int
    name: str
    section: str
    venue_point: tuple[float, float] | None = None  # its nearest venue, if placed by one
    miles: float | None = None  # geodesic to that venue, worked out for the page shown

    @property
    def distance_text(self) -> str:
        if self.miles is None:
            return ""
        if self.miles < 0.1:
            return "Less than 0.1 miles away"
        return f"{self.miles:.1f} miles away"


class Arrangement:
    """Arranged entries, read the way Paginator reads: counted, then one page sliced out.

    Only the entries on the page shown are measured with geopy's geodesic (about 100
    microseconds a call), however many services are near.
    """

    def __init__(self, entries: list[Entry], place: geo.Place | None = None):
        self._entries = entries
        self._place = place

    @property
    def counts(self) -> dict[str, int]:
        """How many services each heading (nearby, anywhere) holds."""
        totals = dict.fromkeys((NEARBY, ANYWHERE), 0)
        for entry in self._entries:
            totals[entry.section] += 1
        return totals

    def count(self) -> int:
        return len(self._entries)

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Entry]:
        return iter(self[:])

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, int):
            return self._measured(self._entries[index])
        return [self._measured(entry) for entry in self._entries[index]]

    def _measured(self, entry: Entry) -> Entry:
        if entry.venue_point is None or self._place is None:
            return entry
        place = self._place
        return entry._replace(miles=geo.miles(place.latitude, place.longitude, *entry.venue_point))


def arrange(results: ServiceQuerySet, place: geo.Place, radius_miles: float) -> Arrangement:
    """Services with a venue inside the radius (nearest first), then services covering the
    place's area with no venue that near, then services you can use from anywhere."""
    usable = results.usable_in(place.area_codes)
    nearest_first = _with_a_venue_inside(usable, place, radius_miles)
    placed = {entry.service_id for entry in nearest_first}
    # Services covering the place's area, and those usable from anywhere, come by name in
    # one query (a UNION: an OR would make PostgreSQL read every service). Few services
    # are usable from anywhere next to local ones, so both are read whole, and the ones
    # already placed are left out here rather than in SQL.
    by_section: dict[str, list[tuple[int, str]]] = {NEARBY: [], ANYWHERE: []}
    for pk, name, section in _covering_and_anywhere(usable, place.area_codes):
        by_section[section].append((pk, name))
    covering = [Entry(pk, name, NEARBY) for pk, name in by_section[NEARBY] if pk not in placed]
    placed |= {entry.service_id for entry in covering}
    from_anywhere = [
        Entry(pk, name, ANYWHERE) for pk, name in by_section[ANYWHERE] if pk not in placed
    ]
    return Arrangement(nearest_first + covering + from_anywhere, place)


def anywhere(results: ServiceQuerySet) -> Arrangement:
    """Services that work wherever you are, by name."""
    by_name = results.available_anywhere().order_by("name", "pk").values_list("pk", "name")
    return Arrangement([Entry(pk, name, ANYWHERE) for pk, name in by_name])


def _covering_and_anywhere(usable: ServiceQuerySet, codes: set[str]) -> QuerySet:
    """(pk, name, section) for services covering these codes (NEARBY) and for those usable
    from anywhere (ANYWHERE), by name. A service that is both comes twice."""
    covering = usable.serving_area(codes).order_by().values_list("pk", "name", Value(NEARBY))
    anywhere_ = usable.available_anywhere().order_by().values_list("pk", "name", Value(ANYWHERE))
    return covering.union(anywhere_, all=True).order_by("name", "pk")


def _with_a_venue_inside(
    usable: ServiceQuerySet, place: geo.Place, radius_miles: float
) -> list[Entry]:
    """Usable services with a venue inside the radius, nearest first, then by name.

    One query reads the venues inside the radius (by the map) with their service's name;
    only venues within a hair of the edge are measured here, with the geodesic.
    """
    local = geo.LocalMap.around(place.latitude, place.longitude)
    south, north, west, east = geo.bounding_box(place.latitude, place.longitude, radius_miles)
    north_miles = (F("venues__latitude") - Value(place.latitude)) * Value(
        local.miles_per_degree_north
    )
    east_miles = (
        (F("venues__longitude") - Value(place.longitude))
        * Value(local.miles_per_degree_east_at_equator)
        * Cos(Radians((F("venues__latitude") + Value(place.latitude)) / Value(2.0)))
    )
    surely_inside_miles = radius_miles * (1 - geo.LOCAL_MAP_TOLERANCE)
    surely_outside_squared = (radius_miles * (1 + geo.LOCAL_MAP_TOLERANCE)) ** 2
    # Joined from the service to its venues (one row per venue in the box), rather than
    # venues whose service is "in" the search: PostgreSQL then checks the search only for
    # services with a venue in the box, not for the whole directory (about 3x faster at
    # 50,000 services). The alias and the columns reuse the join the filter made.
    # The map distance filters in SQL but is not read back: worked out again here from the
    # coordinates, it saves Django converting a column for each of thousands of rows.
    venues = (
        usable.filter(
            venues__latitude__range=(south, north),
            venues__longitude__range=(west, east),
        )
        .alias(map_miles_squared=north_miles * north_miles + east_miles * east_miles)
        .filter(map_miles_squared__lte=surely_outside_squared)
        .values_list("pk", "name", "venues__latitude", "venues__longitude")
        .order_by()
    )
    nearest: dict[int, tuple[float, str, int, float, float]] = {}
    for service_id, name, latitude, longitude in venues:
        map_miles = local.miles(latitude, longitude)
        if map_miles > surely_inside_miles and (
            geo.miles(place.latitude, place.longitude, latitude, longitude) > radius_miles
        ):
            continue
        known = nearest.get(service_id)
        if known is None or map_miles < known[0]:
            nearest[service_id] = (map_miles, name, service_id, latitude, longitude)
    # Plain tuples sort nearest first, then by name; the service id settles ties, and is
    # unique, so the coordinates are never compared.
    return [
        Entry(pk, name, NEARBY, (latitude, longitude))
        for _, name, pk, latitude, longitude in sorted(nearest.values())
    ]
