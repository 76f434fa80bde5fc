"""One search, run: the page of results in sections, and everything the page says about it.

With no place, one section in name order, counted only up to paging.COUNT_CAP. With a
place, services nearby (nearest first, counted only up to the cap too when a wide circle
holds more) then those you can use from anywhere; with a place
we could not find, only those you can use from anywhere, so nobody reaches a dead end. The
results page, and later the API, read this one shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page
from django.http import QueryDict

from services.models import Service
from services.places.lookup import Lookup, Place
from services.search import nearby
from services.search.filters import (
    ServiceFilter,
    onward_query,
    search_results,
    sinking_order,
)
from services.search.in_parts import by_name_in_parts
from services.search.paging import ArrangedPaginator, CappedPaginator, PartlyCounted, enough_for
from services.search.searched_for import (
    ActiveChoice,
    Widening,
    active_choices,
    widening_options,
)


@dataclass(frozen=True)
class Found:
    """One service on the page, with where it sits and how far away it is."""

    service: Service
    section: str
    distance: str = ""


@dataclass(frozen=True)
class Section:
    """Results under one heading: all of them with no place; nearby, or from anywhere."""

    key: str
    heading: str
    intro: str
    found: list[Found]


HEADINGS = {
    nearby.NEARBY: ("Near {place}", ""),
    nearby.ANYWHERE: (
        "You can use these from anywhere",
        "By phone, text, online or app, wherever you are.",
    ),
}


@dataclass(frozen=True)
class Results:
    filterset: ServiceFilter
    page: Page
    sections: list[Section]
    lookup: Lookup | None
    counts: dict[str, int] | None
    searched_for: list[ActiveChoice]
    widenings: list[Widening]
    onward: QueryDict

    @property
    def place(self) -> Place | None:
        return self.lookup.place if self.lookup else None

    @property
    def radius_miles(self) -> int:
        return self.filterset.radius_miles

    @property
    def total(self) -> int:
        """How many services were found; with `more_than`, only how far counting went."""
        return self.page.paginator.count

    @property
    def more_than(self) -> int | None:
        """The cap, when more services than that were found and not all counted ("more
        than 1,000 services"); otherwise None, and `total` is exact."""
        paginator = self.page.paginator
        if isinstance(paginator, PartlyCounted) and not paginator.counted_all:
            return paginator.cap
        return None


def run(data: QueryDict, *, now: datetime, page: str | int | None = None) -> Results:
    filterset, matching = search_results(data, now=now)
    onward = onward_query(data)
    lookup = filterset.place_lookup()
    place = lookup.place if lookup else None
    if lookup is None:
        sink_when, cheaper = sinking_order(filterset)
        in_order = by_name_in_parts(
            matching.for_cards(),
            sink_when,
            where_not={at: search.for_cards() for at, search in cheaper.items()},
        )
        paginator = CappedPaginator(in_order, settings.RESULTS_PER_PAGE)
        shown = paginator.get_page(page)
        sections = [Section("all", "", "", [Found(s, "all") for s in shown.object_list])]
        counts = None
    else:
        # Every service arranged is read as an id and name anyway, so counting is free; a
        # wide circle stops reading (and counting) once it has the nearest ones.
        arranged = (
            nearby.arrange(
                matching,
                place,
                filterset.radius_miles,
                enough=enough_for(page, settings.RESULTS_PER_PAGE),
            )
            if place
            else nearby.anywhere(matching)
        )
        paginator = ArrangedPaginator(arranged, settings.RESULTS_PER_PAGE)
        shown = paginator.get_page(page)
        sections = _sections(shown.object_list, place)
        counts = arranged.counts
    searched_for = active_choices(filterset, onward)
    return Results(
        filterset=filterset,
        page=shown,
        sections=sections,
        lookup=lookup,
        counts=counts,
        searched_for=searched_for,
        widenings=widening_options(filterset, searched_for, place) if not paginator.count else [],
        onward=onward,
    )


def _sections(entries: list[nearby.Entry], place: Place | None) -> list[Section]:
    """One page of arranged entries as sections, their services fetched in one query."""
    by_id = Service.objects.for_cards().in_bulk([entry.service_id for entry in entries])
    sections: list[Section] = []
    for entry in entries:
        if not sections or sections[-1].key != entry.section:
            heading, intro = HEADINGS[entry.section]
            label = place.label if place else ""
            sections.append(Section(entry.section, heading.format(place=label), intro, []))
        sections[-1].found.append(
            Found(by_id[entry.service_id], entry.section, entry.distance_text)
        )
    return sections
