"""What a result card shows, read for one page of services in a fixed number of queries.

Each card needs its service's kinds, opening times and contacts. They are read here with
one plain query each and set on the services as lists (card_kinds: names,
card_opening_times: hours.Slot, card_contact_points: ContactPoint). prefetch_related did
the same with model instances and its own bookkeeping, about 0.6 ms more a page: a
search at 50,000 services is held to a 50 ms budget (bench/search_benchmark.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from services import hours
from services.models import ContactPoint, OpeningTime, Service


def load_card_rows(services: Sequence[Service]) -> None:
    by_id = {service.pk: service for service in services}
    for service in services:
        service.card_kinds = []
        service.card_opening_times = []
        service.card_contact_points = []
    if not by_id:
        return
    kinds = (
        Service.kinds.through.objects.filter(service_id__in=by_id)
        .order_by("kind__position", "kind__name")
        .values_list("service_id", "kind__name")
    )
    for service_id, name in kinds:
        by_id[service_id].card_kinds.append(name)
    slots = OpeningTime.objects.filter(service_id__in=by_id).values_list(
        "service_id", "weekday", "opens_at", "closes_at"
    )
    for service_id, weekday, opens_at, closes_at in slots:
        by_id[service_id].card_opening_times.append(hours.Slot(weekday, opens_at, closes_at))
    for contact in ContactPoint.objects.filter(service_id__in=by_id):
        by_id[contact.service_id].card_contact_points.append(contact)
