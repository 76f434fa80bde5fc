"""The Open Referral UK API: plain Django views returning JSON in the shape HSDS 3.0 and
the UK profile fix (services/hsds.py builds each object; docs/open-referral-extension.md
says what our `support_finder` extension adds). Only published services appear, and only
through their UUIDs: primary keys are never shown."""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from services import hsds
from services.api import queries
from services.api.http import api_view, json_response, ndjson_response, problem
from services.api.params import Query, read_query
from services.models import Organisation, Service, rows_of, tags_of

OPENAPI_FILE = Path(__file__).with_name("openapi.json")
NDJSON_BATCH = 200


def _page(query: Query, total: int, contents: list) -> dict:
    total_pages = max(1, math.ceil(total / query.per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": query.page,
        "size": len(contents),
        "first_page": query.page == 1,
        "last_page": query.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _slice(query: Query, items, total: int):
    """The page's items; none past the end, without asking the database (a page number of
    any size is an empty page, not an error)."""
    start = (query.page - 1) * query.per_page
    if start >= total:
        return []
    return items[start : start + query.per_page]


def _service_objects(request: HttpRequest, services: list[Service], *, full: bool) -> list:
    """Services as HSDS objects, in a fixed number of queries however many there are (their
    rows and tags read for all of them at once: models.rows_of says why not prefetch)."""
    ids = [service.pk for service in services]
    tags, rows = tags_of(ids), rows_of(ids)
    page_url = _page_url_maker(request)
    return [
        hsds.service_object(
            service, tags[service.pk], rows[service.pk], page_url=page_url(service), full=full
        )
        for service in services
    ]


def _page_url_maker(request: HttpRequest) -> Callable[[Service], str]:
    """Each service's page address, from one reversed address: reversing for every service
    of a page cost more than building its object."""
    marker = "slug-of-the-service"
    template = request.build_absolute_uri(reverse("services:detail", kwargs={"slug": marker}))
    before, after = template.split(marker)
    return lambda service: f"{before}{service.slug}{after}"


def _with_rows(services: QuerySet) -> QuerySet:
    # Its organisation; its own rows and tags come from rows_of and tags_of.
    return services.select_related("organisation")


def _services_between(found: QuerySet, start: int, stop: int, *, minimal: bool) -> list[Service]:
    """Services start..stop-1 of those found, in their order.

    The database sorts and skips only the ids (narrow rows, in the order the name index
    gives), then reads the page's own rows by id: sorting whole rows to skip to the middle
    of 50,000 services took about five times as long. Still one query."""
    page = Service.objects.filter(pk__in=found.values("pk")[start:stop])
    if minimal:
        page = page.only("uuid", "name", "operating_status", "updated_at")
    else:
        page = _with_rows(page)
    return list(page.order_by(*found.query.order_by))


def _uuid_or_404(value: str) -> str:
    found = _same_id(value)
    if not found:
        raise Http404
    return found


@api_view
def root(request: HttpRequest) -> HttpResponse:
    return json_response(
        request,
        {
            "version": hsds.HSDS_VERSION,
            "profile": hsds.UK_PROFILE,
            "openapi_url": request.build_absolute_uri(reverse("api:openapi")),
        },
    )


@cache
def _openapi_document() -> dict:
    # Part of the release, never changed while it runs: read once, not on every request.
    return json.loads(OPENAPI_FILE.read_text())


@api_view
def openapi(request: HttpRequest) -> HttpResponse:
    return json_response(request, _openapi_document())


@api_view
def services(request: HttpRequest) -> HttpResponse:
    query = read_query(request.GET)
    found = queries.services(query)
    if query.ndjson:
        return ndjson_response(_every_service(request, found, query))
    total = found.count()
    start = (query.page - 1) * query.per_page
    page = []  # past the end, at any size, without asking the database
    if start < total:
        page = _services_between(found, start, start + query.per_page, minimal=query.minimal)
    if query.minimal:
        contents = [hsds.minimal_service_object(service) for service in page]
    else:
        contents = _service_objects(request, page, full=query.full)
    return json_response(request, _page(query, total, contents))


def _in_batches(read: Callable[[int, int], list]):
    """Everything read(start, stop) gives, NDJSON_BATCH at a time, so a national directory
    streams in steady memory."""
    start = 0
    while batch := read(start, start + NDJSON_BATCH):
        yield batch
        start += NDJSON_BATCH


def _every_service(request: HttpRequest, found: QuerySet, query: Query):
    def read(start: int, stop: int) -> list:
        return _services_between(found, start, stop, minimal=query.minimal)

    for batch in _in_batches(read):
        if query.minimal:
            yield from (hsds.minimal_service_object(service) for service in batch)
        else:
            yield from _service_objects(request, batch, full=query.full)


@api_view
def service_detail(request: HttpRequest, id: str) -> HttpResponse:
    try:
        service = _with_rows(Service.objects.published()).get(uuid=_uuid_or_404(id))
    except (Service.DoesNotExist, Http404):
        return problem(request, 404, "No published service has that id.")
    return json_response(request, _service_objects(request, [service], full=True)[0])


def _services_at_locations(request: HttpRequest, venues: list, *, full: bool) -> list[dict]:
    """Venues as HSDS services at locations; with full, each with its service, whose rows and
    tags are read once for the whole batch (a fixed number of queries however many)."""
    services = {}
    if full:
        wanted = Service.objects.filter(pk__in={venue.service_id for venue in venues})
        rows = list(_with_rows(wanted))
        objects = _service_objects(request, rows, full=False)
        services = {service.pk: found for service, found in zip(rows, objects, strict=True)}
    found = []
    for venue in venues:
        item = {
            "id": str(venue.uuid),
            "service_id": str(venue.service.uuid),
            "location_id": hsds.location_id(venue),
            "location": hsds.location_object(venue),
        }
        if full:
            item["service"] = services[venue.service_id]
        found.append(item)
    return found


def _every_service_at_location(request: HttpRequest, found: QuerySet, *, full: bool):
    for batch in _in_batches(lambda start, stop: list(found[start:stop])):
        yield from _services_at_locations(request, batch, full=full)


@api_view
def service_at_locations(request: HttpRequest) -> HttpResponse:
    query = read_query(request.GET, places=True)
    found = queries.venues(query).select_related("service")
    if query.ndjson:
        return ndjson_response(_every_service_at_location(request, found, full=query.full))
    total = found.count()
    venues = list(_slice(query, found, total))
    contents = _services_at_locations(request, venues, full=query.full)
    return json_response(request, _page(query, total, contents))


@api_view
def service_at_location_detail(request: HttpRequest, id: str) -> HttpResponse:
    venues = queries.venues(Query()).select_related("service")
    try:
        venue = venues.get(uuid=_uuid_or_404(id))
    except (venues.model.DoesNotExist, Http404):
        return problem(request, 404, "No service at a location has that id.")
    return json_response(request, _services_at_locations(request, [venue], full=True)[0])


def _listed(request: HttpRequest, items: list) -> HttpResponse:
    query = read_query(request.GET)
    contents = _slice(query, items, len(items))
    return json_response(request, _page(query, len(items), contents))


@api_view
def taxonomies(request: HttpRequest) -> HttpResponse:
    return _listed(request, [hsds.taxonomy_object(taxonomy) for taxonomy in hsds.TAXONOMIES])


@api_view
def not_found(request: HttpRequest) -> HttpResponse:
    return problem(request, 404, "There is nothing at this address. The API's root lists it.")


def _same_id(value: str) -> str:
    """An id as we write them (lower case, hyphens), or "" when it is not a UUID."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return ""


@api_view
def taxonomy_detail(request: HttpRequest, id: str) -> HttpResponse:
    id = _same_id(id)
    for taxonomy in hsds.TAXONOMIES:
        if taxonomy.id == id:
            return json_response(request, hsds.taxonomy_object(taxonomy))
    return problem(request, 404, "No taxonomy has that id.")


@api_view
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    query = read_query(request.GET)
    terms = queries.all_terms()
    if query.taxonomy_id:
        terms = [term for term in terms if term.taxonomy.id == query.taxonomy_id]
    return _listed(request, [hsds.term_object(term) for term in terms])


@api_view
def taxonomy_term_detail(request: HttpRequest, id: str) -> HttpResponse:
    id = _same_id(id)
    for term in queries.all_terms():
        if term.id == id:
            return json_response(request, hsds.term_object(term))
    return problem(request, 404, "No taxonomy term has that id.")


def _organisations() -> QuerySet[Organisation]:
    # Only organisations with a service the public can see.
    return (
        Organisation.objects.filter(services__in=Service.objects.published())
        .distinct()
        .order_by("name", "pk")
    )


@api_view
def organizations(request: HttpRequest) -> HttpResponse:
    query = read_query(request.GET)
    found = _organisations()
    total = found.count()
    contents = [hsds.organization_object(o) for o in _slice(query, found, total)]
    return json_response(request, _page(query, total, contents))


@api_view
def organization_detail(request: HttpRequest, id: str) -> HttpResponse:
    try:
        organisation = _organisations().get(uuid=_uuid_or_404(id))
    except (Organisation.DoesNotExist, Http404):
        return problem(request, 404, "No organisation with a published service has that id.")
    found = hsds.organization_object(organisation)
    services = list(
        _with_rows(Service.objects.published().filter(organisation=organisation)).order_by(
            "name", "pk"
        )
    )
    found["services"] = _service_objects(request, services, full=False)
    return json_response(request, found)
