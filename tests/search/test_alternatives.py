import itertools
import re
from datetime import datetime

import pytest
from django.urls import reverse

from services import explanations, hours
from services.models import Audience, Service, tags_of
from services.pages.glossary import ENTRIES
from services.places import lookup as geo
from services.search import alternatives
from services.search.alternatives import alternatives_for_rules
from tests.factories import make_service, tag

pytestmark = pytest.mark.django_db
MONDAY_EVENING = datetime(2026, 11, 23, 20, 0, tzinfo=hours.UK)
NOTHING_FITS = "We have not found another service that fits."

REFERRAL = explanations.REFERRAL_ONLY
AGE = explanations.AGE_LIMIT
AREA = explanations.AREA_LIMIT
RECENT = explanations.EXCLUDES_RECENT
HIGH_RISK = explanations.EXCLUDES_HIGH_RISK
ONLY_HIGH_RISK = explanations.REQUIRES_HIGH_RISK
RISK_RULES = (RECENT, HIGH_RISK, ONLY_HIGH_RISK)

# A page's service with each rule (and otherwise no rule, no area and no age limits).
PAGES = {
    REFERRAL: {"self_referral": False},
    AGE: {"self_referral": True, "min_age": 18, "ages_confirmed": True},
    AREA: {"self_referral": True, "area_postcodes": "TQ EX", "area_name": "Devon"},
    RECENT: {"self_referral": True, "self_harm_policy": "excludes_recent"},
    HIGH_RISK: {"self_referral": True, "self_harm_policy": "excludes_high_risk"},
    ONLY_HIGH_RISK: {"self_referral": True, "self_harm_policy": "requires_high_risk"},
}
_numbers = itertools.count(1)


def fitting(name: str | None = None, **fields) -> Service:
    """A service that fits every reader: it has none of the rules, anyone can contact it
    from anywhere, and it is running. Each test changes one thing."""
    fields.setdefault("self_referral", True)
    fields.setdefault("ages_confirmed", True)
    fields.setdefault("available_anywhere", True)
    fields.setdefault("self_harm_policy", "welcomes")
    fields.setdefault("contacts", ({"method": "phone", "value": f"0800 {next(_numbers):06d}"},))
    return make_service(name, **fields)


def page_with(rule: str, **fields) -> Service:
    if fields.get("self_harm_policy", PAGES[rule].get("self_harm_policy")) == "excludes_recent":
        fields.setdefault("self_harm_policy_weeks", 4)
    return make_service("Page", **{**PAGES[rule], **fields})


def offered(service: Service, rule: str, *, age=None, near=None, now=MONDAY_EVENING) -> list:
    """The alternatives a page offers for this rule when it is the page's only rule."""
    place = geo.resolve(near).place if near else None
    return list(alternatives_for_rules(service, [rule], now=now, age=age, place=place)[rule])


def names(found) -> list[str]:
    return [alternative.name for alternative in found]


def case(id_, rule, other, *, page=None, age=None, near=None, offered=True):
    return pytest.param(rule, page or {}, {"age": age, "near": near}, other, offered, id=id_)


TORQUAY = {"address": "Torquay", "postcode": "TQ2 5PU", "latitude": 50.46, "longitude": -3.53}
PLYMOUTH = {"address": "Plymouth", "postcode": "PL1 2AA", "latitude": 50.3755, "longitude": -4.1427}
NOTTINGHAM = {"address": "Nottingham", "postcode": "NG1 1AA", "latitude": 52.95, "longitude": -1.15}


def at_postcode(postcode: str) -> dict:
    # Far from every place these tests name: only the postcode can match.
    return {"address": "A hall", "postcode": postcode, "latitude": 58.0, "longitude": -5.0}


YOUNG_PEOPLES_APP = {"min_age": 13, "audiences": ("young-people",), "kinds": ("app",)}
ADULTS_PAGE = {"min_age": 18, "ages_confirmed": True, "audiences": ("adults",)}
YOUNG_PEOPLES_PAGE = {"min_age": 10, "max_age": 25, "ages_confirmed": True}
YOUNG_PEOPLES_PAGE["audiences"] = ("young-people",)

