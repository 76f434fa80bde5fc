"""What you can do instead: services without the rule that shut the reader out, which the
reader can use.

Offering something that cannot help repeats the bounce people describe (language.md), so
every alternative must, as far as the records say:
- not have the rule, where unknown is not "no rule" (unchecked ages are not "no age limit",
  an unknown referral route is not self-referral, an unknown self-harm policy is not one
  that takes people as they are, and no recorded area is not "anywhere");
- be one the reader can contact themselves: self-referral, with a way in that is not only
  for professionals (a venue alone is not a way to get in touch first);
- cover the reader's place (their area, a venue within the search's default radius, or
  anywhere), or with no place given, the page's service's own area;
- take the reader's age, confirmed; with no age given, fit the page's own age range, so a
  young people's app is not offered on an adults' page, nor an adults' service on a young
  people's page;
- be running and published, and not repeat a phone or text number already in the list;
- not be a way to reach 999, which the top of every page already gives.

They are ranked by how well they meet the same need: the same kind of support, then the
same ways of using it and the same audience (one score), then open now, then near. Name
only settles ties, so the order is stable.

One query finds every rule's candidates, and four more read what ranking needs: their kinds,
formats and audiences together (models.tags_of), their opening times, venues and numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OrderBy,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import Substr, Upper

from services import explanations, hours
from services.choices import (
    DEFAULT_RADIUS_MILES,
    TAKES_PEOPLE_AS_THEY_ARE,
    ContactMethod,
    OperatingStatus,
)
from services.models import ContactPoint, Service, ServiceArea, ServiceTags, Venue, tags_of
from services.places.distance import Circle
from services.places.lookup import AREA, Place, district_of_full_postcode

MAX_ALTERNATIVES = 5
# Each rule's candidates are its first CANDIDATES services (those sharing a kind, then a
# format, with the page's service first): enough to rank by audience, "open now" and
# "near" without loading the whole directory.
CANDIDATES = 60
# Any risk threshold, either way, is answered by services that take people as they are.
RISK_RULES = {
    explanations.EXCLUDES_RECENT,
    explanations.EXCLUDES_HIGH_RISK,
    explanations.REQUIRES_HIGH_RISK,
}
ADULT_AGE = 18
# Audience slugs (fixtures/vocabulary.json) that say which age group a service is set up for.
YOUNG_PEOPLE = "young-people"
ADULTS = "adults"
# The tags ranking and the list read of each candidate.
RANKED_TAGS = ("kinds", "formats", "audiences")
# Contact methods whose value is a number: two alternatives sharing one are one offer.
NUMBERS = (ContactMethod.PHONE, ContactMethod.TEXT)
# Ways to reach 999 are not support to use instead: every page names 999 at the top.
EMERGENCY = "emergency"


@dataclass(frozen=True)
class Alternative:
    """One service offered instead, as the page shows it."""

    slug: str
    name: str
    url: str
    hint: tuple[str, ...]  # its area and audience where it has one, then its key facts


@dataclass(frozen=True)
class Alternatives:
    """What a rule's "If this service is not right for you" offers: empty when nothing fits."""

    heading: str
    found: tuple[Alternative, ...] = ()

    def __iter__(self) -> Iterator[Alternative]:
        return iter(self.found)

    def __len__(self) -> int:
        return len(self.found)


def heading(rule: str, *, age: int | None) -> str:
    if age is None:
        return "These services do not have this rule"
    if rule == explanations.AGE_LIMIT:
        return "These take people your age"
    return "These do not have this rule, and they take people your age"


