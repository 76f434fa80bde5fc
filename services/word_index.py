"""How words find services: on PostgreSQL, one full-text document per service, with a GIN
index, kept in step with everything the words are matched against.

A search word matched `UPPER(column) LIKE '%word%'` over six columns, which made
PostgreSQL read every service: the cost grew with the directory (issue 20). Now each
service keeps `search_document`, a tsvector of its name (weight A), its organisation's
name and its kinds' names (B), its summary (C) and its description (D), and
`name_document`, of its name alone (results whose name has every word come first: a
column of its own, with its own statistics, lets the planner tell how many those are).
A word finds the services whose document has a word starting with it:

- every word must match, as before (AND);
- each word is a prefix, so "harm" finds "self-harm" (the parser keeps "self-harm",
  "self" and "harm"), "text" finds "texting" and "couns" finds "counselling";
- each word is looked up twice, as typed (the 'simple' configuration: no stop words, so
  "the" or "for" still match) and by its English stem (so "groups" finds "group").

A word inside another ("port" in "support") no longer matches: nobody types the middle of
a word, and finding it needs the whole table read.

SQLite, the embedded default, has no full-text type: there the column stays empty and
words are matched as before (querysets.ServiceQuerySet.search), behind the same method.

The document is written by the database (refresh), from the service's own row, its
organisation and its kinds, whenever one of them is saved (signals below), so the admin,
spreadsheet imports, Open Referral imports and fixtures all keep it in step. Code that
writes rows in bulk (bulk_create, QuerySet.update on those columns) calls refresh itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connection

# The words of one typed word: "self-harm" gives "self" and "harm"; "o'neil" gives "o" and
# "neil". The document splits text the same way, so each part is matched as a prefix.
WORD_PARTS = re.compile(r"\w+")


def enabled() -> bool:
    """Whether words are found through the document (PostgreSQL) rather than by LIKE."""
    return connection.vendor == "postgresql"


def word_parts(text: str) -> list[str]:
    """Every part of every word typed, lower-cased, in order, once each."""
    parts: list[str] = []
    for part in WORD_PARTS.findall(text.casefold()):
        if part not in parts:
            parts.append(part)
    return parts


def prefix_query(part: str) -> str:
    """A tsquery (to_tsquery's syntax) for one part as a prefix. Parts are \\w+, quoted
    all the same."""
    return f"'{part}':*"


def _vector(text_sql: str) -> str:
    # As typed and by its English stem: see the module's docstring.
    return f"(to_tsvector('simple', {text_sql}) || to_tsvector('english', {text_sql}))"


def _document_sql() -> str:
    """The SQL expression for one service's document, for `UPDATE services_service AS s`."""
    organisation = (
        "coalesce((SELECT o.name FROM services_organisation o WHERE o.id = s.organisation_id), '')"
    )
    kinds = (
        "coalesce((SELECT string_agg(k.name, ' ') FROM services_kind k"
        " JOIN services_service_kinds link ON link.kind_id = k.slug"
        " WHERE link.service_id = s.id), '')"
    )
    return (
        f"setweight({_vector('s.name')}, 'A')"
        f" || setweight({_vector(organisation)}, 'B')"
        f" || setweight({_vector(kinds)}, 'B')"
        f" || setweight({_vector('s.summary')}, 'C')"
        f" || setweight({_vector('s.description')}, 'D')"
    )


# Services whose documents one statement writes when all are written: each statement stays
# well inside the database's statement timeout (settings.DATABASE_STATEMENT_TIMEOUT_MS)
# however large the directory (about 0.1 s for 2,000 on this project's machine).
BATCH = 2_000


def refresh(service_ids: Iterable[int] | None = None, *, only_missing: bool = False) -> None:
    """Write the document of these services from their rows: of every service when None
    (only those with none yet, with only_missing: after rows written in bulk), a batch at a
    time. Nothing to do on SQLite."""
    if not enabled():
        return
    if service_ids is None:
        from services.models import Service  # here: models imports this module

        services = Service.objects.order_by("pk")
        if only_missing:
            services = services.filter(search_document__isnull=True)
        every = list(services.values_list("pk", flat=True))
        for start in range(0, len(every), BATCH):
            refresh(every[start : start + BATCH])
        return
    ids = list(service_ids)
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE services_service AS s SET search_document = {_document_sql()},"
            f" name_document = {_vector('s.name')} WHERE s.id = ANY(%s)",
            [ids],
        )
