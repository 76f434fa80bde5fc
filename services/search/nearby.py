"""Search around a place: services nearby, nearest first, then those you can use from anywhere.

The database narrows the venues to the radius and orders them nearest first, by the rule
in places.distance.Circle: a bounding box on indexed coordinates, then squared distance on
a flat map around the place. Only venues right at the edge of the radius, and the one page
of results shown, are measured with geopy's geodesic.

In every list (with a venue nearby, covering the area, from anywhere, and with no place at
all) services unchecked for a year (freshness.SINKS_AFTER_MONTHS) come after the others:
the same queries, ordered by one more expression.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import NamedTuple

from django.db import connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from services import freshness
from services.places import distance
from services.places.lookup import Place
from services.querysets import ServiceQuerySet

NEARBY = "nearby"
ANYWHERE = "anywhere"
# The name of the ordering that sinks services unchecked for a year (with_unchecked).
UNCHECKED = "unchecked"


# A service placed by its nearest venue inside the radius: (service id, name, latitude,
# longitude, squared miles on the map), as the database gives it. Plain tuples, kept as
# read: a wide search has thousands.
PlacedRow = tuple[int, str, float, float, float]


class Entry(NamedTuple):
    """One service's place in the results, before the service itself is fetched.

    A named tuple rather than a dataclass: a wide search makes thousands, several times
    faster this way.
    """

    service_id: int
    name: str
    section: str
    miles: float | None = None  # geodesic to that venue, worked out for the page shown

    @property
    def distance_text(self) -> str:
        if self.miles is None:
            return ""
        if self.miles < 0.1:
            return "Less than 0.1 miles away"
        return f"{self.miles:.1f} miles away"


class Arrangement:
    """Arranged services, read the way Paginator reads: counted, then one page sliced out.

    Holds three lists in order: services with a venue inside the radius (as the rows
    _with_a_venue_inside sorted), services covering the place's area, and services usable
    from anywhere. An Entry is made, and measured with geopy's geodesic (about 100
    microseconds a call), only for the page shown, however many services are near.
    """

    def __init__(
        self,
        placed_by_venue: list[PlacedRow] = (),
        covering: list[tuple[int, str]] = (),
        from_anywhere: list[tuple[int, str]] = (),
        place: Place | None = None,
    ):
        self._placed_by_venue = placed_by_venue
        self._covering = covering
        self._from_anywhere = from_anywhere
        self._place = place

    @property
    def counts(self) -> dict[str, int]:
        """How many services each heading (nearby, anywhere) holds."""
        return {
            NEARBY: len(self._placed_by_venue) + len(self._covering),
            ANYWHERE: len(self._from_anywhere),
        }

    def count(self) -> int:
        return len(self._placed_by_venue) + len(self._covering) + len(self._from_anywhere)

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Entry]:
        return iter(self[:])

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            return [self._entry(position) for position in range(*index.indices(self.count()))]
        if not -self.count() <= index < self.count():
            raise IndexError("arrangement index out of range")
        return self._entry(index % self.count())

    def _entry(self, position: int) -> Entry:
        if position < len(self._placed_by_venue):
            service_id, name, latitude, longitude, _ = self._placed_by_venue[position]
            place = self._place
            miles = distance.miles(place.latitude, place.longitude, latitude, longitude)
            return Entry(service_id, name, NEARBY, miles)
        position -= len(self._placed_by_venue)
        if position < len(self._covering):
            return Entry(*self._covering[position], NEARBY)
        return Entry(*self._from_anywhere[position - len(self._covering)], ANYWHERE)


def with_unchecked(results: ServiceQuerySet, now: datetime | None = None) -> ServiceQuerySet:
    """The services with UNCHECKED to order by: 1 for those unchecked for
    freshness.SINKS_AFTER_MONTHS at `now` (by default, the clock's), which sink below the
    rest, 0 for the rest. A search's results have it already (filters.search_results),
    worked out for the search's own moment, and keep it."""
    if UNCHECKED in results.query.annotations:
        return results
    unchecked = Case(
        When(unchecked_for_a_year(now), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return results.alias(**{UNCHECKED: unchecked})


def unchecked_for_a_year(now: datetime | None = None) -> Q:
    """Services unchecked for freshness.SINKS_AFTER_MONTHS at `now` (by default, the
    clock's): those that sink below the rest."""
    return Q(last_checked__lte=freshness.sinking_cutoff(now or timezone.now()))


def arrange(
    results: ServiceQuerySet, place: Place, radius_miles: float, *, now: datetime | None = None
) -> Arrangement:
    """Services with a venue inside the radius (nearest first), then services covering the
    place's area with no venue that near, then services you can use from anywhere; in each,
    those unchecked for a year last."""
    usable = with_unchecked(results, now).usable_in(place.area_codes)
    placed_by_venue, placed = _with_a_venue_inside(usable, place, radius_miles)
    # Services covering the place's area, and those usable from anywhere, come by name in
    # one query (a UNION: an OR would make PostgreSQL read every service). Few services
    # are usable from anywhere next to local ones, so both are read whole, and the ones
    # already placed are left out here rather than in SQL.
    by_section: dict[str, list[tuple[int, str]]] = {NEARBY: [], ANYWHERE: []}
    for pk, name, section, _ in _covering_and_anywhere(usable, place.area_codes):
        by_section[section].append((pk, name))
    covering = [(pk, name) for pk, name in by_section[NEARBY] if pk not in placed]
    placed.update(pk for pk, _ in covering)
    from_anywhere = [(pk, name) for pk, name in by_section[ANYWHERE] if pk not in placed]
    return Arrangement(placed_by_venue, covering, from_anywhere, place)


def anywhere(results: ServiceQuerySet, *, now: datetime | None = None) -> Arrangement:
    """Services that work wherever you are, by name, those unchecked for a year last."""
    by_name = (
        with_unchecked(results, now)
        .available_anywhere()
        .order_by(UNCHECKED, "name", "pk")
        .values_list("pk", "name")
    )
    return Arrangement(from_anywhere=list(by_name))


def _covering_and_anywhere(usable: ServiceQuerySet, codes: set[str]) -> QuerySet:
    """(pk, name, section, unchecked) for services covering these codes (NEARBY) and for
    those usable from anywhere (ANYWHERE), by name, those unchecked for a year last. A
    service that is both comes twice. A UNION is ordered by its columns, so the ordering
    is one of them."""
    columns = ("pk", "name")
    covering = usable.serving_area(codes).annotate(sinks=F(UNCHECKED))
    anywhere_ = usable.available_anywhere().annotate(sinks=F(UNCHECKED))
    covering = covering.order_by().values_list(*columns, Value(NEARBY), "sinks")
    anywhere_ = anywhere_.order_by().values_list(*columns, Value(ANYWHERE), "sinks")
    return covering.union(anywhere_, all=True).order_by("sinks", "name", "pk")


def _with_a_venue_inside(
    usable: ServiceQuerySet, place: Place, radius_miles: float
) -> tuple[list[PlacedRow], set[int]]:
    """Usable services with a venue inside the radius, nearest first, then by name (those
    unchecked for a year after the rest); and the set of their ids.

    One query reads the venues inside the radius (by the map), nearest first, with their
    service's name; a service's first row is its nearest venue. Only venues within a hair
    of the edge are measured here, with the geodesic.
    """
    circle = distance.Circle.around(place.latitude, place.longitude, radius_miles)
    south, north, west, east = circle.bounding_box()
    # Joined from the service to its venues (one row per venue in the box), rather than
    # venues whose service is "in" the search: PostgreSQL then checks the search only for
    # services with a venue in the box, not for the whole directory (about 3x faster at
    # 50,000 services). The annotation and the columns reuse the join the filter made.
    venues = (
        usable.filter(
            venues__latitude__range=(south, north),
            venues__longitude__range=(west, east),
        )
        .annotate(
            map_miles_squared=circle.map_miles_squared_sql("venues__latitude", "venues__longitude")
        )
        .filter(map_miles_squared__lte=circle.surely_outside_squared)
        .order_by(UNCHECKED, "map_miles_squared", "name", "pk")
        .values_list("pk", "name", "venues__latitude", "venues__longitude", "map_miles_squared")
    )
    placed: set[int] = set()
    nearest_first = []
    for row in _rows(venues):
        service_id, _, latitude, longitude, map_miles_squared = row
        if service_id in placed:
            continue  # a farther venue of a service already placed
        if not circle.contains(latitude, longitude, map_miles_squared):
            continue
        placed.add(service_id)
        nearest_first.append(row)
    return nearest_first, placed


def _rows(values: QuerySet) -> list[tuple]:
    """A values_list query's rows, read straight from the database cursor.

    The queryset still writes the SQL; Django's row-by-row handling is skipped. These
    columns (ids, text, floats) need no conversion on SQLite or PostgreSQL.
    """
    sql, params = values.query.sql_with_params()
    with connections[values.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