TABLE = [
    # Each rule: the alternative must be known not to have it.
    case("referral: self-referral", REFERRAL, {}),
    case("referral: unknown route", REFERRAL, {"self_referral": None}, offered=False),
    case("referral: referral too", REFERRAL, {"self_referral": False}, offered=False),
    case("age, no age given: no limit, confirmed", AGE, {}),
    case("age, no age given: ages unchecked", AGE, {"ages_confirmed": False}, offered=False),
    case("age, no age given: a limit of its own", AGE, {"min_age": 16}, offered=False),
    case("age 16: takes 13 to 19", AGE, {"min_age": 13, "max_age": 19}, age=16),
    case("age 16: takes 18+", AGE, {"min_age": 18}, age=16, offered=False),
    case("age 16: ages unchecked", AGE, {"ages_confirmed": False}, age=16, offered=False),
    case("area: usable anywhere", AREA, {}),
    case("area: no area recorded", AREA, {"available_anywhere": False}, offered=False),
    case(
        "area: local too",
        AREA,
        {"available_anywhere": False, "area_postcodes": "TQ"},
        offered=False,
    ),
    case("area: GP registration", AREA, {"gp_registration_area": "Torbay"}, offered=False),
    *[
        case(f"{rule}: {policy}", rule, {"self_harm_policy": policy}, offered=fits)
        for rule in RISK_RULES
        for policy, fits in [
            ("welcomes", True),
            ("case_by_case", True),
            ("unknown", False),
            ("excludes_high_risk", False),
            ("requires_high_risk", False),
        ]
    ],
    case(
        "recent: excludes recent self-harm",
        RECENT,
        {
            "self_harm_policy": "excludes_recent",
            "self_harm_policy_weeks": 2,
        },
        offered=False,
    ),
    # Every rule: the reader can get in touch themselves.
    *[
        case(f"{rule}: only a self-referral", rule, {"self_referral": None}, offered=False)
        for rule in PAGES
    ],
    case(
        "contact: only for professionals",
        RECENT,
        {"contacts": ({"method": "phone", "value": "01803 1", "for_professionals": True},)},
        offered=False,
    ),
    case("contact: a venue alone", RECENT, {"contacts": (), "venues": (TORQUAY,)}, offered=False),
    case("contact: an email address", RECENT, {"contacts": ({"method": "email", "value": "a@b"},)}),
    # Running and published.
    *[
        case(f"{status}", RECENT, {"operating_status": status}, offered=False)
        for status in ("paused", "closing", "uncertain")
    ],
    case("999 by text", RECENT, {"kinds": ("emergency",)}, offered=False),
    case("draft", RECENT, {"status": "draft"}, offered=False),
    case("withdrawn", RECENT, {"status": "withdrawn"}, offered=False),
    # The reader's place.
    *[
        case(
            f"near TQ1: {label}",
            RECENT,
            {"available_anywhere": False, **fields},
            near="TQ1",
            offered=fits,
        )
        for label, fields, fits in [
            ("covers TQ", {"area_postcodes": "TQ"}, True),
            ("covers TQ1", {"area_postcodes": "TQ1"}, True),
            ("covers TQ5 only", {"area_postcodes": "TQ5"}, False),
            ("covers EX", {"area_postcodes": "EX"}, False),
            ("a venue in Torquay", {"venues": (TORQUAY,)}, True),
            ("a venue in Plymouth, 28 miles", {"venues": (PLYMOUTH,)}, False),
            ("a venue in Nottingham", {"venues": (NOTTINGHAM,)}, False),
            ("no area recorded", {}, False),
        ]
    ],
    case("near TQ1: anywhere", RECENT, {}, near="TQ1"),
    case(
        "near Glasgow: Devon only",
        RECENT,
        {"available_anywhere": False, "area_postcodes": "TQ EX"},
        near="Glasgow",
        offered=False,
    ),
    # No place given: the page's service's own area.
    *[
        case(
            f"page in {page_area}: {label}",
            RECENT,
            {"available_anywhere": False, **fields},
            page={"area_postcodes": page_area},
            offered=fits,
        )
        for page_area, label, fields, fits in [
            ("TQ EX", "covers TQ1", {"area_postcodes": "TQ1"}, True),
            ("TQ EX", "covers EX20", {"area_postcodes": "EX20"}, True),
            ("TQ EX", "covers EX", {"area_postcodes": "EX"}, True),
            ("TQ EX", "covers NG", {"area_postcodes": "NG"}, False),
            ("TQ EX", "a venue in Torquay", {"venues": (TORQUAY,)}, True),
            ("TQ EX", "a venue in Nottingham", {"venues": (NOTTINGHAM,)}, False),
            ("TQ1", "covers TQ", {"area_postcodes": "TQ"}, True),
            ("TQ1", "covers TQ2", {"area_postcodes": "TQ2"}, False),
            # A venue's postcode starts with the district and a space, or the area and a
            # digit, in capitals or not (alternatives._postcode_in, an index on PostgreSQL).
            ("TQ1", "a venue in TQ1", {"venues": (at_postcode("TQ1 4AB"),)}, True),
            ("TQ1", "a venue in tq1", {"venues": (at_postcode("tq1 4ab"),)}, True),
            ("TQ1", "a venue in TQ12", {"venues": (at_postcode("TQ12 3AB"),)}, False),
            ("B", "a venue in B1", {"venues": (at_postcode("B1 1AA"),)}, True),
            ("B", "a venue in BA1", {"venues": (at_postcode("BA1 1AA"),)}, False),
            ("TQ", "a venue in TQ12", {"venues": (at_postcode("TQ12 3AB"),)}, True),
            ("", "covers TQ", {"area_postcodes": "TQ"}, False),
        ]
    ],
    case(
        "national page: Devon only",
        RECENT,
        {"available_anywhere": False, "area_postcodes": "TQ EX"},
        page={"available_anywhere": True},
        offered=False,
    ),
    case(
        "page with a venue in Torquay: covers TQ",
        RECENT,
        {"available_anywhere": False, "area_postcodes": "TQ"},
        page={"venues": (TORQUAY,)},
    ),
    # No age given: the page's own age range.
    case(
        "adults' page: young people's app",
        REFERRAL,
        YOUNG_PEOPLES_APP,
        page=ADULTS_PAGE,
        offered=False,
    ),
    case("adults' page: up to 17", REFERRAL, {"max_age": 17}, page={"min_age": 18}, offered=False),
    case("adults' page: 16 and over", REFERRAL, {"min_age": 16}, page=ADULTS_PAGE),
    case(
        "adults' page: ages unchecked",
        REFERRAL,
        {"ages_confirmed": False},
        page=ADULTS_PAGE,
        offered=False,
    ),
    case(
        "young people's page: 18 and over",
        REFERRAL,
        {"min_age": 18},
        page=YOUNG_PEOPLES_PAGE,
        offered=False,
    ),
    case(
        "young people's page: for adults",
        REFERRAL,
        {"audiences": ("adults",)},
        page=YOUNG_PEOPLES_PAGE,
        offered=False,
    ),
    case("young people's page: any age", REFERRAL, {}, page=YOUNG_PEOPLES_PAGE),
    case("page for any age: ages unchecked", REFERRAL, {"ages_confirmed": False}),
    case("page for any age: young people's app", REFERRAL, YOUNG_PEOPLES_APP),
    # An age given: the alternative takes it, and its ages were checked.
    case("age 30: ages unchecked", REFERRAL, {"ages_confirmed": False}, age=30, offered=False),
    case("age 30: takes 10 to 25", REFERRAL, {"min_age": 10, "max_age": 25}, age=30, offered=False),
    case("age 30: takes 13 and over", REFERRAL, YOUNG_PEOPLES_APP, age=30),
    case(
        "age 16 on an adults' page: takes 13 and over",
        AGE,
        YOUNG_PEOPLES_APP,
        page=ADULTS_PAGE,
        age=16,
    ),
]


