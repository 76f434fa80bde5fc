"""A service page costs the same few queries however many rules it explains."""

from datetime import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from services import hours

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curated_directory")]
MONDAY_EVENING = datetime(2026, 11, 23, 20, 0, tzinfo=hours.UK)
INSTEAD = "If this service is not right for you"
# The page itself: the service with its organisation, all its tags in one query (kinds,
# formats, audiences, the groups it also supports, access features, referral routes), then
# its opening times, venues, contact points and sources.
PAGE = 6
# Alternatives for every rule on the page together, whatever the reader gave (age, place or
# neither): one query for every rule's candidates, then four reading what ranking and the
# list need of them (their kinds, formats and audiences in one query, their opening times,
# venues, and public phone and text numbers). Where no rule finds a candidate, the four are
# not needed.
ALTERNATIVES = 5


def page_of(slug: str) -> str:
    return reverse("services:detail", kwargs={"slug": slug})


@pytest.fixture(autouse=True)
def monday_evening():
    with time_machine.travel(MONDAY_EVENING, tick=False):
        yield


def test_a_service_page_with_three_rules_makes_a_fixed_small_number_of_queries(
    client, django_assert_num_queries
):
    with django_assert_num_queries(PAGE + ALTERNATIVES):
        html = client.get(page_of("talkworks-devon")).content.decode()
    # Its age limit, its area, and its rule about recent self-harm.
    assert html.count(INSTEAD) == 3


def test_a_service_page_with_no_rule_makes_no_queries_for_alternatives(
    client, django_assert_num_queries
):
    with django_assert_num_queries(PAGE):
        html = client.get(page_of("samaritans-helpline")).content.decode()
    assert INSTEAD not in html


def test_a_service_page_with_the_readers_age_and_place_makes_no_more_queries(
    client, django_assert_num_queries
):
    with django_assert_num_queries(PAGE + ALTERNATIVES):
        html = client.get(page_of("talkworks-devon"), {"age": "30", "near": "TQ1"}).content
    assert html.decode().count(INSTEAD) == 3


@pytest.mark.parametrize("query", [{}, {"age": "30", "near": "TQ1"}])
def test_more_rules_on_a_page_do_not_mean_more_queries(client, query):
    def queries_for(slug: str, rules: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            html = client.get(page_of(slug), query).content.decode()
        assert html.count(INSTEAD) == rules
        return len(captured)

    one_rule = queries_for("alumina", 1)  # an age limit only
    assert queries_for("the-moorings-exeter", 2) == one_rule  # age and area
    assert queries_for("talkworks-devon", 3) == one_rule
