"""What you can do instead: other services without the rule that shuts the reader out."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from services import explanations, hours
from services.choices import DEFAULT_RADIUS_MILES, TAKES_PEOPLE_AS_THEY_ARE, SelfHarmPolicy
from services.models import Service
from services.places.distance import Circle
from services.places.lookup import Place

MAX_ALTERNATIVES = 5
# Enough candidates to rank by "open now" and "nearby" without loading the whole directory.
CANDIDATES = 60
# Any risk threshold, either way, is answered by services that take people as they are.
RISK_RULES = {
    explanations.EXCLUDES_RECENT,
    explanations.EXCLUDES_HIGH_RISK,
    explanations.REQUIRES_HIGH_RISK,
}


def without_rule(rule: str, *, age: int | None) -> Q:
    """Services that do not have this rule."""
    if rule == explanations.REFERRAL_ONLY:
        return Q(self_referral=True)
    if rule == explanations.AGE_LIMIT:
        return Q(min_age__isnull=True, max_age__isnull=True) if age is None else Q()
    if rule == explanations.AREA_LIMIT:
        return Q(area_postcodes="", gp_registration_area="")
    if rule in RISK_RULES:
        return Q(self_harm_policy__in=TAKES_PEOPLE_AS_THEY_ARE)
    raise ValueError(f"No alternatives are defined for the rule {rule!r}")


def alternatives_for(
    service: Service,
    rule: str,
    *,
    now: datetime,
    age: int | None = None,
    place: Place | None = None,
) -> list[Service]:
    """Up to five other services without the rule, open now and nearby (within a search's
    default radius) first, fit for the age."""
    candidates = (
        Service.objects.published().exclude(pk=service.pk).filter(without_rule(rule, age=age))
    )
    if age is not None:
        candidates = candidates.for_age(age)
    if place is not None:
        candidates = candidates.usable_in(place.area_codes)
    candidates = list(candidates.with_related().order_by("name")[:CANDIDATES])

    nearby = Circle.around(place.latitude, place.longitude, DEFAULT_RADIUS_MILES) if place else None

    def rank(candidate: Service) -> tuple:
        open_now = hours.is_open(candidate.schedule, now)
        local = place is not None and (
            candidate.covers_any(place.area_codes)
            or any(
                venue.latitude is not None and nearby.contains(venue.latitude, venue.longitude)
                for venue in candidate.venues.all()
            )
        )
        welcomes = candidate.self_harm_policy == SelfHarmPolicy.WELCOMES
        return (not open_now, not local, not welcomes, candidate.name)

    return sorted(candidates, key=rank)[:MAX_ALTERNATIVES]
