"""Public pages. Views stay short: the search runs in search/results.py."""

from __future__ import annotations

from datetime import datetime

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from services import explanations, freshness, hours, querystrings
from services.choices import LIST_PARAM
from services.lists.takeaway import Shortlist
from services.models import Service, sources_out_of_date, tags_of
from services.pages import glossary
from services.pages.cards import card_sections
from services.pages.starting_points import starting_points
from services.places.lookup import Outcome, Place
from services.provenance import provenance
from services.search import results
from services.search.alternatives import alternatives_for_rules
from services.search.filters import ServiceFilter, onward_query


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
    found = results.run(request.GET, now=now, page=request.GET.get("page"))
    return render(
        request,
        "pages/service_list.html",
        {
            "results": found,
            "page_title": results_title(found),
            "form": found.filterset.form_for_page(),
            "sections": card_sections(found.sections, now=now),
            "place_choices": _place_choices(found),
            **_links_onward(request, found.onward),
        },
    )


def results_title(found: results.Results) -> str:
    """What a page of results holds, for its title and heading: "Support near TQ1",
    "Support open now", "Search results for “peer support”". Only choices the search used."""
    form = found.filterset.form
    cleaned = form.cleaned_data
    if found.place:
        where = f"near {found.place.label}"
    elif found.lookup:
        where = "you can use from anywhere"
    else:
        where = ""
    if words := cleaned.get("q"):
        return " ".join(filter(None, (f"Search results for “{words}”", where)))
    # The choice's own label, "Open now", as words in a sentence.
    when = dict(form.fields["open"].choices)[cleaned["open"]].lower() if cleaned.get("open") else ""
    if when and found.lookup and not found.place:
        where = f"that {where}"
    if when or where:
        return " ".join(filter(None, ("Support", when, where)))
    return "Support that fits your choices" if found.searched_for else "All the support we list"


def _links_onward(request: HttpRequest, onward) -> dict:
    """What a page's links carry of its search: the onward query, the same search without a
    page number (for links to service pages), and the take-away list with the links that
    add to it or take from it."""
    return {
        "onward_query": onward,
        "carry_query": querystrings.without(onward, "page"),
        "shortlist": Shortlist.from_query(request.GET),
        "list_links": querystrings.OneParameterLinks(onward, LIST_PARAM),
    }


def _place_choices(found: results.Results) -> list[tuple[str, str]]:
    """For a place name shared by several places: a link to search each one."""
    if found.lookup is None or found.lookup.outcome is not Outcome.AMBIGUOUS:
        return []
    return [
        (choice.label, querystrings.changing(found.onward, near=choice.label, page=None))
        for choice in found.lookup.choices
    ]


def _reader_of(
    request: HttpRequest, service: Service, now: datetime
) -> tuple[explanations.Reader, Place | None]:
    """What the reader told the search (age, place), read through the search's own form."""
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
    return reader, place


@never_cache
@require_safe
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(Service.objects.published().with_related(), slug=slug)
    # Read once for the list of sources and the newest source's date (with_related leaves
    # sources out, for the take-away list's sake).
    prefetch_related_objects([service], "sources")
    tags = tags_of([service.pk])[service.pk]
    now = timezone.now()
    schedule = service.schedule
    # Choices made on the results page come along in the link, so the page can speak to them.
    onward = onward_query(request.GET)
    reader, place = _reader_of(request, service, now)
    explained = explanations.explain(service.eligibility_facts(tags), reader)
    instead = alternatives_for_rules(
        service,
        [e.rule for e in explained if e.rule],
        now=now,
        age=reader.age,
        place=place,
        tags=tags,
    )
    eligibility = [(explanation, instead.get(explanation.rule, [])) for explanation in explained]
    return render(
        request,
        "pages/service_detail.html",
        {
            "service": service,
            "tags": tags,
            "has_contact_route": service.has_contact_route,
            "out_of_date": sources_out_of_date(service.newest_source_date, now),
            # Past its due date (3 months for crisis and national lines, 6 for the rest).
            "checked_warning": freshness.last_checked_warning(
                freshness.Record(
                    service.last_checked,
                    [kind.slug for kind in tags.kinds],
                    service.available_anywhere,
                ),
                now,
            ),
            "provenance": provenance(service.part_checks),
            "opening": hours.opening_status(schedule, now),
            "weekly_hours": hours.weekly_table(schedule) if schedule.slots else [],
            "eligibility": eligibility,
            **_links_onward(request, onward),
        },
    )


@require_safe
def glossary_page(request: HttpRequest) -> HttpResponse:
    # In alphabetical order, so a reader can find a word they heard.
    entries = sorted(glossary.ENTRIES, key=lambda entry: entry.term.casefold())
    return render(request, "pages/glossary.html", {"entries": entries})