@pytest.mark.parametrize(("rule", "page", "reader", "other", "fits"), TABLE)
def test_an_alternative_is_offered_only_when_it_fits_the_reader(rule, page, reader, other, fits):
    fitting("Candidate", **other)
    found = offered(page_with(rule, **page), rule, **reader)
    assert ("Candidate" in names(found)) is fits


def test_the_page_service_itself_is_never_its_own_alternative():
    page = page_with(RECENT, available_anywhere=True, self_harm_policy="welcomes")
    assert offered(page, RECENT) == []


# Ranking: how well it meets the same need, never the name.


def test_the_same_kind_of_support_comes_first_even_when_closed_and_last_by_name():
    page = page_with(REFERRAL, kinds=("talking-therapy",))
    fitting("A helpline open now", kinds=("helpline",), open_24_hours=True)
    fitting("Z talking therapy", kinds=("talking-therapy", "counselling"))
    fitting("Y counselling and therapy", kinds=("talking-therapy", "counselling"))
    assert names(offered(page, REFERRAL)) == [
        "Y counselling and therapy",
        "Z talking therapy",
        "A helpline open now",
    ]


def test_then_the_same_ways_of_using_it_and_the_same_people_as_one_score():
    # A shared format counts one; being for the same people two, for everyone one.
    tag(Audience, "women", "Women and girls")
    page = page_with(REFERRAL, formats=("phone", "text"), audiences=("women",))
    fitting("A app for men", formats=("app",), audiences=("men",))
    fitting("B phone for men", formats=("phone",), audiences=("men",))
    fitting("C app for everyone", formats=("app",))
    fitting("D app for women", formats=("app",), audiences=("women",))
    fitting("E phone and text for men", formats=("phone", "text"), audiences=("men",))
    fitting("F phone for women", formats=("phone",), audiences=("women",))
    assert names(offered(page, REFERRAL)) == [
        "F phone for women",
        "D app for women",
        "E phone and text for men",
        "B phone for men",
        "C app for everyone",
    ]


