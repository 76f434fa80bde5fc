"""Which services, venues and organisations a request asks for: the API's filters, on the
directory's own querysets wherever they mean what the site's search means (words, age)."""

from __future__ import annotations

from datetime import time

from django.db.models import Exists, OuterRef, Q, QuerySet

from services import hsds
from services.api.params import Query
from services.models import TAG_MODELS, OpeningTime, Service, Venue
from services.places.distance import Circle

METRES_PER_MILE = 1609.344
# What each of our access and safety terms means, as a filter on services.
SAFETY_FILTERS = {
    "self-referral": Q(self_referral=True),
    "referral-needed": Q(self_referral=False),
    "ongoing-self-harm-welcome": Q(self_harm_policy="welcomes"),
    "self-harm-case-by-case": Q(self_harm_policy="case_by_case"),
    "recent-self-harm-rule": Q(self_harm_policy="excludes_recent"),
    "high-risk-rule": Q(self_harm_policy="excludes_high_risk"),
    "only-high-risk": Q(self_harm_policy="requires_high_risk"),
    "keeps-it-private": Q(sharing="private"),
    "private-unless-in-danger": Q(sharing="only_if_in_danger"),
    "may-share": Q(sharing="may_share"),
    "usage-limits": ~Q(usage_limits=""),
}
END_OF_DAY = time(23, 59)


def all_terms() -> list[hsds.Term]:
    """Every taxonomy term: ours, then the vocabulary's, in the curators' order."""
    terms = list(hsds.SAFETY_TERM_LIST)
    for relation, model in TAG_MODELS.items():
        terms += [
            hsds.tag_term(relation, tag.slug, tag.name, tag.description)
            for tag in model.objects.all()
        ]
    return terms


def _term_filter(term_id: str) -> Q:
    for term in hsds.SAFETY_TERM_LIST:
        if term.id == term_id:
            return SAFETY_FILTERS[term.slug]
    for relation, model in TAG_MODELS.items():
        for slug in model.objects.values_list("slug", flat=True):
            if hsds.tag_term(relation, slug, "").id == term_id:
                return Q(**{f"{relation}__slug": slug})
    return Q(pk__in=[])  # a well-formed id we do not know finds nothing


def _taxonomy_filter(taxonomy_id: str) -> Q:
    if taxonomy_id == hsds.ACCESS_AND_SAFETY.id:
        combined = Q(pk__in=[])
        for condition in SAFETY_FILTERS.values():
            combined |= condition
        return combined
    for relation, taxonomy in hsds.TAG_TAXONOMIES.items():
        if taxonomy.id == taxonomy_id:
            return Q(**{f"{relation}__isnull": False})
    return Q(pk__in=[])


def _open_filter(query: Query) -> Q:
    """Services open on that day, opening no earlier than start_time and closing no later
    than end_time, in one slot, as the schedules describe them (open all day: 00:00 to
    23:59 every day; a closing time of midnight reads 23:59)."""
    slots = OpeningTime.objects.filter(service=OuterRef("pk"))
    if query.day is not None:
        slots = slots.filter(weekday=query.day)
    if query.start_time is not None:
        slots = slots.filter(opens_at__gte=query.start_time)
    if query.end_time is not None:
        closes_by = Q(closes_at__lte=query.end_time) & ~Q(closes_at=time(0))
        if query.end_time >= END_OF_DAY:
            closes_by |= Q(closes_at=time(0))
        slots = slots.filter(closes_by)
    all_day = (query.start_time is None or query.start_time == time(0)) and (
        query.end_time is None or query.end_time >= END_OF_DAY
    )
    return Exists(slots) | (Q(open_24_hours=True) if all_day else Q(pk__in=[]))


def services(query: Query) -> QuerySet[Service]:
    """Published services that match every filter given, in a stable order."""
    found = Service.objects.published()
    if query.search:
        found = found.search(query.search)
    if query.age is not None:
        found = found.for_age(query.age)
    if query.minimum_age is not None:
        found = found.filter(min_age__gte=query.minimum_age)
    if query.maximum_age is not None:
        found = found.filter(max_age__lte=query.maximum_age)
    if query.organization_id:
        found = found.filter(organisation__uuid=query.organization_id)
    if query.modified_after is not None:
        found = found.filter(updated_at__gte=query.modified_after)
    if query.taxonomy_term_id:
        found = found.filter(pk__in=Service.objects.filter(_term_filter(query.taxonomy_term_id)))
    if query.taxonomy_id:
        found = found.filter(pk__in=Service.objects.filter(_taxonomy_filter(query.taxonomy_id)))
    if query.day is not None or query.start_time is not None or query.end_time is not None:
        found = found.filter(_open_filter(query))
    return found.order_by("name", "pk")


def _inside(venues: QuerySet[Venue], circle: Circle) -> QuerySet[Venue]:
    """Venues inside the circle, by its one rule (places.distance.Circle.contains): the
    database measures on the map, and only the few venues within a hair of the edge are
    read here and settled by the geodesic. Listing every venue inside by id instead made
    each later query carry hundreds of ids (a quarter of the time near a city)."""
    south, north, west, east = circle.bounding_box()
    near = venues.filter(latitude__range=(south, north), longitude__range=(west, east)).alias(
        map_miles_squared=circle.map_miles_squared_sql("latitude", "longitude")
    )
    on_the_edge = near.filter(
        map_miles_squared__gt=circle.surely_inside_squared,
        map_miles_squared__lte=circle.surely_outside_squared,
    ).values_list("pk", "latitude", "longitude")
    outside = [pk for pk, lat, lng in on_the_edge if not circle.contains(lat, lng)]
    return near.filter(map_miles_squared__lte=circle.surely_outside_squared).exclude(pk__in=outside)


def venues(query: Query) -> QuerySet[Venue]:
    """Venues of the services that match, each a service at a location; near a postcode:
    within proximity of it, or else in services whose area covers it."""
    found = Venue.objects.filter(service__in=services(query))
    if query.place is not None:
        place = query.place
        if query.proximity_metres is not None:
            circle = Circle.around(
                place.latitude, place.longitude, query.proximity_metres / METRES_PER_MILE
            )
            found = _inside(found, circle)
        else:
            found = found.filter(service__in=Service.objects.usable_in(place.area_codes))
    return found.order_by("service__name", "service_id", "pk")
