"""What each choice keeps out, for a search that finds nothing: one query however many
choices, giving the counts that running the search once without each choice gives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.search.searched_for import widening_options
from tests.factories import make_service
from tests.search.test_widening_curated import counts_one_search_per_choice, searched

pytestmark = pytest.mark.django_db
TORQUAY = {"address": "Hall", "latitude": 50.4619, "longitude": -3.5253}
EXETER = {"address": "Hall", "latitude": 50.72258, "longitude": -3.53260}
EDINBURGH = {"address": "Hall", "latitude": 55.95, "longitude": -3.19}


def test_with_a_place_a_service_counts_only_if_the_results_there_would_show_it():
    make_service("Exeter group", kinds=("peer-support",), min_age=18, venues=(EXETER,))
    make_service("Torquay group", kinds=("peer-support",), min_age=18, venues=(TORQUAY,))
    make_service("Edinburgh group", kinds=("peer-support",), min_age=18, venues=(EDINBURGH,))
    make_service("Devon line", kinds=("helpline",), area_postcodes="TQ EX")
    make_service("Scottish line", kinds=("helpline",), area_postcodes="EH")
    make_service("Text line", kinds=("text-line",), available_anywhere=True, min_age=18)
    filterset, choices, place = searched("near=Torquay&radius=10&age=16&kind=peer-support")
    counts = {w.choice.param: w.count for w in widening_options(filterset, choices, place)}
    # Without the place: peer groups for 16, wherever they are (none: all are for adults).
    # Without the age: the Torquay group (Exeter is 18 miles away). Without the kind: the
    # Devon line, which covers the place's area and takes any age (the Scottish line does
    # not serve Torquay, the text line is for adults).
    assert counts == {"near": 0, "age": 1, "kind": 1}
    assert counts_one_search_per_choice(filterset, choices, place) == [0, 1, 1]


def test_each_tag_of_a_list_is_taken_away_on_its_own():
    make_service("Cafe", kinds=("crisis-cafe",), access=("bsl",))
    make_service("Group", kinds=("peer-support",), access=("anonymous",))
    make_service("Both", kinds=("peer-support",), access=("bsl", "anonymous"), min_age=18)
    filterset, choices, place = searched(
        "kind=crisis-cafe&kind=peer-support&access=bsl&access=anonymous&age=12"
    )
    counts = [
        (w.choice.tag_slug or w.choice.param, w.count)
        for w in widening_options(filterset, choices, place)
    ]
    # Any of the kinds will do; every access need must be met.
    assert counts == [
        ("age", 1),
        ("crisis-cafe", 0),
        ("peer-support", 0),
        ("bsl", 1),
        ("anonymous", 1),
    ]
    assert [count for _, count in counts] == counts_one_search_per_choice(filterset, choices, place)


MANY_CHOICES = (
    "q=service&age=30&self_referral=yes&ongoing_self_harm=welcome&free=yes&open=now"
    "&kind=helpline&kind=peer-support&format=phone&format=text&audience=adults"
    "&access=anonymous&access=bsl"
)


@pytest.mark.parametrize(
    "query",
    [
        "age=30",
        "q=nothing&age=30",
        MANY_CHOICES,
        "near=Torquay&age=30",
        "near=Torquay&radius=50&" + MANY_CHOICES,
    ],
)
def test_one_query_however_many_choices(django_assert_num_queries, query):
    make_service("Torquay group", venues=(TORQUAY,), kinds=("peer-support",))
    make_service("Text line", available_anywhere=True, formats=("text",))
    filterset, choices, place = searched(query)
    with django_assert_num_queries(1):
        options = widening_options(filterset, choices, place)
    assert len(options) == len([choice for choice in choices if choice.param != "radius"])


def test_tags_and_times_are_read_as_lists_of_ids_not_a_subquery_for_each_service():
    """A subquery for each service makes the one query slow, and PostgreSQL's planner
    prices it past the point where it compiles it (seconds, at 200,000 services)."""
    make_service("Torquay group", kinds=("peer-support",), slots=((0, "18:00", "22:00"),))
    filterset, choices, place = searched(
        "near=Torquay&kind=peer-support&kind=helpline&access=bsl&access=anonymous"
        "&open=out_of_hours&open_at=2026-11-28T03:00&age=30"
    )
    with CaptureQueriesContext(connection) as queries:
        widening_options(filterset, choices, place)
    (sql,) = (query["sql"] for query in queries.captured_queries)
    assert "EXISTS" not in sql.upper()