def test_then_open_now_then_near_then_the_name():
    page = page_with(REFERRAL)
    fitting("A closed", slots=((2, "09:00", "10:00"),))
    fitting("B open now", slots=((0, "19:00", "22:00"),))
    fitting("C covers Torbay", available_anywhere=False, area_postcodes="TQ")
    fitting("D meets in Torquay", available_anywhere=False, venues=(TORQUAY,))
    fitting("E closed too", slots=((2, "09:00", "10:00"),))
    assert names(offered(page, REFERRAL, near="TQ1")) == [
        "B open now",
        "D meets in Torquay",
        "C covers Torbay",
        "A closed",
        "E closed too",
    ]


def test_with_no_place_services_in_the_pages_area_come_before_those_from_anywhere():
    page = page_with(REFERRAL, area_postcodes="TQ")
    fitting("A anywhere")
    fitting("B Torbay", available_anywhere=False, area_postcodes="TQ1 TQ2")
    assert names(offered(page, REFERRAL)) == ["B Torbay", "A anywhere"]


def test_an_app_you_can_use_any_time_does_not_come_first_for_another_kind_of_need():
    page = page_with(AREA, kinds=("helpline",))
    fitting("Calm Harm", kinds=("app",), any_time=True, min_age=13)
    fitting("Night line", kinds=("helpline",), slots=((0, "18:00", "23:00"),))
    assert names(offered(page, AREA)) == ["Night line", "Calm Harm"]


def test_at_most_five_are_offered():
    page = page_with(REFERRAL)
    for number in range(7):
        fitting(f"Line {number}")
    assert names(offered(page, REFERRAL)) == [f"Line {number}" for number in range(5)]


def test_a_number_already_offered_is_not_offered_again_under_another_name():
    page = page_with(REFERRAL, kinds=("helpline",))
    fitting(
        "B national line", kinds=("helpline",), contacts=({"method": "phone", "value": "116 123"},)
    )
    fitting("A local branch", kinds=("app",), contacts=({"method": "phone", "value": "116123"},))
    fitting(
        "C text line",
        kinds=("app",),
        contacts=(
            {"method": "text", "value": "85258", "keyword": "SHOUT"},
            {"method": "phone", "value": "116 123", "for_professionals": True},
        ),
    )
    fitting("D same text number", kinds=("app",), contacts=({"method": "text", "value": "85 258"},))
    assert names(offered(page, REFERRAL)) == ["B national line", "C text line"]


