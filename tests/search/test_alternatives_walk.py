"""Every service page, read as a reader would in several situations: each service offered
under "If this service is not right for you" fits that reader.

The checks read the database rows directly, not services/search/alternatives.py, and hold
for whatever curated data is loaded: they are the rules (design.md, "Plain-language
explanations"), not a list of expected services.
"""

import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from markupsafe import escape

from services import explanations, hours
from services.choices import (
    DEFAULT_RADIUS_MILES,
    TAKES_PEOPLE_AS_THEY_ARE,
    ContactMethod,
    OperatingStatus,
    ServiceStatus,
)
from services.models import Service
from services.places import distance, lookup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curated_directory")]
MONDAY_EVENING = datetime(2026, 11, 23, 20, 0, tzinfo=hours.UK)

READERS = {
    "no age or place": {},
    "aged 16": {"age": "16"},
    "aged 30": {"age": "30"},
    "near TQ1": {"near": "TQ1"},
    "near EX4, aged 30": {"near": "EX4", "age": "30"},
    "near Glasgow": {"near": "Glasgow"},
}
INSTEAD = re.compile(r'<div class="instead" data-rule="(?P<rule>\w*)">(?P<body>.*?)</div>', re.S)
OFFERED = re.compile(r'<li data-alternative="(?P<slug>[^"]+)">(?P<body>.*?)</li>', re.S)
NOTHING_FITS = "We have not found another service that fits."
MAX_SHOWN = 5
ADULT = 18


@pytest.fixture(autouse=True)
def monday_evening():
    with time_machine.travel(MONDAY_EVENING, tick=False):
        yield


def directory() -> dict[str, Service]:
    services = Service.objects.prefetch_related("audiences", "venues", "contact_points")
    return {service.slug: service for service in services}


def area_of(code: str) -> str:
    return re.match(r"[A-Z]{1,2}", code).group(0)


def overlap(codes, others) -> bool:
    """The same code, or one is the postcode area the other is in."""
    return any(a == b or area_of(a) == b or a == area_of(b) for a in codes for b in others)


def venue_districts(service: Service) -> set[str]:
    return {
        district
        for venue in service.venues.all()
        if (district := lookup.district_of_full_postcode(venue.postcode))
    }


def audiences(service: Service) -> set[str]:
    return {audience.slug for audience in service.audiences.all()}


def for_young_people(service: Service) -> bool:
    group = audiences(service)
    return (service.max_age is not None and service.max_age < ADULT) or (
        "young-people" in group and "adults" not in group
    )


def for_adults_only(service: Service) -> bool:
    group = audiences(service)
    return (service.min_age is not None and service.min_age >= ADULT) or (
        "adults" in group and "young-people" not in group
    )


