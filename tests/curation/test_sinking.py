"""Services unchecked for twelve months sink below checked ones in search results.

(The rule is freshness.SINKS_AFTER_MONTHS; the search orders by it in services/search.)
"""

from datetime import date, datetime

import pytest
import time_machine
from django.http import QueryDict
from django.urls import reverse

from services import hours
from services.places import lookup as geo
from services.search import nearby
from services.search.filters import search_results
from tests.factories import make_service

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=hours.UK)
CHECKED = date(2026, 11, 1)
UNCHECKED = date(2025, 12, 1)  # twelve months to the day before NOW
TORQUAY = geo.resolve("Torquay").place
PAIGNTON = {"address": "A hall", "latitude": 50.43603, "longitude": -3.56776}
EXETER = {"address": "A hall", "latitude": 50.72258, "longitude": -3.53260}


def names(rows) -> list[str]:
    return [row.name for row in rows]


def test_with_no_place_checked_services_come_first_each_by_name():
    make_service("Apple", last_checked=UNCHECKED)
    make_service("Birch", last_checked=CHECKED)
    make_service("Cedar", last_checked=date(2025, 12, 2))  # a day short of twelve months
    make_service("Aspen", last_checked=date(2019, 5, 1))
    _, results = search_results(QueryDict(""), now=NOW)
    assert names(results) == ["Birch", "Cedar", "Apple", "Aspen"]


def test_in_a_place_search_each_list_keeps_checked_services_first():
    make_service("Near but unchecked", venues=(PAIGNTON,), last_checked=UNCHECKED)
    make_service("Farther and checked", venues=(EXETER,), last_checked=CHECKED)
    make_service("Covering, unchecked", area_postcodes="TQ", last_checked=UNCHECKED)
    make_service("Covering, checked", area_postcodes="TQ", last_checked=CHECKED)
    make_service("Anywhere A, unchecked", available_anywhere=True, last_checked=UNCHECKED)
    make_service("Anywhere B, checked", available_anywhere=True, last_checked=CHECKED)
    _, results = search_results(QueryDict(""), now=NOW)
    arranged = nearby.arrange(results, TORQUAY, 25)
    assert [(entry.name, entry.section) for entry in arranged] == [
        ("Farther and checked", nearby.NEARBY),
        ("Near but unchecked", nearby.NEARBY),
        ("Covering, checked", nearby.NEARBY),
        ("Covering, unchecked", nearby.NEARBY),
        ("Anywhere B, checked", nearby.ANYWHERE),
        ("Anywhere A, unchecked", nearby.ANYWHERE),
    ]


def test_a_search_sinks_services_as_of_its_own_moment_not_the_clocks():
    make_service("Apple", last_checked=date(2026, 1, 10), available_anywhere=True)
    make_service("Birch", last_checked=CHECKED, available_anywhere=True)
    early = datetime(2026, 6, 1, tzinfo=hours.UK)
    late = datetime(2027, 2, 1, tzinfo=hours.UK)
    for now, expected in [(early, ["Apple", "Birch"]), (late, ["Birch", "Apple"])]:
        _, results = search_results(QueryDict(""), now=now)
        assert names(results) == expected
        assert names(nearby.anywhere(results)) == expected
        assert names(nearby.arrange(results, TORQUAY, 25)) == expected


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("query", ["", "?near=Torquay", "?near=zzz"])
def test_the_results_page_shows_unchecked_services_last(client, query):
    make_service("Apple", last_checked=UNCHECKED, available_anywhere=True)
    make_service("Birch", last_checked=CHECKED, available_anywhere=True)
    html = client.get(reverse("services:list") + query).content.decode()
    assert html.index("Birch") < html.index("Apple")