@dataclass(frozen=True)
class Need:
    """Who the alternatives are for: the page's service (what it offers, to whom, where)
    and what the reader told the search."""

    kinds: frozenset[str]
    formats: frozenset[str]
    audiences: frozenset[str]
    min_age: int | None
    max_age: int | None
    # The page's service's area, for a reader who gave no place; empty for a service people
    # use from anywhere (or whose area is not known): then only services usable anywhere fit.
    area_codes: frozenset[str]
    age: int | None
    place: Place | None

    @classmethod
    def of(
        cls, service: Service, *, tags: ServiceTags, age: int | None, place: Place | None
    ) -> Need:
        area_codes: set[str] = set()
        if not service.available_anywhere:
            area_codes = set(service.area_codes) or {
                district
                for venue in service.venues.all()
                if (district := district_of_full_postcode(venue.postcode))
            }
        return cls(
            kinds=frozenset(kind.slug for kind in tags.kinds),
            formats=frozenset(format_.slug for format_ in tags.formats),
            audiences=frozenset(audience.slug for audience in tags.audiences),
            min_age=service.min_age,
            max_age=service.max_age,
            area_codes=frozenset(area_codes),
            age=age,
            place=place,
        )

    @property
    def has_age_rule(self) -> bool:
        return self.min_age is not None or self.max_age is not None

    @property
    def for_adults_only(self) -> bool:
        return (self.min_age is not None and self.min_age >= ADULT_AGE) or (
            ADULTS in self.audiences and YOUNG_PEOPLE not in self.audiences
        )

    @property
    def for_young_people(self) -> bool:
        return (self.max_age is not None and self.max_age < ADULT_AGE) or (
            YOUNG_PEOPLE in self.audiences and ADULTS not in self.audiences
        )

    @cached_property
    def circle(self) -> Circle | None:
        if self.place is None:
            return None
        return Circle.around(self.place.latitude, self.place.longitude, DEFAULT_RADIUS_MILES)


