"""Search around a place: services nearby, nearest first, then those you can use from anywhere.

The database narrows candidates with a bounding box on indexed coordinates, so the work
does not grow with the whole directory; distances are then worked out here.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    rough_miles: float | None = None
    venue_point: tuple[float, float] | None = None

    def distance_text(self, place: geo.Place) -> str:
        if self.venue_point is None:
            return ""
        exact = geo.miles(place.latitude, place.longitude, *self.venue_point)
        if exact < 0.1:
            return "Less than 0.1 miles away"
        return f"{exact:.1f} miles away"


def arrange(results: ServiceQuerySet, place: geo.Place, radius_miles: float) -> list[Entry]:
    """Services with a venue inside the radius (nearest first), then services covering the
    place's area with no venue that near, then services you can use from anywhere."""
    usable = results.usable_in(place.area_codes)
    south, north, west, east = geo.bounding_box(place.latitude, place.longitude, radius_miles)
    candidate_venues = Venue.objects.filter(
        service__in=usable.values("pk"),
        latitude__range=(south, north),
        longitude__range=(west, east),
    ).values_list("service_id", "service__name", "latitude", "longitude")

    nearest: dict[int, Entry] = {}
    for service_id, name, latitude, longitude in candidate_venues:
        rough = geo.within_radius(
            place.latitude, place.longitude, latitude, longitude, radius_miles
        )
        if rough is None:
            continue
        known = nearest.get(service_id)
        if known is None or rough < known.rough_miles:
            nearest[service_id] = Entry(service_id, name, NEARBY, rough, (latitude, longitude))
    nearby = sorted(nearest.values(), key=lambda entry: (entry.rough_miles, entry.name))

    covering = [
        Entry(service_id, name, NEARBY)
        for service_id, name in usable.serving_area(place.area_codes)
        .order_by("name", "pk")
        .values_list("pk", "name")
        if service_id not in nearest
    ]
    placed = nearest.keys() | {entry.service_id for entry in covering}
    return (
        nearby + covering + [entry for entry in anywhere(usable) if entry.service_id not in placed]
    )


def anywhere(results: ServiceQuerySet) -> list[Entry]:
    """Services that work wherever you are, by name."""
    return [
        Entry(service_id, name, ANYWHERE)
        for service_id, name in results.available_anywhere()
        .order_by("name", "pk")
        .values_list("pk", "name")
    ]
