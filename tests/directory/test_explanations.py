import itertools
import json
import re
from pathlib import Path

import pytest
import textstat

from services import explanations
from services.explanations import Facts, Reader, explain, key_facts
from tests.language import BLOCKED

NOT_YOU = "This is their rule. It is not a judgement about you."


def part_about(topic: str, facts: Facts, reader: Reader | None = None) -> explanations.Explanation:
    (part,) = [part for part in explain(facts, reader) if part.topic == topic]
    return part


def sentences_for(topic: str, facts: Facts, reader: Reader | None = None) -> tuple[str, ...]:
    return part_about(topic, facts, reader).sentences


@pytest.mark.parametrize(
    ("facts", "expected", "rule"),
    [
        (
            Facts(self_harm_policy="welcomes"),
            ("You do not have to stop self-harming to use this service.",),
            "",
        ),
        (
            Facts(self_harm_policy="case_by_case"),
            (
                "If you self-harm now, they will talk it through with you.",
                "Then you decide together what might help.",
            ),
            "",
        ),
        (
            Facts(
                self_harm_policy="excludes_recent",
                self_harm_policy_weeks=4,
                self_harm_policy_qualifier=(
                    "an attempt on your life, or self-harm that has been getting worse"
                ),
                has_policy_wording=True,
            ),
            (
                "They have a rule about the last 4 weeks.",
                "It is about an attempt on your life, or self-harm that has been getting worse.",
                "If you have had this, they may not start working with you yet.",
                "Their own words are below.",
                NOT_YOU,
            ),
            "excludes_recent",
        ),
        (
            Facts(self_harm_policy="excludes_high_risk"),
            (
                "They may not take you if they think your risk is high.",
                "They decide this by asking you some questions. This is called a risk assessment.",
                NOT_YOU,
            ),
            "excludes_high_risk",
        ),
        (
            Facts(self_harm_policy="requires_high_risk"),
            (
                "They only see people they think are at high risk, or who need a lot of help.",
                "If they say no, it does not mean you do not need help.",
                NOT_YOU,
            ),
            "requires_high_risk",
        ),
        (
            Facts(self_harm_policy="unknown"),
            (
                "We have not been able to check if self-harming now affects this.",
                "Contact them to ask.",
            ),
            "",
        ),
    ],
)
def test_each_self_harm_policy_has_its_own_plain_sentences(facts, expected, rule):
    part = part_about("If you self-harm now", facts)
    assert part.sentences == expected
    assert part.rule == rule


@pytest.mark.parametrize(
    ("facts", "expected", "rule"),
    [
        (
            Facts(self_referral=True),
            (
                "You can contact them yourself.",
                "You do not need a GP or anyone else to send you.",
                "This is called a self-referral.",
            ),
            "",
        ),
        (
            Facts(self_referral=False, referral_routes=("Your GP", "A&E or a hospital ward")),
            (
                "You cannot contact them yourself to start.",
                "Someone has to ask them to see you. This is called a referral.",
                "This can be your GP, or A&E or a hospital ward.",
                NOT_YOU,
            ),
            "referral_only",
        ),
        (
            Facts(self_referral=False),
            (
                "You cannot contact them yourself to start.",
                "Someone has to ask them to see you. This is called a referral.",
                NOT_YOU,
            ),
            "referral_only",
        ),
        (
            Facts(self_referral=None, referral_routes=("Your GP",)),
            (
                "We have not been able to check if you can contact them yourself.",
                "Contact them to ask.",
                "You can be referred by your GP.",
            ),
            "",
        ),
    ],
)
def test_self_referral_and_each_referral_route_are_explained(facts, expected, rule):
    part = part_about("How to start", facts)
    assert part.sentences == expected
    assert part.rule == rule


@pytest.mark.parametrize(
    ("facts", "reader", "expected", "rule"),
    [
        (Facts(min_age=18), Reader(), ("It is for people aged 18 and over.", NOT_YOU), "age_limit"),
        (
            Facts(max_age=18),
            Reader(),
            ("It is for people aged 18 and under.", NOT_YOU),
            "age_limit",
        ),
        (
            Facts(min_age=14, max_age=19),
            Reader(),
            ("It is for people aged 14 to 19.", NOT_YOU),
            "age_limit",
        ),
        (
            Facts(min_age=18),
            Reader(age=17),
            ("You said you are 17: this service is for people aged 18 and over.", NOT_YOU),
            "age_limit",
        ),
        (
            Facts(min_age=18),
            Reader(age=18),
            (
                "It is for people aged 18 and over.",
                "You said you are 18, so your age fits.",
                NOT_YOU,
            ),
            "age_limit",
        ),
        (
            Facts(max_age=18),
            Reader(age=19),
            ("You said you are 19: this service is for people aged 18 and under.", NOT_YOU),
            "age_limit",
        ),
        (Facts(ages_confirmed=True), Reader(age=40), ("There is no age limit.",), ""),
        (
            Facts(),
            Reader(),
            ("We have not been able to check if there is an age limit.", "Contact them to ask."),
            "",
        ),
    ],
)
def test_every_age_limit_shape_is_explained_and_speaks_to_the_readers_age(
    facts, reader, expected, rule
):
    part = part_about("Age", facts, reader)
    assert part.sentences == expected
    assert part.rule == rule


