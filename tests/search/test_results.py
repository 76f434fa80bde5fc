"""One search, run: its sections, the place looked up once, and odd places kept kind."""

from datetime import datetime

import pytest
from django.http import QueryDict

from services import hours
from services.search import fields, results
from tests.factories import make_service

pytestmark = pytest.mark.django_db
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=hours.UK)
PAIGNTON = {"address": "Hall", "latitude": 50.4353, "longitude": -3.5650}


@pytest.fixture
def look_ups(monkeypatch):
    """Counts the look-ups of what a reader typed, passing each on to the real one."""
    calls = []
    real = fields.resolve

    def counting(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(fields, "resolve", counting)
    return calls


def run(query: str) -> results.Results:
    return results.run(QueryDict(query), now=MONDAY_NOON)


def test_a_place_is_looked_up_once_for_a_results_page(client, look_ups):
    make_service("Paignton cafe", venues=(PAIGNTON,))
    html = client.get("/services/", {"near": "Torquay", "age": "30"}).content.decode()
    assert "Paignton cafe" in html
    assert look_ups == ["Torquay"]


def test_a_place_is_looked_up_once_for_a_service_page(client, look_ups):
    service = make_service("Paignton cafe", venues=(PAIGNTON,), area_postcodes="TQ")
    client.get(service.get_absolute_url(), {"near": "TQ1 1AA", "age": "30"})
    assert look_ups == ["TQ1 1AA"]


def test_with_a_place_results_come_in_sections_nearby_then_from_anywhere():
    make_service("Paignton cafe", venues=(PAIGNTON,))
    make_service("Text line", available_anywhere=True)
    found = run("near=Torquay")
    assert [section.heading for section in found.sections] == [
        "Near Torquay, Torbay",
        "You can use these from anywhere",
    ]
    assert [f.service.name for f in found.sections[0].found] == ["Paignton cafe"]
    assert found.sections[0].found[0].distance.endswith("miles away")
    assert found.counts == {"nearby": 1, "anywhere": 1}


def test_without_a_place_results_are_one_section_in_name_order():
    make_service("B group")
    make_service("A line")
    found = run("")
    assert len(found.sections) == 1
    assert [f.service.name for f in found.sections[0].found] == ["A line", "B group"]
    assert found.lookup is None


@pytest.mark.parametrize(
    ("near", "message"),
    [("x" * 101, "Use 100 characters or fewer."), ("Tor\x00quay", "unusual characters")],
)
def test_a_place_too_long_or_with_odd_characters_gets_a_message_and_support_from_anywhere(
    client, near, message
):
    make_service("Text line", available_anywhere=True)
    response = client.get("/services/", {"near": near})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Text line" in html


def test_an_empty_search_says_what_each_choice_keeps_out():
    make_service("Adults group", min_age=18, kinds=("peer-support",))
    found = run("age=12&kind=peer-support")
    assert found.total == 0
    assert {(w.choice.param, w.count) for w in found.widenings} == {("age", 1), ("kind", 0)}
