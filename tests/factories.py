"""Plain helpers that build rows for tests. Fixtures are curated content, not test data."""

from __future__ import annotations

import itertools
from datetime import date, time

from services.models import (
    AccessFeature,
    Audience,
    ContactPoint,
    Format,
    Kind,
    OpeningTime,
    Organisation,
    Service,
    Venue,
)

_numbers = itertools.count(1)


def tag(model, slug: str, name: str | None = None):
    obj, _ = model.objects.get_or_create(slug=slug, defaults={"name": name or slug.title()})
    return obj


def make_service(
    name: str | None = None,
    *,
    kinds: tuple[str, ...] = ("helpline",),
    formats: tuple[str, ...] = (),
    audiences: tuple[str, ...] = (),
    access: tuple[str, ...] = (),
    slots: tuple[tuple[int, str, str], ...] = (),
    organisation: str | None = None,
    venues: tuple[dict, ...] = (),
    contacts: tuple[dict, ...] = (),
    **fields,
) -> Service:
    number = next(_numbers)
    name = name or f"Service {number}"
    fields.setdefault("slug", f"service-{number}")
    fields.setdefault("summary", f"A summary of {name}.")
    fields.setdefault("status", Service.Status.PUBLISHED)
    fields.setdefault("last_checked", date(2026, 11, 1))
    fields.setdefault("checked_by", "Test curator")
    if fields.get("self_harm_policy") == "excludes_recent":
        # The rule is never stored without what kind of recent self-harm it is about.
        fields.setdefault("self_harm_policy_qualifier", "self-harm that has been getting worse")
    if organisation:
        fields["organisation"], _ = Organisation.objects.get_or_create(name=organisation)
    area_postcodes = fields.pop("area_postcodes", "")
    service = Service.objects.create(name=name, **fields)
    if area_postcodes:
        service.set_area_codes(area_postcodes)
    service.kinds.set([tag(Kind, slug) for slug in kinds])
    service.formats.set([tag(Format, slug) for slug in formats])
    service.audiences.set([tag(Audience, slug) for slug in audiences])
    service.access_features.set([tag(AccessFeature, slug) for slug in access])
    for weekday, opens, closes in slots:
        OpeningTime.objects.create(
            service=service,
            weekday=weekday,
            opens_at=time.fromisoformat(opens),
            closes_at=time.fromisoformat(closes),
        )
    for venue in venues:
        Venue.objects.create(service=service, **venue)
    for contact in contacts:
        ContactPoint.objects.create(service=service, **contact)
    return service
