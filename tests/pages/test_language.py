"""The words the site never uses (language.md), checked over everything people read."""

import json
from pathlib import Path

import pytest

from tests.language import blocked_words

ROOT = Path(__file__).resolve().parents[2]


def template_texts():
    for path in sorted((ROOT / "templates").rglob("*.html")):
        yield str(path.relative_to(ROOT)), path.read_text()


def fixture_texts():
    for path in sorted((ROOT / "fixtures").glob("*.json")):
        for obj in json.loads(path.read_text()):
            for field, value in obj["fields"].items():
                if isinstance(value, str):
                    yield f"{path.name} {obj['model']} {obj['pk']} {field}", value


def test_no_blocklisted_words_in_templates():
    assert blocked_words(template_texts()) == []


def test_no_blocklisted_words_in_fixtures():
    assert blocked_words(fixture_texts()) == []


@pytest.mark.parametrize(
    "phrase", ["a self-harmer", "Committed suicide", "attention-seeking", "service users"]
)
def test_the_blocklist_catches_the_words_language_md_names(phrase):
    assert blocked_words([("example", phrase)])
