"""How the site speaks (../shared/docs/language.md), as checks for tests of everything people
read: the words it never uses, and plain English measured."""

from __future__ import annotations

import re

import textstat

BLOCKLIST = [
    r"attention[- ]seek(ing|ers?)",
    r"manipulat(ive|ion|ing)",
    r"superficial",
    r"self[- ]harmers?",
    r"cutters?",
    r"commit(s|ted|ting)? suicide",
    r"(successful|failed|unsuccessful) (suicide )?attempts?",
    r"unsuccessful suicides?",
    r"suffer(s|ed|ing)? from",
    r"sufferers?",
    r"victims? of",
    r"mentally ill",
    r"non[- ]complian(t|ce)",
    r"frequent attenders?",
    r"time[- ]wasters?",
    r"revolving door",
    r"self[- ]mutilat(ion|ing)",
    r"service[- ]users?",
    r"(mild|minor|moderate|severe|deliberate) self[- ]harm(ing)?",
]
BLOCKED = re.compile(r"\b(" + "|".join(BLOCKLIST) + r")\b", re.IGNORECASE)

# The NHS content standard and language.md: reading age 9 to 11.
MIN_READING_EASE = 70
MAX_GRADE = 6
MAX_SENTENCE_WORDS = 20
MAX_PARAGRAPH_SENTENCES = 3
# Scores swing wildly on a few words ("Wheelchair access" scores as hard as a legal text),
# so shorter texts are held to the sentence rules only.
MIN_WORDS_TO_SCORE = 8

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")


def blocked_words(texts) -> list[str]:
    return [
        f"{where}: {match.group(0)!r}" for where, text in texts for match in BLOCKED.finditer(text)
    ]


def sentences_of(paragraph: str) -> list[str]:
    return [sentence for sentence in SENTENCE_END.split(paragraph.strip()) if sentence]


def reading_problems(where: str, text: str) -> list[str]:
    """What makes this text harder than the site allows, or nothing."""
    problems = []
    for paragraph in (part for part in re.split(r"\n\s*\n|\n", text) if part.strip()):
        sentences = sentences_of(paragraph)
        if len(sentences) > MAX_PARAGRAPH_SENTENCES:
            problems.append(f"{where}: {len(sentences)} sentences in one paragraph")
        for sentence in sentences:
            words = len(sentence.split())
            if words > MAX_SENTENCE_WORDS:
                problems.append(f"{where}: {words} words in {sentence!r}")
    if len(text.split()) >= MIN_WORDS_TO_SCORE:
        ease, grade = textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)
        if ease < MIN_READING_EASE or grade > MAX_GRADE:
            problems.append(f"{where}: reading ease {ease}, grade {grade} in {text!r}")
    return problems
