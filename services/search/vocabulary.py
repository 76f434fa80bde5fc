"""The search form's lists of tags, read from the database once a form."""

from __future__ import annotations

from functools import cache

from django.db.models import Exists, OuterRef, QuerySet, Value
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property

from services.choices import ServiceStatus


class Vocabulary:
    """The search form's lists of tags (kinds of support, formats, groups, access needs).

    Read together in one query, the first time a form needs any of them, and then kept for
    that form only: a curator's change shows on the next page anyone opens.

    Every tag is a valid choice, but only a tag some published service has is offered as a
    tick box: a box that can only find nothing is a dead end. A link made when a tag was in
    use (or by hand) still searches by it, and the box stays on the form while it is ticked,
    so the reader can see it and untick it. Only a slug that names no tag at all gets the
    form's "not on our list" message.
    """

    def __init__(self, models_by_param: dict[str, type]):
        self._models_by_param = models_by_param

    def choices(self, param: str) -> list[tuple[str, str]]:
        """(slug, name) pairs for one list, in the curators' order: every valid choice."""
        return self._lists[param][0]

    def offered(self, param: str) -> frozenset[str]:
        """The slugs of one list that at least one published service has."""
        return self._lists[param][1]

    @cached_property
    def _lists(self) -> dict[str, tuple[list[tuple[str, str]], frozenset[str]]]:
        lists: dict[str, list[tuple[str, str]]] = {param: [] for param in self._models_by_param}
        used: dict[str, set[str]] = {param: set() for param in self._models_by_param}
        union = _tag_lists_union(tuple(self._models_by_param.items()))
        # Sorted here: a UNION cannot keep each part's own order.
        for param, _, name, slug, in_use in sorted(union.all()):
            lists[param].append((slug, name))
            if in_use:
                used[param].add(slug)
        return {param: (lists[param], frozenset(used[param])) for param in lists}


@cache
def _tag_lists_union(models_by_param: tuple[tuple[str, type], ...]) -> QuerySet:
    """The query that reads every list, built once per process: building it cost more than
    running it. Each use runs a fresh copy (.all()), so nothing read is kept."""
    parts = [
        model.objects.order_by().values_list(
            Value(param), "position", "name", "slug", _has_a_published_service(model)
        )
        for param, model in models_by_param
    ]
    return parts[0].union(*parts[1:], all=True)


def _has_a_published_service(model: type) -> Exists:
    """Whether a published service has this tag, through the relation the search filters by
    (`services`: for audiences, who a service is set up for, not who it also supports)."""
    relation = model.services.field  # the many-to-many field on Service
    links = relation.remote_field.through.objects.filter(
        **{
            relation.m2m_reverse_field_name(): OuterRef("pk"),
            f"{relation.m2m_field_name()}__status": ServiceStatus.PUBLISHED,
        }
    )
    return Exists(links)


class TagChoices(BaseChoiceIterator):
    """One list of a Vocabulary as a field's choices, read only when first used.

    Iterating gives every valid choice (so an old link still validates and is named in
    "What you searched for"); `offered` says which of them the form shows as tick boxes
    (templates/_macros/fields.html)."""

    def __init__(self, vocabulary: Vocabulary, param: str):
        self._vocabulary = vocabulary
        self._param = param

    def __iter__(self):
        return iter(self._vocabulary.choices(self._param))

    def __len__(self) -> int:
        return len(self._vocabulary.choices(self._param))

    @property
    def offered(self) -> frozenset[str]:
        return self._vocabulary.offered(self._param)

    def __deepcopy__(self, memo):
        # Django copies a form's fields for each form; the lists they share are read once.
        return self
