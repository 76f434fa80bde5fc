"""A list of results read in parts, one after another, so the database can stop early.

A search with no place lists services by name, with those unchecked for a year after the
rest and, with words, those whose name has every word first. As one ORDER BY over
computed values, PostgreSQL had to find and sort every match to give the first 20: about
120 ms at 50,000 services, growing with the directory. Read as parts (checked services
whose name has the words, then the other checked ones, then the same for the unchecked),
each part is ordered by name alone, which the (status, name) index gives in order: the
database walks it and stops when the page is full.

InParts reads the way Django's Paginator reads: a count, then one slice.
"""

from __future__ import annotations

from itertools import product

from django.db.models import Q, QuerySet


class InParts:
    """The parts' rows in order, as if one list: parts must not overlap."""

    def __init__(self, parts: list[QuerySet], *, whole: QuerySet):
        # `whole` is every part at once, unordered: what count() counts.
        self._parts = parts
        self._whole = whole

    def count(self) -> int:
        return self._whole.order_by().count()

    def values_list(self, *fields, flat: bool = False) -> InParts:
        """The same rows as values (paging reads the ids of a page, then the page)."""
        return InParts(
            [part.values_list(*fields, flat=flat) for part in self._parts],
            whole=self._whole.values_list(*fields, flat=flat),
        )

    def in_bulk(self, ids) -> dict:
        return self._whole.in_bulk(ids)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("InParts is read a page (a plain slice) at a time")
        start, stop = index.start or 0, index.stop
        if stop is None or start < 0 or stop < 0:
            raise TypeError("InParts is read with a start and a stop")
        found: list = []
        for part in self._parts:
            if start >= stop:
                break
            rows = list(part[start:stop])
            found += rows
            if len(rows) == stop - start:
                break
            # This part ended before the window did: how many rows it had moves the window.
            size = start + len(rows) if rows or not start else part[:start].count()
            start, stop = max(0, start - size), stop - size
        return found


def by_name_in_parts(
    matching: QuerySet, sink_when: list[Q], *, where_not: dict[int, QuerySet] | None = None
) -> InParts:
    """Matches in the order of their sinking conditions (each puts those for which it
    holds after the rest, the first condition first), then by name: as parts, one for
    each way the conditions can fall, each in name order. The conditions are plain ones
    (not the CASE a one-query ORDER BY uses), so the planner can tell how many rows each
    part holds and walk the name index when they are many.

    `where_not` gives, by a condition's place in sink_when, a cheaper search that finds the
    same services wherever that condition does not hold: the parts where it does not hold
    start from it instead of `matching`."""
    where_not = where_not or {}
    parts = []
    for holds in product((False, True), repeat=len(sink_when)):
        cheaper = [where_not[at] for at, sinks in enumerate(holds) if not sinks and at in where_not]
        part = cheaper[0] if cheaper else matching
        for condition, sinks in zip(sink_when, holds, strict=True):
            part = part.filter(condition if sinks else ~condition)
        parts.append(part.order_by("name", "pk"))
    return InParts(parts, whole=matching)