# What each alternative says, and the heading over them.


def test_each_alternative_names_its_area_and_who_it_is_for_beside_its_key_facts():
    tag(Audience, "women", "Women and girls")
    tag(Audience, "lgbtq", "LGBTQ+ people")
    page = page_with(REFERRAL, area_postcodes="TQ")
    fitting("Local", available_anywhere=False, area_postcodes="TQ", area_name="Devon", min_age=18)
    fitting("Women", audiences=("women", "lgbtq"), cost="free")
    fitting(
        "Long area",
        available_anywhere=False,
        area_postcodes="TQ1",
        area_name="Torbay, but not Paignton",
    )
    hints = {alternative.name: alternative.hint for alternative in offered(page, REFERRAL)}
    assert hints == {
        "Local": (
            "Devon only",
            "You can refer yourself",
            "You do not have to stop self-harming",
            "Ages 18+",
        ),
        "Long area": (
            "Only for people in Torbay, but not Paignton",
            "You can refer yourself",
            "You do not have to stop self-harming",
        ),
        "Women": (
            "For LGBTQ+ people and women and girls",
            "You can refer yourself",
            "You do not have to stop self-harming",
            "Free",
        ),
    }


@pytest.mark.parametrize(
    ("rule", "age", "heading"),
    [
        (AGE, 16, "These take people your age"),
        (REFERRAL, 16, "These do not have this rule, and they take people your age"),
        (AGE, None, "These services do not have this rule"),
        (REFERRAL, None, "These services do not have this rule"),
    ],
)
def test_the_heading_says_when_they_take_the_readers_age(rule, age, heading):
    page = page_with(rule)
    found = alternatives_for_rules(page, [rule], now=MONDAY_EVENING, age=age)[rule]
    assert found.heading == heading


# Several rules at once.


def make_strict_local_adult_service():
    return make_service(
        "Strict local adults",
        min_age=18,
        ages_confirmed=True,
        self_referral=True,
        area_postcodes="TQ EX",
        area_name="Devon",
        self_harm_policy="excludes_recent",
        self_harm_policy_weeks=6,
    )


def make_a_mixed_directory() -> None:
    fitting("Any age anywhere, welcoming")
    fitting("Teenagers anywhere", min_age=13, max_age=19, self_harm_policy="case_by_case")
    fitting("Adults in Torbay", min_age=18, available_anywhere=False, area_postcodes="TQ")
    fitting("Plymouth only", available_anywhere=False, area_postcodes="PL1")
    fitting("GP in Torbay", gp_registration_area="Torbay", slots=((0, "19:00", "22:00"),))
    fitting("Strict nationally", self_harm_policy="excludes_high_risk", open_24_hours=True)
    fitting("Unchecked ages", ages_confirmed=False, self_harm_policy="case_by_case")
    fitting(
        "Torquay venue",
        min_age=16,
        available_anywhere=False,
        venues=({"address": "x", "latitude": 50.46, "longitude": -3.53},),
    )


@pytest.mark.parametrize(
    ("age", "place_name"),
    [(None, None), (30, None), (16, None), (None, "Torquay"), (16, "Torquay"), (30, "Plymouth")],
)
def test_alternatives_for_several_rules_at_once_are_what_each_rule_gets_alone(age, place_name):
    strict = make_strict_local_adult_service()
    make_a_mixed_directory()
    rules = [AGE, AREA, RECENT]
    reader = {"age": age, "near": place_name}
    together = alternatives_for_rules(
        strict,
        rules,
        now=MONDAY_EVENING,
        age=age,
        place=geo.resolve(place_name).place if place_name else None,
    )
    assert list(together) == rules
    for rule in rules:
        assert names(together[rule]) == names(offered(strict, rule, **reader))
    assert any(together.values())


