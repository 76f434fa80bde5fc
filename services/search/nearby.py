"""Search around a place: services nearby, nearest first, then those you can use from anywhere.

The database narrows the venues to the radius and orders them nearest first, by the rule
in places.distance.Circle: a bounding box on indexed coordinates, then squared distance on
a flat map around the place. Only venues right at the edge of the radius, and the one page
of results shown, are measured with geopy's geodesic.

In every list (with a venue nearby, covering the area, from anywhere, and with no place at
all) services unchecked for a year (freshness.SINKS_AFTER_MONTHS) come after the others:
the same queries, ordered by one more expression.

A wide circle is read from the middle out (_with_a_venue_inside): a page needs only the
nearest services, up to where counting stops (paging.COUNT_CAP), so the venues are read in
a small circle first, and a wider one only when the small one does not hold enough. Around
a city, a 50-mile circle then costs about what a 5-mile one does, however big the directory.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import NamedTuple

from django.db import connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from services import freshness
from services.models import Venue
from services.places import distance
from services.places.lookup import Place
from services.querysets import ServiceQuerySet

NEARBY = "nearby"
ANYWHERE = "anywhere"
# The name of the ordering that sinks services unchecked for a year (with_unchecked).
UNCHECKED = "unchecked"


# A service placed by its nearest venue inside the radius: (service id, name, latitude,
# longitude, squared miles on the map, 1 if it sinks as unchecked for a year else 0), as the
# database gives it. Plain tuples, kept as read: a wide search has thousands.
PlacedRow = tuple[int, str, float, float, float, int]

# The first circle a wide search reads, in miles; wider ones follow only when it holds too
# few services (see _with_a_venue_inside).
FIRST_RING_MILES = 5.0
# A circle with fewer venues than this many times the services wanted is read whole, in
# one query: a smaller circle first would most likely be thrown away.
BUSY = 2
# Each wider circle is sized for the services still wanted, from how many the last one held
# (they grow with its area), and this much more, so one more read is usually the last.
RING_MARGIN = 1.3
# Each wider circle is at least this much wider than the last.
MIN_GROWTH = 1.25
# A wider circle past this share of the radius is the radius.
NEARLY_THE_RADIUS = 0.8
# The radius is read whole once it would hold, as thick as the last circle, fewer than
# this many times the services wanted.
FEW_MORE = 1.5


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
        *,
        counted_all: bool = True,
    ):
        self._placed_by_venue = placed_by_venue
        self._covering = covering
        self._from_anywhere = from_anywhere
        self._place = place
        # False when only the nearest services were read (arrange's `enough`): there are
        # more nearby, and the sections after them were not read at all.
        self.counted_all = counted_all

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
            service_id, name, latitude, longitude, *_ = self._placed_by_venue[position]
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
    results: ServiceQuerySet,
    place: Place,
    radius_miles: float,
    *,
    now: datetime | None = None,
    enough: int | None = None,
) -> Arrangement:
    """Services with a venue inside the radius (nearest first), then services covering the
    place's area with no venue that near, then services you can use from anywhere; in each,
    those unchecked for a year last.

    With `enough`, no more than that many are read when the radius holds more: the nearest,
    in the same order, and the arrangement says it did not count them all."""
    usable = with_unchecked(results, now).usable_in(place.area_codes)
    placed_by_venue = _with_a_venue_inside(usable, place, radius_miles, enough)
    if enough is not None and len(placed_by_venue) >= enough:
        return Arrangement(placed_by_venue[:enough], place=place, counted_all=False)
    placed = {row[0] for row in placed_by_venue}
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
    usable: ServiceQuerySet, place: Place, radius_miles: float, enough: int | None = None
) -> list[PlacedRow]:
    """Usable services with a venue inside the radius, nearest first, then by name (those
    unchecked for a year after the rest).

    With `enough`, and a circle busy with venues, read from the middle out: first the
    services inside FIRST_RING_MILES, then a wider circle, until one holds `enough`
    services that do not sink, or the circle is the radius. Those are then the first
    `enough` of the whole radius's list, since every service farther out comes after them
    (and sinking ones come after every one that does not). Only the last circle read
    decides the list; the ones before it are thrown away.
    """
    if (
        enough is None
        or radius_miles <= FIRST_RING_MILES
        or _fewer_venues_than(place, radius_miles, BUSY * enough)
    ):
        return _placed_inside(usable, place, radius_miles)
    ring = FIRST_RING_MILES
    while True:
        # The whole radius, when it comes to that, is read as a quiet circle is: the
        # search is then selective enough that the plain join is quicker.
        rows = _placed_inside(usable, place, ring, busy=ring < radius_miles)
        if ring >= radius_miles:
            break
        not_sinking = sum(1 for row in rows if not row[5])
        if not_sinking >= enough:
            break
        # Services grow with the circle's area. When the whole radius, as thick with them
        # as this circle, would hold few more than those wanted, read the radius itself: a
        # circle in between would most likely be thrown away. Otherwise size the next for
        # those wanted, and at least a little wider.
        in_the_radius = not_sinking * (radius_miles / ring) ** 2
        wider = ring * max(MIN_GROWTH, RING_MARGIN * (enough / max(not_sinking, 1)) ** 0.5)
        if in_the_radius < FEW_MORE * enough or wider > NEARLY_THE_RADIUS * radius_miles:
            ring = radius_miles
        else:
            ring = wider
    return rows


def _fewer_venues_than(place: Place, radius_miles: float, how_many: int) -> bool:
    """Whether the box around the circle holds fewer venues than `how_many`: counted on the
    coordinates' index alone, and never further than that."""
    _, in_the_box = _circle_and_box(place, radius_miles)
    venues = (
        Venue.objects.filter(**in_the_box)
        .order_by()  # any of them: sorting them by name would read every one
        .values("latitude", "longitude")
    )
    return venues[:how_many].count() < how_many


