"""The take-away list page: what each service on the list is, how to reach it, when it opens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from services import explanations, hours
from services.lists import qr
from services.lists.takeaway import Shortlist
from services.models import ContactPoint, Service


@dataclass(frozen=True)
class ListEntry:
    """One service on a take-away list, with what the list shows of it."""

    service: Service
    opening: hours.OpeningStatus
    week: list[tuple[str, list[str]]]
    # The same week on paper, as one short paragraph (see week_in_brief).
    week_in_brief: str
    # The key facts, less whether you can refer yourself: the list answers that in full.
    facts: list[str]
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
        week_in_brief=week_in_brief(schedule, now),
        facts=explanations.key_facts(
            explanations.Facts(
                min_age=service.min_age,
                max_age=service.max_age,
                cost=service.cost,
                self_harm_policy=service.self_harm_policy,
            )
        ),
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


def week_in_brief(schedule: hours.Schedule, moment: datetime) -> str:
    """The week ahead (from today, UK time) in one line for a printed list, days in a row
    with the same times run together: "Tuesday 1 to Friday 4 December: 12:00 to 22:00;
    Saturday 5 December: 18:00 to 22:00". Empty when there are no weekly times.

    On paper a day on each line would take up to nine lines a service, and push the list
    onto a second page."""
    if not schedule.slots:
        return ""
    today = hours.uk_wall_clock(moment).date()
    times_by_weekday = dict(hours.weekly_table(schedule))
    runs: list[tuple[date, date, list[str]]] = []
    for offset in range(7):
        day = today + timedelta(days=offset)
        times = times_by_weekday[hours.WEEKDAY_NAMES[day.weekday()]]
        if times == ["Closed"]:
            continue
        if runs and runs[-1][2] == times and runs[-1][1] == day - timedelta(days=1):
            runs[-1] = (runs[-1][0], day, times)
        else:
            runs.append((day, day, times))
    return "; ".join(f"{_days(first, last)}: {', '.join(times)}" for first, last, times in runs)


def _days(first: date, last: date) -> str:
    """ "Saturday 5 December", "Saturday 5 and Sunday 6 December", "Monday 30 November to
    Wednesday 2 December": the month once when it does not change."""
    if first == last:
        return _day(first)
    joiner = " and " if last - first == timedelta(days=1) else " to "
    return _day(first, month=first.month != last.month) + joiner + _day(last)


def _day(day: date, *, month: bool = True) -> str:
    name = f"{hours.WEEKDAY_NAMES[day.weekday()]} {day.day}"
    return f"{name} {day:%B}" if month else name
