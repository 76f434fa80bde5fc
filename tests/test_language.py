"""The words the site never uses (language.md), checked over everything people read."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
BLOCKLIST = [
    r"attention[- ]seeking",
    r"manipulative",
    r"superficial",
    r"self-harmers?",
    r"cutters?",
    r"committed suicide",
    r"successful (suicide )?attempt",
    r"failed (suicide )?attempt",
    r"unsuccessful suicide",
    r"suffering from",
    r"victims? of",
    r"mentally ill",
    r"non-compliant",
    r"frequent attender",
    r"time-waster",
    r"self-mutilation",
    r"service users?",
]
BLOCKED = re.compile(r"\b(" + "|".join(BLOCKLIST) + r")\b", re.IGNORECASE)


def blocked_words(texts) -> list[str]:
    return [
        f"{where}: {match.group(0)!r}" for where, text in texts for match in BLOCKED.finditer(text)
    ]


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
