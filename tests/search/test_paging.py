"""Counts that stop counting: "more than 1,000 services", and every page still reachable."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from services.models import Service
from services.search.paging import COUNT_CAP, CappedPaginator
from tests.language import blocked_words, reading_problems

pytestmark = pytest.mark.django_db
LIST_URL = reverse("services:list")


def add_services(count: int, **fields) -> None:
    """Many services at once, named in the order a search lists them."""
    Service.objects.bulk_create(
        Service(
            slug=f"many-{number}",
            name=f"Many {number:05d}",
            summary="One of many.",
            status=Service.Status.PUBLISHED,
            last_checked=date(2026, 11, 1),
            checked_by="Test curator",
            **fields,
        )
        for number in range(count)
    )


def paginator(cap: int = 5) -> CappedPaginator:
    return CappedPaginator(Service.objects.published().order_by("name", "pk"), 2, cap=cap)


def names(page) -> list[str]:
    return [service.name for service in page.object_list]


def test_counting_stops_one_past_the_cap_and_says_so():
    add_services(12)
    pages = paginator()
    page = pages.get_page(1)
    assert (pages.count, pages.counted_all, pages.pages_full) == (6, False, 2)
    assert names(page) == ["Many 00000", "Many 00001"]
    assert page.has_next()


def test_under_the_cap_the_count_is_exact():
    add_services(5)
    pages = paginator()
    pages.get_page(1)
    assert (pages.count, pages.counted_all, pages.num_pages) == (5, True, 3)


def test_next_page_reaches_every_service_past_the_cap_once_in_order():
    add_services(13)
    seen, number = [], 1
    while True:
        page = paginator().get_page(number)
        assert page.number == number
        seen.extend(names(page))
        if not page.has_next():
            break
        number = page.next_page_number()
    assert seen == [f"Many {n:05d}" for n in range(13)]
    assert number == 7


def test_a_page_past_the_cap_counts_only_as_far_as_itself():
    add_services(20)
    pages = paginator()
    page = pages.get_page(4)
    assert names(page) == ["Many 00006", "Many 00007"]
    # One past the page asked for: enough to know there is a next page.
    assert (pages.count, pages.counted_all) == (9, False)
    assert page.has_next()


@pytest.mark.parametrize(
    ("asked", "shown"),
    [(99, 6), ("99", 6), ("1" * 400, 6), ("abc", 1), ("0", 1), ("-1", 1), (2.5, 1), (None, 1)],
)
def test_a_page_past_the_end_shows_the_last_and_odd_numbers_the_first(asked, shown):
    add_services(12)
    pages = paginator()
    page = pages.get_page(asked)
    assert page.number == shown
    if shown == 6:
        assert pages.counted_all
        assert names(page) == ["Many 00010", "Many 00011"]
        assert not page.has_next()


def test_the_page_is_counted_by_its_own_query_no_further_than_the_limit():
    add_services(12)
    with CaptureQueriesContext(connection) as queries:
        page = paginator().get_page(1)
    ids, services = (query["sql"] for query in queries.captured_queries)
    # The matches' ids in the page's order, one past the cap; then the page's services.
    assert "COUNT(" not in ids
    assert "ORDER BY" in ids
    assert re.search(r"LIMIT 6\b", ids)
    assert " IN (" in services
    assert len(page) == 2


def test_a_page_past_the_end_counts_every_match_once_more():
    add_services(12)
    with CaptureQueriesContext(connection) as queries:
        page = paginator().get_page(40)
    assert page.number == 6
    # The page asked for (nothing there), the count, the last page's ids, its services.
    assert len(queries.captured_queries) == 4


def test_no_services_is_one_empty_page():
    page = paginator().get_page(1)
    assert (page.number, len(page), page.paginator.counted_all) == (1, 0, True)


# The results page


def result_count(html: str) -> str:
    return re.search(r'<p class="result-count"[^>]*>(.*?)</p>', html, re.S).group(1)


def pages_line(html: str) -> str:
    return re.search(r"<span>(Page [^<]*)</span>", html).group(1)


def test_a_big_search_says_more_than_1000_services_and_pages_on(client):
    add_services(COUNT_CAP + 1)
    html = client.get(LIST_URL).content.decode()
    sentence = result_count(html)
    assert sentence == "We found more than 1,000 services."
    assert pages_line(html) == "Page 1 of more than 50"
    assert 'href="?page=2" rel="next"' in html
    texts = [("count", sentence), ("pages", pages_line(html))]
    assert not blocked_words(texts)
    assert not [problem for where, text in texts for problem in reading_problems(where, text)]


def test_the_page_past_the_cap_is_there_and_counted_exactly(client):
    add_services(COUNT_CAP + 1)
    html = client.get(LIST_URL, {"page": "51"}).content.decode()
    assert result_count(html) == "We found 1,001 services."
    assert pages_line(html) == "Page 51 of 51"
    assert "Many 01000" in html
    assert 'rel="next"' not in html


@pytest.mark.parametrize("page", ["52", "999999", "1" * 400])
def test_a_page_past_the_end_of_a_big_search_shows_the_last(client, page):
    add_services(COUNT_CAP + 1)
    response = client.get(LIST_URL, {"page": page})
    html = response.content.decode()
    assert response.status_code == 200
    assert pages_line(html) == "Page 51 of 51"
    assert "Many 01000" in html


def test_with_a_place_big_counts_stay_exact_with_a_comma(client):
    add_services(COUNT_CAP + 1, available_anywhere=True)
    html = client.get(LIST_URL, {"near": "Torquay"}).content.decode()
    assert result_count(html) == "We found 1,001 services you can use from anywhere."
    assert pages_line(html) == "Page 1 of 51"


def test_what_a_choice_keeps_out_is_counted_with_a_comma(client):
    add_services(COUNT_CAP + 1)
    html = client.get(LIST_URL, {"q": "nowhere"}).content.decode()
    assert result_count(html) == "We found 0 services."
    assert "Without “Search words: nowhere”, we would find 1,001 services." in html
