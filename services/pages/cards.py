"""Result cards: what a card shows of each service on one page of results.

Each card needs its service's kinds, opening times, contacts and the date of its newest
source. They are read for the whole page with one plain query each (not prefetch_related,
which builds a manager and a queryset per card: about 0.6 ms more a page, against a search
budget of 50 ms at 50,000 services; see `manage.py search_benchmark`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Max

from services import hours
from services.models import ContactPoint, OpeningTime, Service, Source, sources_out_of_date
from services.search import nearby
from services.search.results import Found, Section

# A card answers "can I contact them now?" with its first few ways in: more would push the
# next service off a phone's screen. The service page and the take-away list show them all.
CONTACTS_ON_A_CARD = 3
# Calling and texting first: they reach someone now, from the phone in the reader's hand.
_FIRST_METHODS = (ContactPoint.Method.PHONE, ContactPoint.Method.TEXT)


@dataclass(frozen=True)
class Card:
    """One service as a result card shows it."""

    service: Service
    section: str
    distance: str
    kinds: list[str]
    opening: hours.OpeningStatus
    # Every contact, in the order a card gives them (card_order).
    contacts: list[ContactPoint]
    # Its newest source is more than three years old (models.sources_out_of_date).
    out_of_date: bool = False

    @property
    def first_contacts(self) -> list[ContactPoint]:
        """The ways in the card shows."""
        return self.contacts[:CONTACTS_ON_A_CARD]

    @property
    def has_contact_route(self) -> bool:
        """Whether the reader can contact them (Service.has_contact_route, from the card's
        own contacts)."""
        return any(not contact.for_professionals for contact in self.contacts)

    @property
    def covers_the_place(self) -> bool:
        """Found near a place by the area it covers, not by a venue: the card says so."""
        return self.section == nearby.NEARBY and not self.distance and bool(self.service.area_name)


@dataclass(frozen=True)
class CardSection:
    heading: str
    intro: str
    cards: list[Card] = field(default_factory=list)


def card_sections(sections: Sequence[Section], *, now: datetime) -> list[CardSection]:
    """The page's sections with a card for each service, in a fixed number of queries."""
    rows = _CardRows([found.service.pk for section in sections for found in section.found])
    return [
        CardSection(
            section.heading,
            section.intro,
            [rows.card(found, now) for found in section.found],
        )
        for section in sections
    ]


class _CardRows:
    def __init__(self, service_ids: list[int]):
        self.kinds: dict[int, list[str]] = defaultdict(list)
        self.slots: dict[int, list[hours.Slot]] = defaultdict(list)
        self.contacts: dict[int, list[ContactPoint]] = defaultdict(list)
        self.newest_sources: dict[int, date] = {}
        if not service_ids:
            return
        kinds = (
            Service.kinds.through.objects.filter(service_id__in=service_ids)
            .order_by("kind__position", "kind__name")
            .values_list("service_id", "kind__name")
        )
        for service_id, name in kinds:
            self.kinds[service_id].append(name)
        slots = OpeningTime.objects.filter(service_id__in=service_ids).values_list(
            "service_id", "weekday", "opens_at", "closes_at"
        )
        for service_id, weekday, opens_at, closes_at in slots:
            self.slots[service_id].append(hours.Slot(weekday, opens_at, closes_at))
        for contact in ContactPoint.objects.filter(service_id__in=service_ids):
            self.contacts[contact.service_id].append(contact)
        newest = (
            Source.objects.filter(service_id__in=service_ids, published_on__isnull=False)
            .order_by()
            .values("service_id")
            .annotate(newest=Max("published_on"))
            .values_list("service_id", "newest")
        )
        self.newest_sources = dict(newest)

    def card(self, found: Found, now: datetime) -> Card:
        service = found.service
        schedule = service.schedule_of(self.slots[service.pk])
        return Card(
            service=service,
            section=found.section,
            distance=found.distance,
            kinds=self.kinds[service.pk],
            opening=hours.opening_status(schedule, now),
            contacts=card_order(self.contacts[service.pk]),
            out_of_date=sources_out_of_date(self.newest_sources.get(service.pk), now),
        )


def card_order(contacts: Sequence[ContactPoint]) -> list[ContactPoint]:
    """Lines the reader can use before lines only for professionals; among them phone, then
    text, then the rest; otherwise the curators' order (contacts come in `position` order)."""

    def rank(contact: ContactPoint) -> tuple[bool, int]:
        method = contact.method
        first = _FIRST_METHODS.index(method) if method in _FIRST_METHODS else len(_FIRST_METHODS)
        return contact.for_professionals, first

    return sorted(contacts, key=rank)
