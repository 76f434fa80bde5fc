"""The search form's lists of tags, read from the database once a form."""

from __future__ import annotations

from functools import cache

from django.db.models import QuerySet, Value
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property


class Vocabulary:
    """The search form's lists of tags (kinds of support, formats, groups, access needs).

    Read together in one query, the first time a form needs any of them, and then kept for
    that form only: a curator's change shows on the next page anyone opens.
    """

    def __init__(self, models_by_param: dict[str, type]):
        self._models_by_param = models_by_param

    def choices(self, param: str) -> list[tuple[str, str]]:
        """(slug, name) pairs for one list, in the curators' order."""
        return self._lists[param]

    @cached_property
    def _lists(self) -> dict[str, list[tuple[str, str]]]:
        lists: dict[str, list[tuple[str, str]]] = {param: [] for param in self._models_by_param}
        union = _tag_lists_union(tuple(self._models_by_param.items()))
        # Sorted here: a UNION cannot keep each part's own order.
        for param, _, name, slug in sorted(union.all()):
            lists[param].append((slug, name))
        return lists


@cache
def _tag_lists_union(models_by_param: tuple[tuple[str, type], ...]) -> QuerySet:
    """The query that reads every list, built once per process: building it cost more than
    running it. Each use runs a fresh copy (.all()), so nothing read is kept."""
    parts = [
        model.objects.order_by().values_list(Value(param), "position", "name", "slug")
        for param, model in models_by_param
    ]
    return parts[0].union(*parts[1:], all=True)


class TagChoices(BaseChoiceIterator):
    """One list of a Vocabulary as a field's choices, read only when first used."""

    def __init__(self, vocabulary: Vocabulary, param: str):
        self._vocabulary = vocabulary
        self._param = param

    def __iter__(self):
        return iter(self._vocabulary.choices(self._param))

    def __len__(self) -> int:
        return len(self._vocabulary.choices(self._param))

    def __deepcopy__(self, memo):
        # Django copies a form's fields for each form; the lists they share are read once.
        return self
