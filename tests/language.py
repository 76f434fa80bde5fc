"""The words the site never uses (language.md), for tests of everything people read."""

import re

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