def why_it_does_not_fit(page, rule, other, *, age, place) -> list[str]:
    """Every way this alternative breaks the rules for this reader; empty when it fits."""
    why = []
    if other.pk == page.pk:
        why.append("is the page's own service")
    if other.status != ServiceStatus.PUBLISHED:
        why.append("is not published")
    if other.operating_status != OperatingStatus.RUNNING:
        why.append(f"is {other.operating_status}")
    if other.self_referral is not True:
        why.append(f"self-referral is {other.self_referral}")
    if not any(not contact.for_professionals for contact in other.contact_points.all()):
        why.append("has no way in that is not for professionals only")

    # Ages.
    if age is not None:
        if not other.ages_confirmed:
            why.append("its ages were never checked")
        if (other.min_age is not None and age < other.min_age) or (
            other.max_age is not None and age > other.max_age
        ):
            why.append(f"does not take people aged {age}")
    else:
        page_has_age_rule = page.min_age is not None or page.max_age is not None
        if page_has_age_rule and not other.ages_confirmed:
            why.append("its ages were never checked, on a page with an age rule")
        if page.max_age is not None and other.min_age is not None and other.min_age > page.max_age:
            why.append("is for people older than the page's service takes")
        if page.min_age is not None and other.max_age is not None and other.max_age < page.min_age:
            why.append("is for people younger than the page's service takes")
        if for_adults_only(page) and for_young_people(other):
            why.append("is for young people, on an adults' page")
        if for_young_people(page) and for_adults_only(other):
            why.append("is for adults only, on a young people's page")

    # Where.
    if not other.available_anywhere:
        if place is not None:
            near = any(
                venue.latitude is not None
                and distance.miles(place.latitude, place.longitude, venue.latitude, venue.longitude)
                <= DEFAULT_RADIUS_MILES
                for venue in other.venues.all()
            )
            if not near and not set(other.area_codes) & place.area_codes:
                why.append(f"does not serve {place.label}")
        else:
            page_area = (
                set() if page.available_anywhere else set(page.area_codes) or venue_districts(page)
            )
            if not (
                overlap(other.area_codes, page_area) or overlap(venue_districts(other), page_area)
            ):
                why.append(f"serves {other.area_postcodes or 'no recorded area'}, not the page's")

    # The rule itself: unknown is not "no rule".
    if rule == explanations.REFERRAL_ONLY and other.self_referral is not True:
        why.append("may need a referral too")
    known_no_age_limit = other.ages_confirmed and other.min_age is None and other.max_age is None
    if rule == explanations.AGE_LIMIT and age is None and not known_no_age_limit:
        why.append("is not known to have no age limit")
    if rule == explanations.AREA_LIMIT and not (
        other.available_anywhere and not other.gp_registration_area
    ):
        why.append("is not known to work from anywhere")
    if rule in (
        explanations.EXCLUDES_RECENT,
        explanations.EXCLUDES_HIGH_RISK,
        explanations.REQUIRES_HIGH_RISK,
    ) and (other.self_harm_policy not in TAKES_PEOPLE_AS_THEY_ARE):
        why.append(f"its self-harm policy is {other.self_harm_policy}")
    return why


def public_numbers(service: Service) -> set[str]:
    return {
        "".join(contact.value.split())
        for contact in service.contact_points.all()
        if contact.method in (ContactMethod.PHONE, ContactMethod.TEXT)
        and not contact.for_professionals
    }


def walk(client, query: dict) -> tuple[list[str], int, int]:
    """(problems, rules shown, alternatives shown) over every published service's page."""
    services = directory()
    age = int(query["age"]) if "age" in query else None
    place = lookup.resolve(query["near"]).place if "near" in query else None
    problems, rules, shown = [], 0, 0
    for page in services.values():
        if page.status != ServiceStatus.PUBLISHED:
            continue
        response = client.get(reverse("services:detail", kwargs={"slug": page.slug}), query)
        assert response.status_code == 200
        html = response.content.decode()
        blocks = list(INSTEAD.finditer(html))
        assert len(blocks) == html.count("If this service is not right for you")
        for block in blocks:
            rule, where = block["rule"], f"{page.slug} ({block['rule']})"
            rules += 1
            offered = list(OFFERED.finditer(block["body"]))
            shown += len(offered)
            slugs = [item["slug"] for item in offered]
            if not offered and NOTHING_FITS not in block["body"]:
                problems.append(f"{where}: offers nothing and does not say so")
            if len(slugs) > MAX_SHOWN or len(set(slugs)) != len(slugs):
                problems.append(f"{where}: offers {slugs}")
            seen_numbers: set[str] = set()
            for item in offered:
                other = services[item["slug"]]
                problems += [
                    f"{where}: {other.slug} {why}"
                    for why in why_it_does_not_fit(page, rule, other, age=age, place=place)
                ]
                if repeated := public_numbers(other) & seen_numbers:
                    problems.append(f"{where}: {other.slug} repeats {sorted(repeated)}")
                seen_numbers |= public_numbers(other)
                local = not other.available_anywhere and other.area_name
                if local and escape(other.area_name) not in item["body"]:
                    problems.append(f"{where}: {other.slug} does not say its area")
    return problems, rules, shown


@pytest.mark.parametrize("query", READERS.values(), ids=READERS.keys())
def test_every_alternative_on_every_service_page_fits_the_reader(client, query):
    problems, rules, _ = walk(client, query)
    assert rules > 0
    assert problems == []


def test_the_walk_sees_alternatives_to_check(client):
    # Not a rule about the data: a walk that found nothing to check would prove nothing.
    assert walk(client, {})[2] > 0
