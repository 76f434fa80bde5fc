"""What you can do instead: other services without the rule that shuts the reader out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import BooleanField, ExpressionWrapper, Q

from services import explanations, hours
from services.choices import DEFAULT_RADIUS_MILES, TAKES_PEOPLE_AS_THEY_ARE, SelfHarmPolicy
from services.models import Service
from services.places.distance import Circle
from services.places.lookup import Place

MAX_ALTERNATIVES = 5
# Enough candidates to rank by "open now" and "nearby" without loading the whole directory.
CANDIDATES = 60
# The candidates for a rule are the first CANDIDATES in this order; pk settles equal names.
BY_NAME = ("name", "pk")
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


def alternatives_for_rules(
    service: Service,
    rules: Iterable[str],
    *,
    now: datetime,
    age: int | None = None,
    place: Place | None = None,
) -> dict[str, list[Service]]:
    """For each rule, up to five other services without it, open now and nearby (within a
    search's default radius) first, fit for the age. The same few queries answer any
    number of rules."""
    without = {rule: without_rule(rule, age=age) for rule in rules}
    if not without:
        return {}
    usable = Service.objects.published().exclude(pk=service.pk)
    if age is not None:
        usable = usable.for_age(age)
    if place is not None:
        usable = usable.usable_in(place.area_codes)
    # Each rule gets its own first CANDIDATES, as a limited subquery: one limit shared by
    # every rule could fill up with one rule's services and leave another with none.
    firsts = Q()
    for rule_out in without.values():
        firsts |= Q(pk__in=usable.filter(rule_out).order_by(*BY_NAME).values("pk")[:CANDIDATES])
    # Each rule's Q read back as a column, so that Q stays the one definition of the rule.
    answers = {
        f"without_{rule}": ExpressionWrapper(rule_out, output_field=BooleanField())
        for rule, rule_out in without.items()
    }
    candidates = Service.objects.filter(firsts).annotate(**answers).order_by(*BY_NAME)
    # Ranking reads opening times, and venues only when there is a place to be near.
    candidates = candidates.prefetch_related("opening_times")
    if place is not None:
        candidates = candidates.prefetch_related("venues")
    candidates = list(candidates)

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

    ranks = {candidate.pk: rank(candidate) for candidate in candidates}
    found = {}
    for rule in without:
        # Every row passed `usable`, and rows come in the subqueries' order, so a rule's own
        # first CANDIDATES lead its rows; any after them came in for another rule only.
        answering = [c for c in candidates if getattr(c, f"without_{rule}")][:CANDIDATES]
        found[rule] = sorted(answering, key=lambda c: ranks[c.pk])[:MAX_ALTERNATIVES]
    return found
