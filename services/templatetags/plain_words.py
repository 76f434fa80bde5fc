"""Template helpers for plain-language text."""

import re

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from services import glossary

register = template.Library()

# Longest terms first, so "self-referral" is linked rather than the "referral" inside it.
_TERMS = sorted(glossary.ENTRIES, key=lambda entry: len(entry.term), reverse=True)
_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(entry.term) for entry in _TERMS) + r")(?![\w-])",
    re.IGNORECASE,
)
_BY_TERM = {entry.term.casefold(): entry for entry in glossary.ENTRIES}


@register.filter
def link_glossary_terms(text: str) -> str:
    """Escape the text and link each glossary term in it to its entry."""
    url = reverse("services:glossary")

    def link(match: re.Match) -> str:
        entry = _BY_TERM[match.group(1).casefold()]
        return f'<a href="{url}#{entry.slug}">{match.group(1)}</a>'

    return mark_safe(_PATTERN.sub(link, escape(text)))
