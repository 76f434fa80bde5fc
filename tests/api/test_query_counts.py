"""The Open Referral API reads a page in a fixed number of queries, whatever its size.

The numbers are pinned: a new query in a view shows here, and has to be meant. Each
count is what a reader of the view can tell from it; see the comments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Organisation, Service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curated_directory")]
API = "/api/oruk/"
PAGE_SIZES = (5, 50)
# Reading a service with its rows: the service and its organisation, its opening times,
# venues and contact points (one query each), and its tags (one query for all of them).
SERVICE_ROWS = 5


def queries_for(client, path: str, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(API + path, params)
    assert response.status_code == 200, response.content
    return len(captured)


def a_postcode_with_venues() -> str:
    venue = (
        Service.objects.published()
        .filter(venues__postcode__gt="", venues__latitude__isnull=False)
        .values_list("venues__postcode", flat=True)
        .first()
    )
    assert venue, "the curated fixtures have a published venue with a postcode"
    return venue


def test_the_fixtures_fill_more_than_the_smallest_page():
    assert Service.objects.published().count() > PAGE_SIZES[0]


@pytest.mark.parametrize("per_page", PAGE_SIZES)
def test_services(client, per_page):
    # The count, then one page's ids and rows, as one query, and their rows and tags.
    assert queries_for(client, "services", per_page=per_page) == 1 + SERVICE_ROWS


@pytest.mark.parametrize("per_page", PAGE_SIZES)
def test_services_minimal(client, per_page):
    assert queries_for(client, "services", per_page=per_page, minimal="true") == 2


def test_a_service(client):
    service = Service.objects.published().first()
    assert queries_for(client, f"services/{service.uuid}", full="true") == SERVICE_ROWS


@pytest.mark.parametrize("per_page", PAGE_SIZES)
def test_service_at_locations(client, per_page):
    # The count and the page of venues, each with its service's id.
    assert queries_for(client, "service_at_locations", per_page=per_page) == 2


@pytest.mark.parametrize("per_page", PAGE_SIZES)
def test_service_at_locations_in_full(client, per_page):
    # The count, the page, then the page's services read once with their rows.
    counted = queries_for(client, "service_at_locations", per_page=per_page, full="true")
    assert counted == 2 + SERVICE_ROWS


@pytest.mark.parametrize("per_page", PAGE_SIZES)
def test_service_at_locations_near_a_postcode(client, per_page):
    # One more: the venues within a hair of the circle's edge, settled one by one.
    postcode = a_postcode_with_venues()
    params = {"per_page": per_page, "postcode": postcode, "proximity": "50000"}
    assert queries_for(client, "service_at_locations", **params) == 3


def test_an_organisation(client):
    organisation = Organisation.objects.filter(services__in=Service.objects.published()).first()
    # The organisation, then its services with their rows.
    assert queries_for(client, f"organizations/{organisation.uuid}") == 1 + SERVICE_ROWS
