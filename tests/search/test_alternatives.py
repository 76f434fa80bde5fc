import re
from datetime import datetime

import pytest
from django.urls import reverse

from services import explanations, hours
from services.pages.glossary import ENTRIES
from services.places import lookup as geo
from services.search import alternatives
from services.search.alternatives import alternatives_for_rules
from tests.factories import make_service

pytestmark = pytest.mark.django_db
MONDAY_EVENING = datetime(2026, 11, 23, 20, 0, tzinfo=hours.UK)


def names(services) -> list[str]:
    return [service.name for service in services]


def alternatives_for(service, rule: str, **reader) -> list:
    """The alternatives a page offers for this rule when it is the page's only rule."""
    return alternatives_for_rules(service, [rule], **reader)[rule]


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


def make_strict_local_adult_service():
    return make_service(
        "Strict local adults",
        min_age=18,
        area_postcodes="TQ EX",
        area_name="Devon",
        self_harm_policy="excludes_recent",
        self_harm_policy_weeks=6,
    )


def make_a_mixed_directory() -> None:
    make_service("Any age anywhere, welcoming", self_harm_policy="welcomes", self_referral=True)
    make_service("Teenagers anywhere", min_age=13, max_age=19, self_harm_policy="case_by_case")
    make_service("Adults in Torbay", min_age=18, area_postcodes="TQ", self_harm_policy="welcomes")
    make_service("Plymouth only", area_postcodes="PL1", self_harm_policy="welcomes")
    make_service("GP in Torbay", gp_registration_area="Torbay", slots=((0, "19:00", "22:00"),))
    make_service("Strict nationally", self_harm_policy="excludes_high_risk", open_24_hours=True)
    make_service(
        "Torquay venue",
        min_age=16,
        self_harm_policy="welcomes",
        venues=({"address": "x", "latitude": 50.46, "longitude": -3.53},),
    )


@pytest.mark.parametrize(
    ("age", "place_name"),
    [(None, None), (30, None), (16, None), (None, "Torquay"), (16, "Torquay"), (30, "Plymouth")],
)
def test_alternatives_for_several_rules_at_once_are_what_each_rule_gets_alone(age, place_name):
    strict = make_strict_local_adult_service()
    make_a_mixed_directory()
    rules = [explanations.AGE_LIMIT, explanations.AREA_LIMIT, explanations.EXCLUDES_RECENT]
    reader = {
        "now": MONDAY_EVENING,
        "age": age,
        "place": geo.resolve(place_name).place if place_name else None,
    }
    together = alternatives_for_rules(strict, rules, **reader)
    assert list(together) == rules
    for rule in rules:
        assert names(together[rule]) == names(alternatives_for(strict, rule, **reader))
    assert any(together.values())


def test_each_rule_keeps_its_own_candidates_when_there_are_more_than_enough(monkeypatch):
    # With room for two candidates a rule: the first two services by name that take
    # self-referrals, and the first two that take people as they are. "A3" takes both, but
    # is third by name for self-referral: it must not jump that queue, although it is open.
    # Four self-referral services come first by name: they must not crowd out "B1".
    monkeypatch.setattr(alternatives, "CANDIDATES", 2)
    gated = make_service(
        "Gated", self_referral=False, self_harm_policy="excludes_recent", self_harm_policy_weeks=4
    )
    make_service("A1", self_referral=True)
    make_service("A2", self_referral=True)
    make_service("A3 open now", self_referral=True, self_harm_policy="welcomes", open_24_hours=True)
    make_service("A4", self_referral=True)
    make_service("B1", self_harm_policy="case_by_case")
    make_service("B2", self_harm_policy="welcomes")
    rules = [explanations.REFERRAL_ONLY, explanations.EXCLUDES_RECENT]
    together = alternatives_for_rules(gated, rules, now=MONDAY_EVENING)
    assert names(together[explanations.REFERRAL_ONLY]) == ["A1", "A2"]
    assert names(together[explanations.EXCLUDES_RECENT]) == ["A3 open now", "B1"]
    for rule in rules:
        assert names(together[rule]) == names(alternatives_for(gated, rule, now=MONDAY_EVENING))


def test_a_service_with_no_rules_needs_no_query_for_alternatives(django_assert_num_queries):
    open_door = make_service("Open door", self_referral=True)
    with django_assert_num_queries(0):
        assert alternatives_for_rules(open_door, [], now=MONDAY_EVENING) == {}


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