@pytest.mark.parametrize(
    ("facts", "reader", "expected", "rule"),
    [
        (Facts(available_anywhere=True), Reader(), ("You can use it wherever you are.",), ""),
        (
            Facts(area_name="Torbay"),
            Reader(place_name="Exeter, Devon", place_in_area=False),
            (
                "It is for people in Torbay.",
                "You searched near Exeter, Devon, which is outside this area.",
                NOT_YOU,
            ),
            "area_limit",
        ),
        (
            Facts(area_name="Torbay", gp_registration_area="Torbay"),
            Reader(),
            (
                "It is for people in Torbay.",
                "You need to be registered with a GP in Torbay.",
                NOT_YOU,
            ),
            "area_limit",
        ),
        (
            Facts(),
            Reader(),
            ("We have not been able to check which area they cover.", "Contact them to ask."),
            "",
        ),
    ],
)
def test_area_served_and_gp_registration_are_explained(facts, reader, expected, rule):
    part = part_about("Where", facts, reader)
    assert part.sentences == expected
    assert part.rule == rule


@pytest.mark.parametrize(
    ("facts", "topic", "expected"),
    [
        (Facts(cost="free"), "Cost", ("It is free.",)),
        (Facts(cost="low_cost"), "Cost", ("It costs a small amount.",)),
        (Facts(cost="paid"), "Cost", ("You have to pay to use it.",)),
        (
            Facts(),
            "Cost",
            ("We have not been able to check if it costs anything.", "Contact them to ask."),
        ),
        (
            Facts(audiences=("Women and girls",)),
            "Who it is for",
            ("It is set up for women and girls.",),
        ),
        (
            Facts(
                audiences=("Young people", "LGBTQ+ people"),
                also_supports=("Parents, carers, family and friends",),
            ),
            "Who it is for",
            (
                "It is set up for young people, or LGBTQ+ people.",
                "They also support parents, carers, family and friends.",
            ),
        ),
        (
            Facts(also_supports=("Parents, carers, family and friends",)),
            "Who it is for",
            ("They also support parents, carers, family and friends.",),
        ),
        (
            Facts(has_usage_limits=True),
            "Limits",
            ("They limit how often one person can use it.", "There is more about this below."),
        ),
        (
            Facts(sharing="private"),
            "If you tell them you self-harm",
            ("What you tell them stays private.",),
        ),
        (
            Facts(sharing="only_if_in_danger"),
            "If you tell them you self-harm",
            (
                "What you tell them stays private.",
                "They may tell someone if they think your life is in danger right now.",
            ),
        ),
        (
            Facts(sharing="may_share"),
            "If you tell them you self-harm",
            (
                "They may tell other people, such as your GP, to help keep you safe.",
                "This is called safeguarding.",
            ),
        ),
        (
            Facts(),
            "If you tell them you self-harm",
            ("We have not been able to check who they would tell.", "Contact them to ask."),
        ),
    ],
)
def test_cost_audience_usage_limits_and_sharing_are_explained(facts, topic, expected):
    assert sentences_for(topic, facts) == expected


ASK_SOMEONE = "Ask your GP or the people supporting you."


@pytest.mark.parametrize(
    ("topic", "unchecked"),
    [
        ("How to start", "We have not been able to check if you can contact them yourself."),
        ("Age", "We have not been able to check if there is an age limit."),
        ("Where", "We have not been able to check which area they cover."),
        (
            "If you self-harm now",
            "We have not been able to check if self-harming now affects this.",
        ),
        ("Cost", "We have not been able to check if it costs anything."),
        ("If you tell them you self-harm", "We have not been able to check who they would tell."),
    ],
)
@pytest.mark.parametrize(
    ("has_contact_route", "ask"), [(True, "Contact them to ask."), (False, ASK_SOMEONE)]
)
def test_what_we_could_not_check_says_who_to_ask_and_never_a_service_you_cannot_reach(
    topic, unchecked, has_contact_route, ask
):
    sentences = sentences_for(topic, Facts(has_contact_route=has_contact_route))
    assert sentences[:2] == (unchecked, ask)
    assert language_problems(" ".join(sentences)) == []