def without_rule(rule: str, *, age: int | None) -> Q:
    """Services known not to have this rule (for the age rule, known to take this age)."""
    if rule == explanations.REFERRAL_ONLY:
        return Q(self_referral=True)
    if rule == explanations.AGE_LIMIT:
        if age is None:
            return Q(ages_confirmed=True, min_age__isnull=True, max_age__isnull=True)
        return Q(ages_confirmed=True) & _takes_age(age)
    if rule == explanations.AREA_LIMIT:
        return Q(available_anywhere=True, gp_registration_area="")
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
    tags: ServiceTags | None = None,
) -> dict[str, Alternatives]:
    """For each rule, up to five services the reader can use instead, best fit first.

    One query answers any number of rules, and four more read the candidates' kinds,
    formats and audiences (one query), opening times, venues and numbers (none when there
    are no candidates). A page's service should come with its venues prefetched and its
    tags already read, as a service page has them; without `tags` they are read here."""
    without = {rule: without_rule(rule, age=age) for rule in rules}
    if not without:
        return {}
    if tags is None:
        tags = tags_of([service.pk], relations=RANKED_TAGS)[service.pk]
    need = Need.of(service, tags=tags, age=age, place=place)
    usable = Service.objects.published().exclude(pk=service.pk).filter(_usable_by(need))
    order = _likely_fit_first(need)
    # Each rule gets its own first CANDIDATES, as a limited subquery: one limit shared by
    # every rule could fill up with one rule's services and leave another with none.
    each_rules_first = [
        usable.filter(rule_out).order_by(*order).values("pk")[:CANDIDATES]
        for rule_out in without.values()
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        # One list of ids (a UNION): an OR of one condition a rule made PostgreSQL read
        # every service in the directory to test it (about 150 ms at 200,000).
        firsts = Q(pk__in=each_rules_first[0].union(*each_rules_first[1:]))
    else:
        # SQLite takes no LIMIT inside a UNION.
        firsts = Q()
        for first in each_rules_first:
            firsts |= Q(pk__in=first)
    # Each rule's Q read back as a column, so that Q stays the one definition of the rule.
    answers = {
        f"without_{rule}": ExpressionWrapper(rule_out, output_field=BooleanField())
        for rule, rule_out in without.items()
    }
    candidates = list(
        Service.objects.filter(firsts)
        .annotate(**answers)
        .order_by(*order)
        .prefetch_related(
            "opening_times",
            "venues",
            Prefetch(
                "contact_points",
                queryset=ContactPoint.objects.filter(for_professionals=False, method__in=NUMBERS),
            ),
        )
    )
    candidate_tags = tags_of([candidate.pk for candidate in candidates], relations=RANKED_TAGS)
    ranks = {}
    for candidate in candidates:
        rank = _rank(candidate, candidate_tags[candidate.pk], need, now)
        if rank is not None:  # None: its nearest venue was just outside the radius
            ranks[candidate.pk] = rank

    found = {}
    for rule in without:
        # Every row passed `usable`, and rows come in the subqueries' order, so a rule's own
        # first CANDIDATES lead its rows; any after them came in for another rule only.
        answering = [c for c in candidates if getattr(c, f"without_{rule}")][:CANDIDATES]
        ranked = sorted((c for c in answering if c.pk in ranks), key=lambda c: ranks[c.pk])
        found[rule] = Alternatives(
            heading(rule, age=age),
            tuple(_offer(c, candidate_tags[c.pk]) for c in _without_repeated_numbers(ranked)),
        )
    return found


# What the database decides: who can use a candidate at all.


def _usable_by(need: Need) -> Q:
    public_contact = ContactPoint.objects.filter(service=OuterRef("pk"), for_professionals=False)
    emergency = Service.kinds.through.objects.filter(service_id=OuterRef("pk"), kind_id=EMERGENCY)
    return (
        Q(self_referral=True, operating_status=OperatingStatus.RUNNING)
        & Exists(public_contact)
        & ~Exists(emergency)
        & _fits_ages(need)
        & _reaches(need)
    )


def _takes_age(age: int) -> Q:
    # As ServiceQuerySet.for_age: a blank limit is no limit.
    return (Q(min_age__isnull=True) | Q(min_age__lte=age)) & (
        Q(max_age__isnull=True) | Q(max_age__gte=age)
    )


def _has_audience(slug: str) -> Exists:
    links = Service.audiences.through.objects.filter(service_id=OuterRef("pk"), audience_id=slug)
    return Exists(links)


def _fits_ages(need: Need) -> Q:
    if need.age is not None:
        return Q(ages_confirmed=True) & _takes_age(need.age)
    # No age given: the page's own age range, so the reader is someone the page's service
    # could have been for.
    fits = Q()
    if need.max_age is not None:
        fits &= Q(min_age__isnull=True) | Q(min_age__lte=need.max_age)
    if need.min_age is not None:
        fits &= Q(max_age__isnull=True) | Q(max_age__gte=need.min_age)
    if need.has_age_rule:
        fits &= Q(ages_confirmed=True)
    young, adults = _has_audience(YOUNG_PEOPLE), _has_audience(ADULTS)
    if need.for_adults_only:
        fits &= ~(Q(max_age__lt=ADULT_AGE) | (young & ~adults))
    if need.for_young_people:
        fits &= ~(Q(min_age__gte=ADULT_AGE) | (adults & ~young))
    return fits


def _reaches(need: Need) -> Q:
    """Services that serve where the reader is: their place if they gave one, otherwise the
    page's service's area.

    Written as one list of ids (a UNION: usable anywhere, covering the area, with a venue
    there) rather than an OR of conditions on each service: with the OR, PostgreSQL read
    every service in the directory to test it (about 150 ms at 200,000 services); with the
    list it looks up only the services named."""
    anywhere = Service.objects.filter(available_anywhere=True).order_by().values("pk")
    if need.place is not None:
        covering = ServiceArea.objects.filter(code__in=need.place.area_codes)
        circle = need.circle
        south, north, west, east = circle.bounding_box()
        # The map's rule in SQL; the few venues within a hair of the edge are settled by
        # the geodesic in _where.
        venue_inside = (
            Venue.objects.filter(
                latitude__range=(south, north),
                longitude__range=(west, east),
            )
            .annotate(map_miles_squared=circle.map_miles_squared_sql("latitude", "longitude"))
            .filter(map_miles_squared__lte=circle.surely_outside_squared)
        )
    elif not need.area_codes:
        return Q(available_anywhere=True)
    else:
        covering = _with_code_heads(ServiceArea.objects, "code").filter(
            _overlapping_codes(need.area_codes)
        )
        venue_inside = (
            _with_code_heads(Venue.objects, "postcode")
            .alias(postcode_capitals=Upper("postcode"))
            .filter(_postcode_in(need.area_codes))
        )
    there = (rows.order_by().values("service_id") for rows in (covering, venue_inside))
    return Q(pk__in=anywhere.union(*there))


def _area_of(code: str) -> str:
    return AREA.match(code).group(0)


def _is_area(code: str) -> bool:
    return _area_of(code) == code


# The SQL below names each code's first one to five characters, so that "a district in the
# area EX" is one IN list however many areas a service covers (a service for all of England
# names over a hundred), rather than an OR for each.
DIGITS = tuple("0123456789")
HEADS = range(1, 6)


def _with_code_heads(rows: QuerySet, column: str) -> QuerySet:
    """Rows with head_1 to head_5: the first characters of a postcode column, in capitals."""
    return rows.alias(
        **{f"head_{length}": Upper(Substr(column, 1, length)) for length in HEADS},
        **{f"after_{length}": Substr(column, length + 1, 1) for length in (1, 2)},
    )


def _districts_in_areas(codes: frozenset[str]) -> Q:
    """Codes (or postcodes) starting with one of these postcode areas and then a digit: EX4
    and EX20 are in EX, but BA1 is not in B."""
    inside = Q(pk__in=[])
    for length in (1, 2):
        areas = sorted(code for code in codes if _is_area(code) and len(code) == length)
        if areas:
            inside |= Q(**{f"head_{length}__in": areas, f"after_{length}__in": DIGITS})
    return inside


def _overlapping_codes(codes: frozenset[str]) -> Q:
    """ServiceArea codes that overlap these: the same code, the postcode area a district is
    in (EX covers EX4), or a district inside an area (EX4 is part of EX)."""
    return Q(code__in=sorted({*codes, *(_area_of(code) for code in codes)})) | (
        _districts_in_areas(codes)
    )


def _postcode_in(codes: frozenset[str]) -> Q:
    """Venues whose postcode ("TQ2 5PU", as curators' saves write it) is in these codes.

    Each code is a prefix of the capitalised postcode, which PostgreSQL finds through the
    index venue_postcode_prefix (migration 0008) instead of reading every venue: a district
    and the space after it, or an area then a digit (EX4 is in EX, BA1 is not in B)."""
    inside = Q(pk__in=[])
    for code in sorted(codes):
        if _is_area(code):
            inside |= Q(postcode_capitals__startswith=code, **{f"after_{len(code)}__in": DIGITS})
        else:
            inside |= Q(postcode_capitals__startswith=f"{code} ")
    return inside


def _likely_fit_first(need: Need) -> list[OrderBy | str]:
    """The order that picks each rule's candidates: sharing a kind with the page's service,
    then a format; pk settles the rest, so the database and Python agree on it."""
    order: list[OrderBy | str] = []
    for relation, tag_field, slugs in (
        (Service.kinds, "kind_id", need.kinds),
        (Service.formats, "format_id", need.formats),
    ):
        if slugs:
            links = relation.through.objects.filter(
                service_id=OuterRef("pk"), **{f"{tag_field}__in": sorted(slugs)}
            )
            order.append(Exists(links).desc())
    return [*order, "name", "pk"]


# What Python decides: how well each candidate fits.


def _overlaps(codes: Iterable[str], others: Iterable[str]) -> bool:
    return any(
        code == other or _area_of(code) == other or code == _area_of(other)
        for code in codes
        for other in others
    )


def _where(candidate: Service, need: Need) -> tuple[int, float] | None:
    """How near it is, smaller first: a venue inside the radius (by map distance), then
    covering the area, then usable from anywhere; None if it does not reach the reader."""
    if need.place is not None:
        circle = need.circle
        inside = [
            circle.map_miles_squared(venue.latitude, venue.longitude)
            for venue in candidate.venues.all()
            if venue.latitude is not None and circle.contains(venue.latitude, venue.longitude)
        ]
        if inside:
            return (0, min(inside))
        if candidate.covers_any(need.place.area_codes):
            return (1, 0.0)
    elif need.area_codes and (
        _overlaps(candidate.area_codes, need.area_codes)
        or any(
            _overlaps([district], need.area_codes)
            for venue in candidate.venues.all()
            if (district := district_of_full_postcode(venue.postcode))
        )
    ):
        return (1, 0.0)
    if candidate.available_anywhere:
        return (2, 0.0)
    return None


def _audience_fit(audiences: set[str], need: Need) -> int:
    """2: set up for the same people (or both for everyone); 1: for everyone; 0: for
    another group, which may not take the reader at all."""
    if not audiences:
        return 1 if need.audiences else 2
    return 2 if audiences & need.audiences else 0


def _rank(candidate: Service, tags: ServiceTags, need: Need, now: datetime) -> tuple | None:
    where = _where(candidate, need)
    if where is None:
        return None
    kinds = {kind.slug for kind in tags.kinds}
    formats = {format_.slug for format_ in tags.formats}
    audiences = {audience.slug for audience in tags.audiences}
    return (
        -len(kinds & need.kinds),
        # Used the same way and by the same people, as one score: for people turned away
        # by an in-person team that is for everyone, a phone line for everyone (0 + 2)
        # comes before a men's group that meets in person (1 + 0).
        -(len(formats & need.formats) + _audience_fit(audiences, need)),
        not hours.is_open(candidate.schedule, now),
        where,
        candidate.name.casefold(),
        candidate.pk,
    )


def _numbers(candidate: Service) -> set[str]:
    # Prefetched: only the public phone and text numbers.
    return {"".join(contact.value.split()) for contact in candidate.contact_points.all()}


def _without_repeated_numbers(ranked: list[Service]) -> list[Service]:
    """The first MAX_ALTERNATIVES that do not repeat a number already offered above them."""
    offered: list[Service] = []
    seen: set[str] = set()
    for candidate in ranked:
        numbers = _numbers(candidate)
        if numbers & seen:
            continue
        seen |= numbers
        offered.append(candidate)
        if len(offered) == MAX_ALTERNATIVES:
            break
    return offered


def _audience_words(names: list[str]) -> str:
    # "Women and girls" reads as "women and girls" after "For"; "LGBTQ+ people" keeps capitals.
    names = [name[0].lower() + name[1:] if name[1:2].islower() else name for name in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _area_words(area_name: str) -> str:
    """ "Devon only"; a longer area in a sentence of its own; "Local only" if unnamed."""
    if not area_name:
        return "Local only"
    if len(area_name.split()) <= 3 and not set(area_name) & set(",()"):
        return f"{area_name} only"
    return f"Only for people in {area_name}"


def _offer(candidate: Service, tags: ServiceTags) -> Alternative:
    hint = []
    if not candidate.available_anywhere:
        hint.append(_area_words(candidate.area_name))
    audiences = [audience.name for audience in tags.audiences]
    if audiences:
        hint.append(f"For {_audience_words(audiences)}")
    return Alternative(
        slug=candidate.slug,
        name=candidate.name,
        url=candidate.get_absolute_url(),
        hint=(*hint, *candidate.key_facts),
    )
