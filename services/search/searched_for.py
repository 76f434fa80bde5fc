"""What the reader searched for, each choice with a way to take it away; and, when a search
finds nothing, what taking each choice away would find."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import Col, ResolvedOuterRef
from django.db.models.sql import Query
from django.db.models.sql.where import AND, WhereNode
from django.http import QueryDict

from services import querystrings
from services.models import Service, Venue
from services.places import distance
from services.places.lookup import Place
from services.querysets import ServiceQuerySet
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
    """For an empty search: how many services each choice, on its own, was keeping out.

    Without the place, a service counts if it matches every other choice. Without any other
    choice, it must also be one the results near the place would show (nearby.arrange):
    usable in the place's area, with a venue inside the radius, covering the area, or
    usable from anywhere.

    One query, however many choices: every published service is read once, as a yes or no
    for each condition (the search's choices as they are, each tag list without each of its
    tags, and "would be shown near the place"), and each choice's count counts the services
    that meet the conditions it needs (_needed).
    """
    offered = [choice for choice in choices if choice.param != "radius"]
    if not offered:
        return []
    applied = filterset.applied_choices()
    conditions: dict[Key, Q | QuerySet] = {}
    for name, value in applied.items():
        conditions[(name, None)] = _condition(filterset, name, value)
        if name in TAG_MODELS:
            for slug in value:
                rest = [other for other in value if other != slug]
                # Without the list's last tag, the list filters nothing: left out below.
                conditions[(name, slug)] = _condition(filterset, name, rest) if rest else Q()
    if place is not None:
        conditions[_SHOWN_NEAR] = _shown_near(place, filterset.radius_miles)
    # A condition that filters nothing (Q()) holds for every service: it is not read.
    keys = [key for key, condition in conditions.items() if _filters(condition)]
    needs = {choice: _needed(choice, applied, place, keys) for choice in offered}
    column = {key: f"c{index}" for index, key in enumerate(keys)}
    answers = (
        Service.objects.published()
        .annotate(
            **{
                column[key]: ExpressionWrapper(
                    _readable(key, conditions, needs), output_field=BooleanField()
                )
                for key in keys
            }
        )
        .order_by()
    )
    # Sliced past any directory's size, so the database counts over the answers as a query
    # of their own: each condition is worked out, and priced by its planner, once for each
    # service. Folded into the counting, PostgreSQL prices every condition again for each
    # count; at 200,000 services that can pass jit_inline_above_cost, and compiling alone
    # then takes seconds.
    counts = answers[:ALL_SERVICES].aggregate(
        **{
            f"n{index}": Count(
                "pk", filter=Q(**{column[key]: True for key in needed}) if needed else None
            )
            for index, needed in enumerate(needs.values())
        }
    )
    return [Widening(choice, counts[f"n{index}"]) for index, choice in enumerate(needs)]


# A condition: a query-string name with no tag (the whole choice), or with one of its tags
# (the list without that tag).
Key = tuple[str, str | None]


def _needed(choice: ActiveChoice, applied: dict, place: Place | None, keys: list[Key]) -> list[Key]:
    """The conditions a service must meet to be found without this choice."""
    needed = [(name, None) for name in applied if name != choice.param]
    if choice.tag_slug is not None:
        needed.append((choice.param, choice.tag_slug))
    if place is not None and choice.param != "near":
        needed.append(_SHOWN_NEAR)
    return [key for key in needed if key in keys]


def _filters(condition: Q | QuerySet) -> bool:
    return isinstance(condition, QuerySet) or bool(condition)


def _readable(key: Key, conditions: dict[Key, Q | QuerySet], needs: dict) -> Q:
    """A condition as read for each service. One the database lists once (_condition) is
    listed only among the services where it can change a count: for some choice that needs
    it, those meeting that choice's other conditions read for each service as they are
    (the cheap ones). Elsewhere it reads as not met, which changes no count. So a word search
    looks through far fewer services than all of them, as it did when the search ran once
    for each choice and the database narrowed by the other choices first."""
    condition = conditions[key]
    if isinstance(condition, Q):
        return condition
    where_it_counts = []
    for needed in needs.values():
        if key not in needed:
            continue
        cheap = [conditions[other] for other in needed if other != key]
        cheap = [other for other in cheap if isinstance(other, Q)]
        if not cheap:
            # Here it counts for every service: list it over all of them.
            return Q(pk__in=condition.values("pk"))
        where_it_counts.append(functools.reduce(operator.and_, cheap))
    if not where_it_counts:
        return Q(pk__in=condition.values("pk"))
    return Q(pk__in=condition.filter(functools.reduce(operator.or_, where_it_counts)).values("pk"))


# Not a parameter: the key of "would be shown near the place" among the conditions.
_SHOWN_NEAR = ("shown near the place", None)
# More services than any directory will hold, as a LIMIT the database takes.
ALL_SERVICES = 2**62


def _condition(filterset: ServiceFilter, name: str, value) -> Q | QuerySet:
    """What the search's filter `name` asks of one service, as a condition to read beside
    the others in one query.

    The filter runs on a stand-in for the services (_Noted) that notes the conditions it is
    given. A condition on the service's own columns, or that its id is among a list (a tag,
    an opening time: _listed), is read as it is, for each service. Any other (a join, such
    as the word search's to the organisation, or a subquery for each service) comes back
    as the services the filter keeps, the filter run for real: the database lists those
    services once and looks each service up in that list (_readable). A subquery for each
    service would also make PostgreSQL's planner price the query past jit_above_cost at
    50,000 services, and compiling it takes longer than running it.
    """
    selected = filterset.filters[name]
    noted = selected.filter(_Noted(Service), value)
    if (
        isinstance(noted, _Noted)
        and noted.plain
        and not noted.query.has_filters()
        and not noted.query.annotations
    ):
        return noted.condition
    return selected.filter(Service.objects.all(), value)


def _shown_near(place: Place, radius_miles: float) -> Q:
    """Services nearby.arrange would show near the place, as one condition: usable in its
    area, and with a venue inside the radius, covering the area, or usable from anywhere.

    A venue is inside when it is within the radius on the flat map (distance.Circle), the
    one difference from nearby.arrange: that settles venues within a hair of the edge with
    the geodesic. The two disagree only for a venue within about 0.01% of the radius of the
    edge (the map is at most 0.0064% out across Great Britain: 5 metres at 50 miles).
    """
    circle = distance.Circle.around(place.latitude, place.longitude, radius_miles)
    south, north, west, east = circle.bounding_box()
    inside = (
        Venue.objects.filter(latitude__range=(south, north), longitude__range=(west, east))
        .alias(map_miles_squared=circle.map_miles_squared_sql("latitude", "longitude"))
        .filter(map_miles_squared__lte=circle.radius_miles**2)
        .values("service_id")
    )
    stand_in = _Noted(Service)
    usable = stand_in.usable_in(place.area_codes)
    covering = stand_in.serving_area(place.area_codes)
    anywhere = stand_in.available_anywhere()
    return usable.condition & (Q(pk__in=inside) | covering.condition | anywhere.condition)


class _Noted(ServiceQuerySet):
    """Stands in for the services while a filter runs: each filter() it is given is noted
    as a condition (`condition`, all of them together) instead of being queried.

    `plain` says whether every condition is on the service's own columns, or an id among
    a list (`pk__in`, an EXISTS rewritten by _listed), so that it can be read for each
    service as it is.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.condition = Q()
        self.plain = True

    def _clone(self):
        clone = super()._clone()
        clone.condition, clone.plain = self.condition, self.plain
        return clone

    def filter(self, *args, **kwargs):
        clone = self._chain()
        added = _listed(Q(*args, **kwargs))
        clone.condition &= added
        clone.plain = clone.plain and _on_own_columns(added)
        return clone


def _listed(node):
    """The condition with each EXISTS over rows that name the service (their foreign key is
    the service's id: its tags, its opening times) written as "the service's id is among
    those the rows name". The database then lists those ids once, from the rows' own table,
    rather than looking again for each service. Any other EXISTS stays as it is."""
    if isinstance(node, Q):
        children = [_listed(child) for child in node.children]
        return Q(*children, _connector=node.connector, _negated=node.negated)
    if type(node) is Exists:
        ids = _ids_named(node.query)
        if ids is not None:
            return ("pk__in", ids)
    return node


def _ids_named(query: Query) -> QuerySet | None:
    """For an EXISTS query of rows whose foreign key to a service equals the service's id
    (and whatever else, not looking outside again), those rows' service ids; else None."""
    where = query.where
    if where.connector != AND or where.negated:
        return None
    links = [
        child
        for child in where.children
        if isinstance(getattr(child, "rhs", None), ResolvedOuterRef)
    ]
    if len(links) != 1:
        return None
    (link,) = links
    column = link.lhs
    if not (
        link.lookup_name == "exact"
        and link.rhs.name == "pk"
        and isinstance(column, Col)
        and column.alias == query.base_table
        and column.target.is_relation
        and column.target.related_model is Service
    ):
        return None
    rest = query.clone()
    del rest.where.children[where.children.index(link)]
    if any(_looks_outside(child) for child in rest.where.children):
        return None
    rest.clear_limits()
    return QuerySet(model=query.model, query=rest).values(column.target.attname)


def _looks_outside(node) -> bool:
    if isinstance(node, (ResolvedOuterRef, OuterRef)):
        return True
    if isinstance(node, WhereNode):
        return any(_looks_outside(child) for child in node.children)
    if hasattr(node, "get_source_expressions"):
        return any(_looks_outside(source) for source in node.get_source_expressions())
    return False


def _on_own_columns(node) -> bool:
    if isinstance(node, Q):
        return all(_on_own_columns(child) for child in node.children)
    if not isinstance(node, tuple):
        return False  # an expression, such as Exists: a subquery for each service
    lookup, value = node
    name = lookup.split(LOOKUP_SEP, 1)[0]
    if name != "pk":
        try:
            field = Service._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if field.is_relation or not field.concrete:
            return False
    if isinstance(value, QuerySet):
        return True  # a list of ids, listed once
    return not hasattr(value, "resolve_expression")
