"""The words the site never uses (language.md), checked over everything people read."""

import json
from pathlib import Path

import pytest

from tests.language import blocked_words, reading_problems

ROOT = Path(__file__).resolve().parents[2]


def template_texts():
    for path in sorted((ROOT / "templates").rglob("*.html")):
        yield str(path.relative_to(ROOT)), path.read_text()


# Every curated field a reader sees, by model. Left out on purpose: names, addresses, numbers
# and links (not prose); the service's own words (self_harm_policy_wording), shown as a quote
# with its source; and what only curators see (research_notes, unconfirmed, checked_by,
# curators' source notes).
READER_FIELDS = {
    "services.service": [
        "summary",
        "description",
        "who_for",
        "age_note",
        "other_conditions",
        "referral_note",
        "first_contact",
        "sharing_note",
        "cost_note",
        "usage_limits",
        "access_note",
        "hours_note",
        "waiting_time",
        "route_in",
        "status_note",
        "curator_note",
    ],
    "services.contactpoint": ["label", "hours_note"],
    "services.venue": ["wheelchair_note"],
    "services.kind": ["name", "description"],
    "services.format": ["name", "description"],
    "services.audience": ["name", "description"],
    "services.accessfeature": ["name", "description"],
    "services.referralroute": ["name", "description"],
}


def fixture_objects():
    for path in sorted((ROOT / "fixtures").glob("*.json")):
        for obj in json.loads(path.read_text()):
            yield path.name, obj


def fixture_texts():
    """Every reader-visible curated text in the fixtures, with where it is."""
    for name, obj in fixture_objects():
        for field in READER_FIELDS.get(obj["model"], []):
            value = obj["fields"].get(field) or ""
            if value.strip():
                yield f"{name} {obj['model']} {obj['pk']} {field}", value


def test_no_blocklisted_words_in_templates():
    assert blocked_words(template_texts()) == []


def test_no_blocklisted_words_in_fixtures():
    assert blocked_words(fixture_texts()) == []


def test_every_reader_visible_field_of_every_fixture_is_plain_english():
    problems = [
        problem for where, text in fixture_texts() for problem in reading_problems(where, text)
    ]
    assert problems == []


def test_the_reading_checks_catch_long_sentences_long_paragraphs_and_hard_words():
    assert reading_problems("x", " ".join(["word"] * 21) + ".")
    assert reading_problems("x", "One. Two. Three. Four.")
    assert reading_problems(
        "x",
        "Multidisciplinary interventions necessitate comprehensive psychological evaluation "
        "by appropriately qualified practitioners.",
    )
    assert not reading_problems("x", "You can call them at any time. They will listen to you.")


@pytest.mark.parametrize(
    "phrase",
    [
        "a self-harmer",
        "Committed suicide",
        "attention-seeking",
        "service users",
        "frequent attenders",
        "service-user",
        "suffers from",
        "commit suicide",
        "minor self-harm",
        "deliberate self-harm",
    ],
)
def test_the_blocklist_catches_the_words_language_md_names(phrase):
    assert blocked_words([("example", phrase)])
