import re
from datetime import datetime

import pytest
from django.urls import reverse

from services import explanations, hours
from services.pages.glossary import ENTRIES
from services.places import lookup as geo
from services.search.alternatives import alternatives_for
from tests.factories import make_service

pytestmark = pytest.mark.django_db
MONDAY_EVENING = datetime(2026, 11, 23, 20, 0, tzinfo=hours.UK)


def names(services) -> list[str]:
    return [service.name for service in services]


def test_alternatives_never_include_the_service_itself_or_one_with_the_same_rule():
    strict = make_service("Strict", self_harm_policy="excludes_recent", self_harm_policy_weeks=4)
    make_service("Also strict", self_harm_policy="excludes_recent", self_harm_policy_weeks=2)
    make_service("High risk only", self_harm_policy="excludes_high_risk")
    make_service("Welcoming", self_harm_policy="welcomes")
    make_service("Talks it through", self_harm_policy="case_by_case")
    found = alternatives_for(strict, explanations.EXCLUDES_RECENT, now=MONDAY_EVENING)
    assert names(found) == ["Welcoming", "Talks it through"]


def test_referral_only_alternatives_take_self_referrals():
    gated = make_service("Referral only", self_referral=False)
    make_service("Walk in", self_referral=True)
    make_service("Unknown")
    assert names(alternatives_for(gated, explanations.REFERRAL_ONLY, now=MONDAY_EVENING)) == [
        "Walk in"
    ]


def test_alternatives_respect_the_readers_age_and_place():
    adults = make_service("Adults only", min_age=18)
    make_service("Young people", max_age=18)
    make_service("Any age")
    make_service("Over 21s", min_age=21)
    make_service("Plymouth only", area_postcodes="PL1 PL2")
    found = alternatives_for(
        adults,
        explanations.AGE_LIMIT,
        now=MONDAY_EVENING,
        age=16,
        place=geo.resolve("Torquay").place,
    )
    assert names(found) == ["Any age", "Young people"]


def test_alternatives_prefer_services_open_now_then_nearby_and_stop_at_five():
    gated = make_service("Gated", self_referral=False)
    make_service("A closed", self_referral=True, slots=((2, "09:00", "10:00"),))
    make_service("B open now", self_referral=True, slots=((0, "19:00", "22:00"),))
    make_service(
        "C nearby",
        self_referral=True,
        venues=({"address": "x", "latitude": 50.44, "longitude": -3.56},),
    )
    for number in range(5):
        make_service(f"D other {number}", self_referral=True)
    found = alternatives_for(
        gated, explanations.REFERRAL_ONLY, now=MONDAY_EVENING, place=geo.resolve("Torquay").place
    )
    assert len(found) == 5
    assert names(found)[:2] == ["B open now", "C nearby"]


def test_service_page_says_how_the_readers_age_meets_the_rule_and_offers_alternatives(client):
    adults = make_service("Adults only", slug="adults-only", min_age=18, self_referral=True)
    make_service("For teenagers", slug="for-teenagers", min_age=13, max_age=19)
    html = client.get(adults.get_absolute_url(), {"age": "17"}).content.decode()
    assert "You said you are 17: this service is for people aged 18 and over." in html
    assert "If this service is not right for you" in html
    assert 'href="/services/for-teenagers/?age=17"' in html
    assert "This is their rule. It is not a judgement about you." in html


def test_result_cards_link_to_service_pages_with_the_search_and_show_key_facts(client):
    make_service(
        "Walk in", slug="walk-in", self_referral=True, self_harm_policy="welcomes", min_age=18
    )
    html = client.get(reverse("services:list"), {"age": "20"}).content.decode()
    assert 'href="/services/walk-in/?age=20"' in html
    assert "You can refer yourself · You do not have to stop self-harming · Ages 18+" in html


def test_glossary_has_every_term_and_explanations_link_to_entries_that_exist(client):
    html = client.get(reverse("services:glossary")).content.decode()
    wanted = [
        "referral",
        "self-referral",
        "threshold",
        "risk-assessment",
        "care-coordinator",
        "community-mental-health-team-cmht",
        "crisis-team",
        "liaison-team",
        "safeguarding",
        "signposting",
        "discharge",
        "talking-therapies",
        "peer-support",
        "crisis-cafe",
        "harm-minimisation",
    ]
    for slug in wanted:
        assert f'id="{slug}"' in html
    assert len(ENTRIES) == len(wanted)

    service = make_service(
        "Gated", self_referral=False, self_harm_policy="excludes_high_risk", sharing="may_share"
    )
    page = client.get(service.get_absolute_url()).content.decode()
    links = set(re.findall(r'href="/glossary/#([a-z-]+)"', page))
    assert {"referral", "risk-assessment", "safeguarding"} <= links
    assert links <= set(wanted)