def test_each_rule_keeps_its_own_candidates_when_there_are_more_than_enough(monkeypatch):
    # With room for two candidates a rule: the first two by name usable from anywhere, and
    # the first two that take people as they are. "A3" is both, but third by name for the
    # area rule: it must not jump that queue, although it is open. Four services usable
    # from anywhere come first by name: they must not crowd out "B1".
    monkeypatch.setattr(alternatives, "CANDIDATES", 2)
    page = page_with(RECENT, area_postcodes="TQ", area_name="Torbay")
    fitting("A1", self_harm_policy="unknown")
    fitting("A2", self_harm_policy="unknown")
    fitting("A3 open now", open_24_hours=True)
    fitting("A4", self_harm_policy="unknown")
    fitting("B1", available_anywhere=False, area_postcodes="TQ", self_harm_policy="case_by_case")
    fitting("B2", available_anywhere=False, area_postcodes="TQ")
    rules = [AREA, RECENT]
    together = alternatives_for_rules(page, rules, now=MONDAY_EVENING)
    assert names(together[AREA]) == ["A1", "A2"]
    assert names(together[RECENT]) == ["A3 open now", "B1"]
    for rule in rules:
        assert names(together[rule]) == names(offered(page, rule))


def test_the_candidates_are_the_ones_sharing_a_kind_before_the_first_by_name(monkeypatch):
    monkeypatch.setattr(alternatives, "CANDIDATES", 1)
    page = page_with(REFERRAL, kinds=("peer-support",))
    fitting("A helpline")
    fitting("Z peer group", kinds=("peer-support",))
    assert names(offered(page, REFERRAL)) == ["Z peer group"]


# Queries.


def test_a_service_with_no_rules_needs_no_query_for_alternatives(django_assert_num_queries):
    open_door = fitting("Open door")
    with django_assert_num_queries(0):
        assert alternatives_for_rules(open_door, [], now=MONDAY_EVENING) == {}


def test_one_query_finds_nothing_and_five_find_and_rank_candidates(django_assert_num_queries):
    # As a service page has it: its venues prefetched, its tags already read.
    page = Service.objects.with_related().get(pk=page_with(REFERRAL, area_postcodes="TQ").pk)
    tags = tags_of([page.pk])[page.pk]
    rules = [REFERRAL, AREA, RECENT, AGE]
    with django_assert_num_queries(1):
        assert not any(alternatives_for_rules(page, rules, now=MONDAY_EVENING, tags=tags).values())
    fitting("Anywhere")
    fitting("Torbay", available_anywhere=False, area_postcodes="TQ", venues=(TORQUAY,))
    with django_assert_num_queries(5):
        found = alternatives_for_rules(page, rules, now=MONDAY_EVENING, age=30, tags=tags)
    assert names(found[REFERRAL]) == ["Torbay", "Anywhere"]


# On the service page.


def test_where_nothing_fits_the_page_says_so_and_points_to_the_lines_at_the_top(client):
    page = page_with(REFERRAL)
    fitting("Referral too", self_referral=False)
    html = client.get(page.get_absolute_url()).content.decode()
    instead = re.search(r'<div class="instead" data-rule="referral_only">(.*?)</div>', html, re.S)
    assert NOTHING_FITS in instead.group(1)
    assert '<a href="#crisis-heading">The lines at the top of this page</a>' in instead.group(1)
    assert "data-alternative" not in instead.group(1)
    assert 'id="crisis-heading"' in html


def test_service_page_says_how_the_readers_age_meets_the_rule_and_offers_alternatives(client):
    adults = make_service("Adults only", slug="adults-only", min_age=18, self_referral=True)
    fitting("For teenagers", slug="for-teenagers", min_age=13, max_age=19)
    html = client.get(adults.get_absolute_url(), {"age": "17"}).content.decode()
    assert "You said you are 17: this service is for people aged 18 and over." in html
    assert "If this service is not right for you" in html
    assert "<p>These take people your age:</p>" in html
    assert '<li data-alternative="for-teenagers"><a href="/services/for-teenagers/?age=17">' in html
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
    assert set(wanted) <= {entry.slug for entry in ENTRIES}

    service = make_service(
        "Gated", self_referral=False, self_harm_policy="excludes_high_risk", sharing="may_share"
    )
    page = client.get(service.get_absolute_url()).content.decode()
    links = set(re.findall(r'href="/glossary/#([a-z-]+)"', page))
    assert {"referral", "risk-assessment", "safeguarding"} <= links
    assert links <= {entry.slug for entry in ENTRIES}
