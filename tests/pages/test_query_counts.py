"""Every kind of page makes an exact, known number of queries, whatever the directory holds.

A change that adds a query to a page changes a number here, on purpose and in review.
"""

import pytest
from django.urls import reverse

from tests.factories import make_service

pytestmark = pytest.mark.django_db
LIST_URL = reverse("services:list")


def add_services(count: int) -> None:
    for number in range(count):
        make_service(
            f"Service {number}",
            slug=f"service-{number}",
            kinds=("helpline", "text-line"),
            formats=("phone",),
            audiences=("adults",),
            slots=((0, "18:00", "22:00"), (5, "10:00", "14:00")),
            organisation=f"Organisation {number}",
            contacts=({"method": "phone", "value": "0800 000 000"},),
            venues=({"address": "1 High Street", "latitude": 50.46, "longitude": -3.53},),
            available_anywhere=number % 3 == 0,
        )


# (page, queries). A results page: the vocabulary, the count, the page of services, then
# one query each for the cards' kinds, opening times, contacts and newest source dates (a
# card says when its newest source is over three years old). With no place the ids and the
# count come from the list's parts (search/in_parts.py), one query a part until the count
# is full: here, with fewer than 1,000 services, every part (two; four with words), and
# never more at any size. A place adds the venues in the circle, and for a circle wider
# than 5 miles first a count of the venues in it, stopped at twice the count's cap, which
# says whether to read it from the middle out (issue 20, search/nearby.py); at any size a
# busy circle reads at most a few circles. An empty search counts what each choice was
# keeping out in one query, however many choices (tests/search/test_widening.py). A
# take-away list: the services with their organisations, then their opening times, venues
# and contact points (it shows no tags). A service page: see test_service_page.py, which
# also counts alternatives.
PAGES = [
    ("/", 1),
    (LIST_URL, 8),
    (LIST_URL + "?q=service&age=30&kind=helpline&open=out_of_hours", 10),
    (LIST_URL + "?near=Torquay&age=30", 9),
    (LIST_URL + "?near=Newport", 7),
    (LIST_URL + "?near=zzz", 7),
    (LIST_URL + "?q=nothing&age=30", 6),
    (LIST_URL + "?near=Torquay&q=nothing&age=30", 5),
    (reverse("services:shortlist") + "?s=service-0,service-1,service-2", 4),
    (reverse("services:shortlist"), 0),
    (reverse("services:detail", kwargs={"slug": "service-0"}), 6),
    (reverse("services:detail", kwargs={"slug": "service-1"}) + "?age=30&near=Torquay", 6),
    (reverse("services:glossary"), 0),
    (reverse("services:about"), 0),
]


@pytest.mark.parametrize("size", [3, 40])
@pytest.mark.parametrize(("url", "queries"), PAGES)
def test_each_kind_of_page_makes_an_exact_number_of_queries(
    client, django_assert_num_queries, url, queries, size
):
    add_services(size)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
