"""Public pages. Views stay short: searching lives in filters.py, querysets.py and nearby.py."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from services import explanations, hours
from services.lists.takeaway import ListLinks, Shortlist
from services.models import Service
from services.pages import glossary
from services.pages.cards import load_card_rows
from services.pages.starting_points import starting_points
from services.places.lookup import Lookup, Outcome
from services.search import nearby
from services.search.alternatives import alternatives_for
from services.search.filters import (
    ServiceFilter,
    choice_query,
    onward_query,
    query_without,
    search_results,
    widening_options,
)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    form = ServiceFilter(queryset=Service.objects.none()).form_for_page()
    return render(
        request,
        "pages/home.html",
        {"form": form, "starting_points": starting_points(timezone.now())},
    )


# Searches and service pages say what someone was looking for: never keep them in a cache
# (no-store), so a shared phone's browser cannot show them again from its cache.
@never_cache
@require_safe
def service_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    filterset, results = search_results(request.GET, now=now)
    onward = onward_query(request.GET)
    lookup = filterset.place_lookup()
    place = lookup.place if lookup else None

    counts = None
    if lookup is None:
        paginator = Paginator(results.for_cards(), settings.RESULTS_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        services = list(page.object_list)
        load_card_rows(services)
    else:
        # With a place: nearby services first; if the place was not found, only the
        # services that work wherever you are, so nobody reaches a dead end.
        entries = (
            nearby.arrange(results, place, filterset.radius_miles)
            if place
            else nearby.anywhere(results)
        )
        counts = entries.counts
        paginator = Paginator(entries, settings.RESULTS_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        services = _services_for(page.object_list)

    for service in services:
        service.opening = hours.opening_status(service.schedule, now)
    return render(
        request,
        "pages/service_list.html",
        {
            "filterset": filterset,
            "form": filterset.form_for_page(),
            "page": page,
            "services": services,
            "nearby_services": [s for s in services if getattr(s, "section", "") == nearby.NEARBY],
            "anywhere_services": [
                s for s in services if getattr(s, "section", "") == nearby.ANYWHERE
            ],
            "lookup": lookup,
            "counts": counts,
            "place": place,
            "radius": filterset.radius_miles,
            "radius_selected": str(filterset.radius_miles),
            "place_choices": _place_choices(onward, lookup),
            "active_choices": filterset.active_choices(),
            "onward_query": onward,
            "carry_query": query_without(onward, "page"),
            "widenings": widening_options(filterset, place) if paginator.count == 0 else [],
            "shortlist": Shortlist.from_query(request.GET),
            "list_links": ListLinks(onward),
        },
    )


def _services_for(entries: list[nearby.Entry]) -> list[Service]:
    """Fetch one page of arranged entries in a fixed number of queries, keeping their order."""
    by_id = Service.objects.for_cards().in_bulk([entry.service_id for entry in entries])
    load_card_rows(list(by_id.values()))
    services = []
    for entry in entries:
        service = by_id[entry.service_id]
        service.section = entry.section
        service.distance = entry.distance_text
        services.append(service)
    return services


def _place_choices(onward: QueryDict, lookup: Lookup | None) -> list[tuple[str, str]]:
    if lookup is None or lookup.outcome is not Outcome.AMBIGUOUS:
        return []
    return [(choice.label, choice_query(onward, "near", choice.label)) for choice in lookup.choices]


@never_cache
@require_safe
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(Service.objects.published().with_related(), slug=slug)
    now = timezone.now()
    schedule = service.schedule
    # Choices made on the results page come along in the link, so the page can speak to them.
    onward = onward_query(request.GET)
    search = ServiceFilter(request.GET, queryset=Service.objects.none(), now=now)
    search.form.is_valid()
    age = search.form.cleaned_data.get("age")
    lookup = search.place_lookup()
    place = lookup.place if lookup else None
    reader = explanations.Reader(
        age=int(age) if age is not None else None,
        place_name=place.label if place else "",
        place_in_area=(
            service.covers_any(place.area_codes) if place and service.area_codes else None
        ),
    )
    eligibility = [
        (
            explanation,
            alternatives_for(service, explanation.rule, now=now, age=reader.age, place=place)
            if explanation.rule
            else [],
        )
        for explanation in explanations.explain(service.eligibility_facts(), reader)
    ]
    return render(
        request,
        "pages/service_detail.html",
        {
            "service": service,
            "opening": hours.opening_status(schedule, now),
            "weekly_hours": hours.weekly_table(schedule) if schedule.slots else [],
            "eligibility": eligibility,
            "onward_query": onward,
            "carry_query": query_without(onward, "page"),
            "shortlist": Shortlist.from_query(request.GET),
            "list_links": ListLinks(onward),
        },
    )


@require_safe
def glossary_page(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/glossary.html", {"entries": glossary.ENTRIES})
