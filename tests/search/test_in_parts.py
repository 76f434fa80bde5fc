"""A long list read in parts (services/search/in_parts.py) is the one-query order, page by
page, on both databases."""

from datetime import date

import pytest
from django.http import QueryDict

from services.search.filters import (
    cheaper_where_not_sinking,
    search_results,
    sinking_conditions,
)
from services.search.in_parts import by_name_in_parts
from tests.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    # Names with and without the words, checked and unchecked for a year, ties on name.
    for number in range(23):
        stale = number % 3 == 0
        make_service(
            f"{'Support' if number % 2 else 'Listening'} line {number % 7}",
            summary="Peer support by phone." if number % 4 else "Talk to someone.",
            last_checked=date(2024, 1, 1) if stale else date(2026, 11, 1),
            max_age=25 if number % 5 == 0 else None,  # the age below keeps these out
        )


@pytest.mark.parametrize("query", ["", "q=support", "q=peer+support", "q=line", "q=nothing"])
@pytest.mark.parametrize("cheaper", [False, True], ids=["as searched", "cheaper parts"])
def test_every_page_read_in_parts_is_the_one_query_order(directory, query, cheaper):
    filterset, matching = search_results(QueryDict(query + "&age=30"), now=None)
    # With words, the parts whose names have every word start from the search without its
    # words (as results.run reads them): the same services, in the same order.
    where_not = cheaper_where_not_sinking(filterset) if cheaper else None
    in_parts = by_name_in_parts(matching, sinking_conditions(filterset), where_not=where_not)
    expected = list(matching.values_list("pk", flat=True))
    assert in_parts.count() == len(expected)
    for start in range(0, 25, 4):
        assert [s.pk for s in in_parts[start : start + 4]] == expected[start : start + 4]
    assert list(in_parts.values_list("pk", flat=True)[0:30]) == expected
    assert in_parts.in_bulk(expected[:2]).keys() == set(expected[:2])


def test_reading_a_part_is_a_plain_slice_only(directory):
    filterset, matching = search_results(QueryDict(""), now=None)
    in_parts = by_name_in_parts(matching, sinking_conditions(filterset))
    with pytest.raises(TypeError):
        in_parts[3]
    with pytest.raises(TypeError):
        in_parts[0:10:2]
