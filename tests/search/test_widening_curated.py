"""What each choice keeps out, on the curated directory: the one query gives the counts that
running the search once without each choice gives (tests/search/test_widening.py has the
rest). A module of its own, as the curated directory stays loaded for a whole module."""

from datetime import datetime

import pytest
from django.http import QueryDict

from services import hours
from services.models import Service
from services.search import nearby
from services.search.filters import ServiceFilter, search_results
from services.search.searched_for import active_choices, widening_options

MONDAY_EVENING = datetime(2026, 11, 23, 19, 30, tzinfo=hours.UK)


def searched(query: str) -> tuple[ServiceFilter, list, object]:
    filterset, _ = search_results(QueryDict(query), now=MONDAY_EVENING)
    lookup = filterset.place_lookup()
    return filterset, active_choices(filterset), lookup.place if lookup else None


def counts_one_search_per_choice(filterset: ServiceFilter, choices, place) -> list[int]:
    """The way it was done before: the search run again without each choice, in turn, and
    with a place arranged as the results page arranges it (what "nearby" means there)."""
    counts = []
    for choice in choices:
        if choice.param == "radius":
            continue
        queryset = filterset.filter_queryset(
            Service.objects.published(), leaving_out=choice.leaving_out
        )
        if place is None or choice.param == "near":
            counts.append(queryset.count())
        else:
            counts.append(nearby.arrange(queryset, place, filterset.radius_miles).count())
    return counts


def counts_in_one_query(filterset: ServiceFilter, choices, place) -> list[int]:
    return [option.count for option in widening_options(filterset, choices, place)]


# Searches over the curated directory: every kind of choice, lists of tags (any of these
# kinds, every one of these access needs), places with and without areas and venues, and
# searches that find something as well as nothing (the counts mean the same either way).
CURATED_SEARCHES = [
    "age=12&kind=peer-support",
    "age=30&self_referral=yes&free=yes",
    "q=support&age=16&ongoing_self_harm=welcome",
    "q=zzzz&age=30&self_referral=yes",
    "kind=helpline&kind=peer-support&kind=counselling&format=in-person",
    "format=text&format=online-chat&audience=young-people&audience=lgbtq",
    "access=anonymous&access=bsl&free=yes",
    "open=now&kind=helpline&age=15",
    "open=out_of_hours&format=in-person",
    "open_at=2026-11-28T03:00&self_referral=yes&kind=text-line",
    "near=Torquay&age=30&kind=peer-support",
    "near=TQ1&radius=5&format=in-person&self_referral=yes",
    "near=Exeter&radius=50&q=group&free=yes&kind=crisis-cafe",
    "near=Plymouth&radius=10&audience=young-people&audience=adults&access=anonymous",
    "near=Edinburgh&age=17&format=phone&open=now",
    "near=zzzz&age=30&kind=helpline",
]


@pytest.mark.django_db
@pytest.mark.usefixtures("curated_directory")
@pytest.mark.parametrize("query", CURATED_SEARCHES)
def test_counts_are_those_of_running_the_search_without_each_choice(query):
    filterset, choices, place = searched(query)
    assert choices, "a search with choices to take away"
    expected = counts_one_search_per_choice(filterset, choices, place)
    assert counts_in_one_query(filterset, choices, place) == expected


@pytest.mark.django_db
@pytest.mark.usefixtures("curated_directory")
def test_the_curated_searches_find_services_to_widen_to():
    """The comparison above means something: it has counts other than 0 and the whole
    directory, with a place and without."""
    seen = set()
    for query in CURATED_SEARCHES:
        filterset, choices, place = searched(query)
        published = Service.objects.published().count()
        for count in counts_in_one_query(filterset, choices, place):
            seen.add((place is not None, 0 < count < published))
    assert {(False, True), (True, True)} <= seen
