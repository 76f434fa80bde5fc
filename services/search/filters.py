"""The one search over services, shared by the results page and anything else that searches.

Query-string names are a public contract: professionals bookmark and share these links.
"""

from __future__ import annotations

from datetime import datetime

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django_filters.constants import EMPTY_VALUES

from services.choices import (
    DEFAULT_RADIUS_MILES,
    LIST_PARAM,
    ONGOING_SELF_HARM_WELCOME,
    RADIUS_MILES,
    TICKED,
)
from services.models import AccessFeature, Audience, Format, Kind, Service
from services.places.lookup import Lookup, Outcome, district_of_full_postcode
from services.querysets import WORDS_NOT_IN_NAME, name_has_words
from services.search.fields import (
    TOO_LONG,
    UNUSUAL_CHARACTERS,
    PlaceField,
    SearchForm,
    TagField,
    TickBox,
    UKDateTimeField,
)
from services.search.nearby import UNCHECKED, unchecked_for_a_year, with_unchecked
from services.search.vocabulary import TagChoices, Vocabulary

QUERY_MAX_LENGTH = 200
PLACE_MAX_LENGTH = 100
RADIUS_CHOICES = [(str(miles), f"{miles} miles") for miles in RADIUS_MILES]
# These choices decide where results sit (nearest first, then "from anywhere"), not which
# services match, so filter_queryset leaves them to nearby.arrange.
ARRANGING_CHOICES = {"near", "radius"}
# Tick-box lists of tags: the query-string name and the vocabulary it comes from.
TAG_MODELS = {"kind": Kind, "format": Format, "audience": Audience, "access": AccessFeature}


class TagFilter(django_filters.MultipleChoiceFilter):
    field_class = TagField


def _tag_filter(label: str, method: str, noun: str) -> TagFilter:
    """Tick boxes for one list of tags; ServiceFilter gives each its choices."""
    not_on_list = f"One of the {noun} in the link is not on our list, so we left it out."
    return TagFilter(
        method=method,
        label=label,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": not_on_list,
            "invalid_list": f"Choose {noun} from the list.",
        },
    )


def _in_words(numbers: tuple[int, ...]) -> str:
    """(5, 10, 25, 50) as "5, 10, 25 or 50"."""
    return ", ".join(str(n) for n in numbers[:-1]) + f" or {numbers[-1]}"


def _tick_box(method: str, label: str, value: str = TICKED) -> django_filters.ChoiceFilter:
    """One "Only show" tick box: the link carries name=value (self_referral=yes)."""
    return django_filters.ChoiceFilter(
        method=method,
        label=label,
        choices=[(value, "Yes")],
        widget=TickBox,
        error_messages={"invalid_choice": "We did not understand that choice, so we left it out."},
    )


class UKDateTimeFilter(django_filters.Filter):
    field_class = UKDateTimeField


class PlaceFilter(django_filters.CharFilter):
    field_class = PlaceField


