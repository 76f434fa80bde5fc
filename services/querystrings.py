"""The one way to build a query string for a link on the site.

Links are shown, printed on take-away sheets and bookmarked, so they read plainly: commas
stay commas (a list is "s=samaritans,talkworks-devon"), spaces become "+", and the order of
the parameters is the order given.

At the root of services/ rather than in search/: the search, the take-away lists and the
pages all build links, and lists may not import the search (pyproject.toml, importlinter).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import quote_plus

from django.http import QueryDict

Pairs = Iterable[tuple[str, str]]


def _quoted(key: str, value: str) -> str:
    return f"{quote_plus(key, safe=',')}={quote_plus(str(value), safe=',')}"


def encode(pairs: Pairs) -> str:
    """Pairs as a query string, without the "?"."""
    return "&".join(_quoted(key, value) for key, value in pairs)


def pairs_of(query: QueryDict) -> list[tuple[str, str]]:
    return [(key, value) for key, values in query.lists() for value in values]


def from_params(params: Mapping[str, str]) -> str:
    """A query string from plain names and values, without the "?"."""
    return encode(params.items())


def link(path: str, params: Mapping[str, str]) -> str:
    """A path with a query string from these names and values (none: the bare path)."""
    query = from_params(params)
    return f"{path}?{query}" if query else path


def without(query: QueryDict, name: str, value: str | None = None, *, drop=("page",)) -> str:
    """The query with one parameter (or one of its values) removed, and no page number."""
    return encode(
        (key, item)
        for key, item in pairs_of(query)
        if key not in drop and not (key == name and (value is None or item == value))
    )


def changing(query: QueryDict, **changes: object) -> str:
    """The query with some parameters set to one value each (None removes one), in place
    where they were, new ones at the end."""
    pairs: list[tuple[str, str]] = []
    placed: set[str] = set()
    for key, item in pairs_of(query):
        if key not in changes:
            pairs.append((key, item))
        elif key not in placed:
            placed.add(key)
            if changes[key] is not None:
                pairs.append((key, str(changes[key])))
    pairs += [
        (key, str(value))
        for key, value in changes.items()
        if key not in placed and value is not None
    ]
    return encode(pairs)


class OneParameterLinks:
    """Many links that differ only in one parameter's value: every result card links to the
    same search with one service added to, or taken off, the take-away list. The rest of the
    query is quoted once a page, not once a card.

    The varying parameter goes where it was, so links change little, or at the end.
    """

    def __init__(self, query: QueryDict, name: str):
        self._name = name
        self._before: list[str] = []
        self._after: list[str] = []
        side = self._before
        for key, values in query.lists():
            if key == name:
                side = self._after
                continue
            side.extend(_quoted(key, value) for value in values)

    def with_value(self, value: str) -> str:
        """The query with the parameter set to this value, or left out if it is empty."""
        varying = [_quoted(self._name, value)] if value else []
        return "&".join([*self._before, *varying, *self._after])
