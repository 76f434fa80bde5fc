"""Form fields and widgets for the search form, with messages written for people, not machines."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Value
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property
from django_filters.fields import MultipleChoiceField

from services.hours import UK
from services.places.lookup import Outcome, resolve

OPEN_AT_FORMAT = "%Y-%m-%dT%H:%M"


class YesCheckbox(forms.CheckboxInput):
    """A tick box that sends "yes", matching the public query string (self_referral=yes)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: value == "yes")

    def format_value(self, value):
        return "yes"

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class UKDateTimeField(forms.CharField):
    """A UK wall-clock time written as 2026-11-23T21:30.

    Kept as wall-clock time on purpose: at the clock change an hour repeats or is skipped,
    and Django's DateTimeField would reject those times, but an opening time only cares what
    the clock on the wall says.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=OPEN_AT_FORMAT)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            moment = datetime.strptime(text[:16], OPEN_AT_FORMAT)
        except ValueError:
            raise ValidationError(
                "Enter a date and time like 2026-11-23T21:30.", code="invalid"
            ) from None
        return moment.replace(tzinfo=UK)


TOO_LONG = "Use %(limit_value)d characters or fewer."
UNUSUAL_CHARACTERS = "Remove any unusual characters and try again."


class PlaceField(forms.CharField):
    """A postcode, postcode district or town. The words stay as typed; views resolve them."""

    widget = forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})

    def validate(self, value):
        super().validate(value)
        if value:
            lookup = resolve(value)
            if lookup.outcome is not Outcome.FOUND:
                raise ValidationError(lookup.message, code=lookup.outcome.value)


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


class TagField(MultipleChoiceField):
    """Tick boxes for one list of tags, by slug. A tag ticked twice counts once."""

    def to_python(self, value):
        return list(dict.fromkeys(super().to_python(value)))
