"""A take-away list of services that lives only in the address: /list/?s=slug,slug,…

Nothing about the person is stored anywhere: no cookies, no accounts, no rows. Adding,
removing and clearing are plain links that rebuild the address, so they work without
JavaScript, and the address itself is what people keep, share, print or scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse

from services import querystrings
from services.choices import LIST_PARAM

PARAM = LIST_PARAM
MAX_SERVICES = 12
# Longer than any slug, so a hostile value cannot make the work grow.
MAX_SLUG_LENGTH = 100
SLUG = re.compile(r"^[-a-z0-9_]+$")


@dataclass(frozen=True)
class Shortlist:
    """Service slugs in the order they were added, at most MAX_SERVICES, no repeats."""

    slugs: tuple[str, ...] = ()
    # How many entries in the address could not be used (malformed, repeated past the
    # limit): they are skipped, and the list page says so.
    skipped: int = 0

    @classmethod
    def from_query(cls, query: QueryDict) -> Shortlist:
        raw = ",".join(query.getlist(PARAM))[: (MAX_SLUG_LENGTH + 1) * MAX_SERVICES * 4]
        slugs: list[str] = []
        skipped = 0
        for piece in raw.split(","):
            slug = piece.strip().lower()
            if not slug or slug in slugs:
                continue
            if len(slug) > MAX_SLUG_LENGTH or not SLUG.match(slug) or len(slugs) >= MAX_SERVICES:
                skipped += 1
                continue
            slugs.append(slug)
        return cls(tuple(slugs), skipped)

    def __contains__(self, slug: str) -> bool:
        return slug in self.slugs

    def __len__(self) -> int:
        return len(self.slugs)

    @property
    def is_full(self) -> bool:
        return len(self.slugs) >= MAX_SERVICES

    def adding(self, slug: str) -> Shortlist:
        if slug in self.slugs or self.is_full:
            return self
        return Shortlist((*self.slugs, slug))

    def removing(self, slug: str) -> Shortlist:
        return Shortlist(tuple(kept for kept in self.slugs if kept != slug))

    def keeping(self, slugs: set[str]) -> Shortlist:
        """Only these slugs (the ones that name published services), order kept."""
        return Shortlist(tuple(slug for slug in self.slugs if slug in slugs))

    @property
    def value(self) -> str:
        return ",".join(self.slugs)

    @property
    def url(self) -> str:
        page = reverse("services:shortlist")
        return querystrings.link(page, {PARAM: self.value} if self.slugs else {})