class ServiceFilter(django_filters.FilterSet):
    near = PlaceFilter(
        label="Town or postcode",
        help_text="For example TQ1 1AA, TQ1 or Torquay.",
        max_length=PLACE_MAX_LENGTH,
        error_messages={"max_length": TOO_LONG, "null_characters_not_allowed": UNUSUAL_CHARACTERS},
    )
    radius = django_filters.ChoiceFilter(
        label="How far",
        choices=RADIUS_CHOICES,
        empty_label=None,
        error_messages={
            "invalid_choice": f"Choose {_in_words(RADIUS_MILES)} miles. "
            f"We used {DEFAULT_RADIUS_MILES} miles."
        },
    )
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search words",
        max_length=QUERY_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"max_length": TOO_LONG, "null_characters_not_allowed": UNUSUAL_CHARACTERS},
    )
    age = django_filters.NumberFilter(
        method="filter_age",
        label="Age",
        help_text="Your age in years, or the age of the person you are helping.",
        min_value=0,
        max_value=120,
        decimal_places=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}),
        error_messages={
            "invalid": "Enter an age in whole years, like 16.",
            "min_value": "Enter an age of 0 or more.",
            "max_value": "Enter an age of 120 or less.",
            "max_decimal_places": "Enter an age in whole years, like 16.",
            "max_digits": "Enter an age of 120 or less.",
        },
    )
    self_referral = _tick_box(
        "filter_self_referral", "Only services you can contact yourself, without a referral"
    )
    ongoing_self_harm = _tick_box(
        "filter_ongoing_self_harm",
        "Only services where you do not have to stop self-harming",
        value=ONGOING_SELF_HARM_WELCOME,
    )
    free = _tick_box("filter_free", "Only free services")
    open = django_filters.ChoiceFilter(
        method="filter_open",
        label="When",
        choices=[
            ("now", "Open now"),
            ("out_of_hours", "Open evenings, nights or weekends"),
        ],
        empty_label="Any time",
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "We did not understand that time choice, so we left it out."
        },
    )
    open_at = UKDateTimeFilter(
        method="filter_open_at",
        label="Open at a time you choose",
        help_text="UK time.",
    )
    kind = _tag_filter("Kind of support", "filter_kind", "kinds of support")
    format = _tag_filter("How you want to use it", "filter_format", "ways of using a service")
    audience = _tag_filter("Specially for", "filter_audience", "groups of people")
    access = _tag_filter("Access needs", "filter_access", "access needs")

    class Meta:
        model = Service
        fields: list[str] = []
        form = SearchForm

    def __init__(self, data=None, *args, now: datetime | None = None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.now = now or timezone.now()
        vocabulary = Vocabulary(TAG_MODELS)
        for param in TAG_MODELS:
            self.filters[param].extra["choices"] = TagChoices(vocabulary, param)

    def form_for_page(self) -> forms.Form:
        """The form, with each list of choices made once for the template.

        Pages that only read the search (a service page) skip this.
        """
        for field in self.form.fields.values():
            if hasattr(field, "choices"):
                field.listed_choices = [choice for choice in field.choices]  # noqa: C416 - list() counts first
        return self.form

    def filter_queryset(self, queryset, leaving_out: tuple[str, str | None] | None = None):
        """The search applied to the queryset, optionally without one of its choices: a
        (name, None) pair leaves out a parameter, (name, slug) one tag of a list."""
        for name, value in self.form.cleaned_data.items():
            if name in ARRANGING_CHOICES:
                continue
            if leaving_out is not None and name == leaving_out[0]:
                if leaving_out[1] is None:
                    continue
                value = [slug for slug in value if slug != leaving_out[1]]
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def applied_choices(self) -> dict[str, object]:
        """The choices filter_queryset applies, by name, with their cleaned values: not the
        ones that only arrange results, nor empty ones, which filter nothing. Each is applied
        on its own by `self.filters[name].filter(queryset, value)` (searched_for counts what
        each keeps out this way)."""
        self.form.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name not in ARRANGING_CHOICES and value not in EMPTY_VALUES
        }

    @property
    def place_typed(self) -> str:
        return (self.data.get("near") or "").strip() if self.is_bound else ""

    def place_lookup(self) -> Lookup | None:
        """What the typed place found (looked up once, as the form was cleaned), or None when
        no place was typed."""
        if not self.place_typed:
            return None
        self.form.is_valid()
        # A place too long or with unusual characters fails the field before its look-up.
        return self.form.place_lookup or Lookup(Outcome.UNKNOWN)

    @property
    def radius_miles(self) -> int:
        self.form.is_valid()
        return int(self.form.cleaned_data.get("radius") or DEFAULT_RADIUS_MILES)

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_age(self, queryset, name, value):
        return queryset.for_age(int(value))

    def filter_self_referral(self, queryset, name, value):
        return queryset.self_referral()

    def filter_ongoing_self_harm(self, queryset, name, value):
        return queryset.welcoming_ongoing_self_harm()

    def filter_free(self, queryset, name, value):
        return queryset.free()

    def filter_open(self, queryset, name, value):
        if value == "now":
            return queryset.open_at(self.now)
        return queryset.open_out_of_hours()

    def filter_open_at(self, queryset, name, value):
        return queryset.open_at(value)

    def filter_kind(self, queryset, name, value):
        return queryset.of_kinds(value)

    def filter_format(self, queryset, name, value):
        return queryset.in_formats(value)

    def filter_audience(self, queryset, name, value):
        return queryset.for_audiences(value)

    def filter_access(self, queryset, name, value):
        return queryset.with_access_features(value)


def onward_query(data: QueryDict) -> QueryDict:
    """What a page's links carry of its query string: only the contract's names (anything
    else in an address is dropped, however long), and a full postcode cut to its district,
    which is all the search uses, so the full postcode does not spread through the
    browser's history."""
    contract = {*ServiceFilter.base_filters, "page", LIST_PARAM}
    onward = QueryDict(mutable=True)
    for key, values in data.lists():
        if key not in contract:
            continue
        if key == "near":
            values = [district_of_full_postcode(value) or value for value in values]
        onward.setlist(key, values)
    onward._mutable = False
    return onward


def search_results(data: QueryDict, *, now: datetime) -> tuple[ServiceFilter, QuerySet]:
    """Apply the search to published services, in a stable order: those unchecked for a
    year after the rest; with words, those whose name has every word first; then by name."""
    filterset = ServiceFilter(data, queryset=Service.objects.published(), now=now)
    matching = with_unchecked(filterset.qs, filterset.now)
    best_first = [WORDS_NOT_IN_NAME] if WORDS_NOT_IN_NAME in matching.query.annotations else []
    return filterset, matching.order_by(UNCHECKED, *best_first, "name", "pk")


def sinking_conditions(filterset: ServiceFilter) -> list[Q]:
    """search_results' order as conditions, each putting those it holds for after the rest,
    before the name (in_parts.by_name_in_parts reads a long list this way)."""
    return sinking_order(filterset)[0]


def cheaper_where_not_sinking(filterset: ServiceFilter) -> dict[int, QuerySet]:
    """For sinking_conditions, by place: a cheaper search that finds the same services
    where that condition does not hold (in_parts.by_name_in_parts' `where_not`)."""
    return sinking_order(filterset)[1]


def sinking_order(filterset: ServiceFilter) -> tuple[list[Q], dict[int, QuerySet]]:
    """sinking_conditions and cheaper_where_not_sinking, worked out together.

    Where a name has every word, the service has them all (its name is part of what words
    are matched against), so those services are the search without its words. On
    PostgreSQL, matching the words against the whole document as well read that index's
    matches for most of the directory: about 60 of 100 ms for `q=peer support group` at
    200,000 services."""
    conditions = [unchecked_for_a_year(filterset.now)]
    cheaper: dict[int, QuerySet] = {}
    words = _words(filterset)
    if words:
        without_words = filterset.filter_queryset(
            Service.objects.published(), leaving_out=("q", None)
        )
        cheaper[len(conditions)] = with_unchecked(without_words, filterset.now)
        conditions.append(~name_has_words(words))
    return conditions, cheaper


def _words(filterset: ServiceFilter) -> str:
    return filterset.form.cleaned_data.get("q", "") if filterset.form.is_valid() else ""