def _circle_and_box(place: Place, radius_miles: float) -> tuple[distance.Circle, dict]:
    """The circle around the place, and the filter for a venue inside its bounding box."""
    circle = distance.Circle.around(place.latitude, place.longitude, radius_miles)
    south, north, west, east = circle.bounding_box()
    return circle, {"latitude__range": (south, north), "longitude__range": (west, east)}


def _placed_inside(
    usable: ServiceQuerySet, place: Place, radius_miles: float, *, busy: bool = False
) -> list[PlacedRow]:
    """Usable services with a venue inside the radius, each placed by its nearest venue, in
    the order of the results (see _with_a_venue_inside).

    One query reads the venues inside the radius (by the map), nearest first, with their
    service's name; a service's first row is its nearest venue. Only venues within a hair
    of the edge are measured here, with the geodesic.
    """
    circle, in_the_box = _circle_and_box(place, radius_miles)
    # Joined from the service to its venues (one row per venue in the box), so the search
    # is checked only for services with a venue in the box. The annotation and the columns
    # reuse the join the filter made.
    services = usable
    if busy:
        # PostgreSQL guesses the venues in a box as if they were spread evenly; around a
        # city there are five times more, and it then reads every service rather than
        # looking up each one (40 ms against 8 ms for 20 miles around London at 50,000
        # services). Saying first which services have a venue in the box (the same index,
        # read alone) makes it look them up. Elsewhere the plain join is quicker.
        services = usable.filter(pk__in=Venue.objects.filter(**in_the_box).values("service_id"))
    venues = (
        services.filter(
            **{f"venues__{condition}": value for condition, value in in_the_box.items()}
        )
        .annotate(
            map_miles_squared=circle.map_miles_squared_sql("venues__latitude", "venues__longitude"),
            sinks=F(UNCHECKED),
        )
        .filter(map_miles_squared__lte=circle.surely_outside_squared)
        .order_by("sinks", "map_miles_squared", "name", "pk")
        .values_list(
            "pk", "name", "venues__latitude", "venues__longitude", "map_miles_squared", "sinks"
        )
    )
    placed: set[int] = set()
    nearest_first = []
    for row in _rows(venues):
        service_id, _, latitude, longitude, map_miles_squared, _ = row
        if service_id in placed:
            continue  # a farther venue of a service already placed
        if not circle.contains(latitude, longitude, map_miles_squared):
            continue
        placed.add(service_id)
        nearest_first.append(row)
    return nearest_first


def _rows(values: QuerySet) -> list[tuple]:
    """A values_list query's rows, read straight from the database cursor.

    The queryset still writes the SQL; Django's row-by-row handling is skipped. These
    columns (ids, text, floats) need no conversion on SQLite or PostgreSQL.
    """
    sql, params = values.query.sql_with_params()
    with connections[values.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
