"""The take-away list page: what each service on the list is, how to reach it, when it opens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from services import hours
from services.lists import qr
from services.lists.takeaway import Shortlist
from services.models import ContactPoint, Service


@dataclass(frozen=True)
class ListEntry:
    """One service on a take-away list, with what the list shows of it."""

    service: Service
    opening: hours.OpeningStatus
    week: list[tuple[str, list[str]]]
    remove_url: str
    website_to_show: str
    # Without it, the list says who can help the reader get there, not "Contact them to ask".
    has_contact_route: bool


@never_cache
@require_safe
def shortlist(request: HttpRequest) -> HttpResponse:
    """The take-away list: contacts, next opening, the week ahead, a QR code of its address.

    Unknown or withdrawn services in the address are skipped with a note, never an error.
    """
    now = timezone.now()
    asked_for = Shortlist.from_query(request.GET)
    found = {
        service.slug: service
        for service in Service.objects.published().with_related().filter(slug__in=asked_for.slugs)
    }
    kept = asked_for.keeping(set(found))
    entries = [_entry(found[slug], kept, now) for slug in kept.slugs]
    list_address = request.build_absolute_uri(kept.url)
    return render(
        request,
        "lists/list.html",
        {
            "entries": entries,
            "shortlist": kept,
            "not_found": len(asked_for) - len(kept) + asked_for.skipped,
            "list_address": list_address,
            "qr_svg": qr.svg(list_address) if entries else "",
            "made_on": hours.uk_wall_clock(now),
        },
    )


def _entry(service: Service, shortlist: Shortlist, now: datetime) -> ListEntry:
    schedule = service.schedule
    return ListEntry(
        service=service,
        opening=hours.opening_status(schedule, now),
        week=hours.week_ahead(schedule, now) if schedule.slots else [],
        remove_url=shortlist.removing(service.slug).url,
        website_to_show=_website_not_in_contacts(service),
        has_contact_route=service.has_contact_route,
    )


def _website_not_in_contacts(service: Service) -> str:
    """The service's website, unless a contact point already gives it: a printed list has
    no room for the same address twice."""
    listed = {
        contact.value.rstrip("/")
        for contact in service.contact_points.all()
        if contact.method == ContactPoint.Method.WEBSITE
    }
    return "" if service.website.rstrip("/") in listed else service.website
