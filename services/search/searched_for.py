"""What the reader searched for, each choice with a way to take it away; and, when a search
finds nothing, what taking each choice away would find."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from services import querystrings
from services.models import Service
from services.places.lookup import Place
from services.search import nearby
from services.search.filters import TAG_MODELS, ServiceFilter, onward_query


@dataclass(frozen=True)
class ActiveChoice:
    """One choice the reader made, and the link that takes it away."""

    param: str
    label: str
    value: str
    remove_query: str
    tag_slug: str | None = None

    @property
    def leaving_out(self) -> tuple[str, str | None]:
        """What ServiceFilter.filter_queryset leaves out to take this choice away."""
        return (self.param, self.tag_slug)


def active_choices(filterset: ServiceFilter, onward: QueryDict | None = None) -> list[ActiveChoice]:
    """The valid choices in the query, each with a link that removes just that choice (built
    from the onward query: the contract only, a full postcode cut to its district; pass it
    when the caller has it already)."""
    if not filterset.is_bound:
        return []
    if onward is None:
        onward = onward_query(filterset.data)
    filterset.form.is_valid()  # cleans it: a value that is not valid is left out
    cleaned = filterset.form.cleaned_data
    choices: list[ActiveChoice] = []
    for name, field in filterset.form.fields.items():
        value = cleaned.get(name)
        if value in (None, "", []):
            continue
        label = str(field.label)
        if name in TAG_MODELS:
            tag_names = dict(field.choices)
            choices.extend(
                ActiveChoice(
                    name, label, tag_names[slug], querystrings.without(onward, name, slug), slug
                )
                for slug in value
            )
            continue
        if name == "radius" and not filterset.place_typed:
            continue
        choices.append(
            ActiveChoice(
                name, label, _shown(name, field, value), querystrings.without(onward, name)
            )
        )
    return choices


def _shown(name: str, field: forms.Field, value) -> str:
    if name == "age":
        return f"{int(value)}"
    if name == "open_at":
        return f"{value:%A %d %B %Y at %H:%M}"
    if isinstance(field, forms.ChoiceField) and name in ("open", "radius"):
        return dict(field.choices)[value]
    if isinstance(field, forms.ChoiceField):
        return "Yes"
    return str(value)


@dataclass(frozen=True)
class Widening:
    """A choice that, taken away, would find services: offered when a search finds none."""

    choice: ActiveChoice
    count: int


def widening_options(
    filterset: ServiceFilter, choices: list[ActiveChoice], place: Place | None = None
) -> list[Widening]:
    """For an empty search: how many services each choice, on its own, was keeping out."""
    options = []
    for choice in choices:
        if choice.param == "radius":
            continue
        queryset = filterset.filter_queryset(
            Service.objects.published(), leaving_out=choice.leaving_out
        )
        if place is None or choice.param == "near":
            count = queryset.count()
        else:
            count = nearby.arrange(queryset, place, filterset.radius_miles).count()
        options.append(Widening(choice, count))
    return options
