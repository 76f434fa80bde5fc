"""Search around a place: services nearby, nearest first, then those you can use from anywhere.

The database does the sorting and counting, so the work per page does not grow with the
directory: a bounding box on indexed venue coordinates narrows the candidates, a flat map
of the ellipsoid around the place orders them (geo.LocalMap, which agrees with the geodesic
to about 0.01%), and only the venues right at the edge of the radius, and the one page of
results shown, are fetched and measured with geopy's geodesic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Cos, Radians

from services import geo
from services.models import Venue
from services.querysets import ServiceQuerySet

NEARBY = "nearby"
ANYWHERE = "anywhere"


@dataclass(frozen=True)
class Entry:
    """One service's place in the results, before the service itself is fetched."""

    service_id: int
    name: str
    section: str
    miles: float | None = None  # geodesic, to the nearest venue, for services placed by one
    venue_point: tuple[float, float] | None = None

    @property
    def distance_text(self) -> str:
        if self.miles is None:
            return ""
        if self.miles < 0.1:
            return "Less than 0.1 miles away"
        return f"{self.miles:.1f} miles away"


class Arrangement:
    """Sections of results, read lazily: Paginator counts them, then slices out one page.

    A section is a list of entries already in order, or a query of (service id, name) rows
    in display order, which is only counted and sliced, never fetched whole.
    """

    def __init__(
        self, sections: list[tuple[str, list[Entry] | QuerySet]], place: geo.Place | None = None
    ):
        self._sections = sections
        self._place = place

    @cached_property
    def _sizes(self) -> list[int]:
        return [len(rows) if isinstance(rows, list) else rows.count() for _, rows in self._sections]

    @property
    def counts(self) -> dict[str, int]:
        """How many services each heading (nearby, anywhere) holds."""
        totals = dict.fromkeys((NEARBY, ANYWHERE), 0)
        for (section, _), size in zip(self._sections, self._sizes, strict=True):
            totals[section] += size
        return totals

    def count(self) -> int:
        return sum(self._sizes)

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Entry]:
        return iter(self[0 : self.count()])

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, self.count() if index.stop is None else index.stop
        entries: list[Entry] = []
        offset = 0
        for (section, rows), size in zip(self._sections, self._sizes, strict=True):
            first, last = max(start - offset, 0), min(stop - offset, size)
            if first < last:
                entries += (
                    rows[first:last]
                    if isinstance(rows, list)
                    else [Entry(pk, name, section) for pk, name in rows[first:last]]
                )
            offset += size
        return self._measured(entries)

    def _measured(self, entries: list[Entry]) -> list[Entry]:
        """Geodesic distances for the services on this page that were placed by a venue."""
        placed = [entry.service_id for entry in entries if entry.miles is not None]
        if self._place is None or not placed:
            return entries
        place = self._place
        nearest: dict[int, tuple[float, tuple[float, float]]] = {}
        venues = (
            Venue.objects.filter(
                service_id__in=placed, latitude__isnull=False, longitude__isnull=False
            )
            .values_list("service_id", "latitude", "longitude")
            .order_by()
        )
        for service_id, latitude, longitude in venues:
            distance = geo.miles(place.latitude, place.longitude, latitude, longitude)
            if service_id not in nearest or distance < nearest[service_id][0]:
                nearest[service_id] = (distance, (latitude, longitude))
        return [
            Entry(entry.service_id, entry.name, entry.section, *nearest[entry.service_id])
            if entry.service_id in nearest
            else entry
            for entry in entries
        ]


def arrange(results: ServiceQuerySet, place: geo.Place, radius_miles: float) -> Arrangement:
    """Services with a venue inside the radius (nearest first), then services covering the
    place's area with no venue that near, then services you can use from anywhere."""
    usable = results.usable_in(place.area_codes)
    nearest_first = _with_a_venue_inside(usable, place, radius_miles)
    placed = {entry.service_id for entry in nearest_first}
    covering = [
        Entry(pk, name, NEARBY)
        for pk, name in _by_name(usable.serving_area(place.area_codes))
        if pk not in placed
    ]
    placed |= {entry.service_id for entry in covering}
    # Few services are usable from anywhere next to local ones, so they are read whole and
    # the ones already placed above are left out here rather than in SQL.
    from_anywhere = [
        Entry(pk, name, ANYWHERE)
        for pk, name in _by_name(usable.available_anywhere())
        if pk not in placed
    ]
    return Arrangement(
        [(NEARBY, nearest_first), (NEARBY, covering), (ANYWHERE, from_anywhere)], place
    )


def anywhere(results: ServiceQuerySet) -> Arrangement:
    """Services that work wherever you are, by name: counted and sliced in SQL."""
    return Arrangement([(ANYWHERE, _by_name(results.available_anywhere()))])


def _by_name(services: ServiceQuerySet) -> QuerySet:
    return services.order_by("name", "pk").values_list("pk", "name")


def _with_a_venue_inside(
    usable: ServiceQuerySet, place: geo.Place, radius_miles: float
) -> list[Entry]:
    """Usable services with a venue inside the radius, nearest first, then by name.

    One query reads the venues inside the radius (by the map) with their service's name;
    only venues within a hair of the edge are measured here, with the geodesic.
    """
    local = geo.LocalMap.around(place.latitude, place.longitude)
    south, north, west, east = geo.bounding_box(place.latitude, place.longitude, radius_miles)
    north_miles = (F("latitude") - Value(place.latitude)) * Value(local.miles_per_degree_north)
    east_miles = (
        (F("longitude") - Value(place.longitude))
        * Value(local.miles_per_degree_east_at_equator)
        * Cos(Radians((F("latitude") + Value(place.latitude)) / Value(2.0)))
    )
    surely_inside = (radius_miles * (1 - geo.LOCAL_MAP_TOLERANCE)) ** 2
    surely_outside = (radius_miles * (1 + geo.LOCAL_MAP_TOLERANCE)) ** 2
    venues = (
        Venue.objects.filter(
            service__in=usable.values("pk"),
            latitude__range=(south, north),
            longitude__range=(west, east),
        )
        .annotate(map_miles_squared=north_miles * north_miles + east_miles * east_miles)
        .filter(map_miles_squared__lte=surely_outside)
        .values_list("service_id", "service__name", "map_miles_squared", "latitude", "longitude")
        .order_by()
    )
    nearest: dict[int, tuple[float, str]] = {}
    for service_id, name, map_miles_squared, latitude, longitude in venues:
        if map_miles_squared > surely_inside and (
            geo.miles(place.latitude, place.longitude, latitude, longitude) > radius_miles
        ):
            continue
        if service_id not in nearest or map_miles_squared < nearest[service_id][0]:
            nearest[service_id] = (map_miles_squared, name)
    ordered = sorted(nearest.items(), key=lambda item: (item[1], item[0]))
    # miles is filled with the geodesic for the page shown (Arrangement._measured).
    return [
        Entry(pk, name, NEARBY, miles=map_miles_squared**0.5)
        for pk, (map_miles_squared, name) in ordered
    ]