def test_the_wording_for_a_service_you_cannot_contact_is_named_once():
    assert explanations.ASK_SOMEONE == ASK_SOMEONE
    assert not any(
        explanations.ASK_THEM in part.text for part in explain(Facts(has_contact_route=False))
    )


@pytest.mark.parametrize(
    ("policy", "fact"),
    [
        ("excludes_recent", "Has a rule about recent self-harm"),
        ("excludes_high_risk", "Has a rule about risk"),
        ("requires_high_risk", "Only for people at high risk"),
    ],
)
def test_key_facts_name_a_rule_without_stating_it_more_harshly_than_its_source(policy, fact):
    assert key_facts(Facts(self_harm_policy=policy, self_harm_policy_weeks=4)) == [fact]


def test_key_facts_make_one_short_line_for_a_result_card():
    facts = Facts(self_referral=True, self_harm_policy="welcomes", min_age=18, cost="free")
    assert key_facts(facts) == [
        "You can refer yourself",
        "You do not have to stop self-harming",
        "Ages 18+",
        "Free",
    ]


# Every combination of the facts that change the words, for the language checks.
COMBINATIONS = [
    Facts(
        self_referral=self_referral,
        referral_routes=routes,
        min_age=min_age,
        max_age=max_age,
        ages_confirmed=True,
        self_harm_policy=policy,
        self_harm_policy_weeks=4 if policy == "excludes_recent" else None,
        sharing=sharing,
        cost=cost,
        area_name=area,
        available_anywhere=not area,
        has_usage_limits=True,
    )
    for self_referral, routes in [(True, ()), (False, ("Your GP",)), (None, ())]
    for min_age, max_age in [(None, None), (18, None), (None, 17), (14, 19)]
    for policy in [
        "welcomes",
        "case_by_case",
        "excludes_recent",
        "excludes_high_risk",
        "requires_high_risk",
        "unknown",
    ]
    for sharing in ["private", "only_if_in_danger", "may_share", "unknown"]
    for cost in ["free", "unknown"]
    for area in ["", "Torbay"]
]
READERS = [Reader(), Reader(age=16, place_name="Exeter", place_in_area=False)]


def all_generated_texts():
    seen = set()
    for facts, reader in itertools.product(COMBINATIONS, READERS):
        for part in explain(facts, reader):
            if part.text not in seen:
                seen.add(part.text)
                yield part.text


def fixture_facts():
    path = Path(__file__).resolve().parents[2] / "fixtures" / "services.json"
    routes = {
        obj["pk"]: obj["fields"]["name"]
        for obj in json.loads((path.parent / "vocabulary.json").read_text())
        if obj["model"] == "services.referralroute"
    }
    for obj in json.loads(path.read_text()):
        if obj["model"] != "services.service":
            continue
        f = obj["fields"]
        yield (
            obj["fields"]["slug"],
            Facts(
                self_referral=f["self_referral"],
                referral_routes=tuple(routes[slug] for slug in f["referral_routes"]),
                min_age=f["min_age"],
                max_age=f["max_age"],
                ages_confirmed=f["ages_confirmed"],
                available_anywhere=f["available_anywhere"],
                area_name=f["area_name"],
                gp_registration_area=f["gp_registration_area"],
                cost=f["cost"],
                self_harm_policy=f["self_harm_policy"],
                self_harm_policy_weeks=f["self_harm_policy_weeks"],
                has_usage_limits=bool(f["usage_limits"]),
                sharing=f["sharing"],
            ),
        )


def language_problems(text: str) -> list[str]:
    problems = []
    if BLOCKED.search(text):
        problems.append(f"blocklisted word {BLOCKED.search(text).group(0)!r}")
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if len(sentence.split()) > 20:
            problems.append(f"sentence over 20 words: {sentence!r}")
    ease, grade = textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)
    if ease < 70:
        problems.append(f"reading ease {ease:.0f} < 70")
    if grade > 6:
        problems.append(f"grade {grade:.1f} > 6")
    return problems


def test_every_generated_explanation_in_the_table_reads_plainly():
    problems = {text: language_problems(text) for text in all_generated_texts()}
    assert {text: found for text, found in problems.items() if found} == {}


def test_every_explanation_for_the_fixture_services_reads_plainly():
    problems = {}
    for slug, facts in fixture_facts():
        for reader in READERS:
            for part in explain(facts, reader):
                if found := language_problems(part.text):
                    problems[f"{slug}: {part.text}"] = found
    assert problems == {}


def test_the_rule_words_stay_with_the_service():
    assert explanations.NOT_YOU == NOT_YOU
