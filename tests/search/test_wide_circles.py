"""Wide circles read from the middle out (issue 20): a page needs only the nearest services,
up to where counting stops, so a 50-mile circle reads a small circle first and a wider one
only when the small one holds too few. The list must be exactly the one reading the whole
radius gives, and the page must say honestly that it stopped counting."""

import math
import random
import re
from datetime import date, datetime

import pytest
from django.http import QueryDict
from django.urls import reverse

from services import hours
from services.models import Service, Venue
from services.places import lookup as geo
from services.search import nearby
from services.search.filters import search_results
from services.search.paging import COUNT_CAP
from tests.language import blocked_words, reading_problems

pytestmark = pytest.mark.django_db
LIST_URL = reverse("services:list")
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=hours.UK)
CHECKED = date(2026, 11, 1)
UNCHECKED = date(2025, 1, 1)  # more than twelve months before NOW: these sink
TORQUAY = geo.resolve("Torquay").place
MILES_PER_DEGREE = 69.1


def point_at(miles: float, bearing: float) -> tuple[float, float]:
    """A point about `miles` from Torquay on a bearing, on a flat map (near enough here)."""
    north = miles * math.cos(bearing) / MILES_PER_DEGREE
    east = miles * math.sin(bearing) / (MILES_PER_DEGREE * math.cos(math.radians(50.46)))
    return TORQUAY.latitude + north, TORQUAY.longitude + east


def add_services(
    points: list[tuple[float, float]], sinking: set[int] = frozenset(), name: str = "Around"
) -> None:
    """A published service with one venue at each point, named in order; those numbered in
    `sinking` were last checked too long ago, so they sink below the rest."""
    services = Service.objects.bulk_create(
        Service(
            slug=f"{name.lower().replace(' ', '-')}-{number}",
            name=f"{name} {number:05d}",
            summary="A group near Torquay.",
            status=Service.Status.PUBLISHED,
            last_checked=UNCHECKED if number in sinking else CHECKED,
            checked_by="Test curator",
        )
        for number in range(len(points))
    )
    Venue.objects.bulk_create(
        Venue(service=service, address="A hall", latitude=lat, longitude=lng)
        for service, (lat, lng) in zip(services, points, strict=True)
    )


def arranged(radius: int, enough: int | None = None) -> nearby.Arrangement:
    _, results = search_results(QueryDict(""), now=NOW)
    return nearby.arrange(results, TORQUAY, radius, now=NOW, enough=enough)


def entries(arrangement: nearby.Arrangement) -> list[tuple[str, str]]:
    return [(entry.name, entry.section) for entry in arrangement]


@pytest.mark.parametrize("seed", range(6))
def test_reading_from_the_middle_out_gives_the_same_nearest_services(seed):
    rng = random.Random(seed)
    # Dense in the middle and sparse farther out, as around a city; a third sink.
    points = [point_at(50 * rng.random() ** 2, rng.uniform(0, 2 * math.pi)) for _ in range(120)]
    add_services(points, sinking={n for n in range(len(points)) if rng.random() < 0.3})
    whole = entries(arranged(50))
    for enough in (1, 7, 30, 81, 119, 400):
        partly = arranged(50, enough=enough)
        if enough < len(whole):
            assert entries(partly) == whole[:enough]
            assert not partly.counted_all
        else:
            assert entries(partly) == whole
            assert partly.counted_all


@pytest.fixture
def circles_read(monkeypatch) -> list[float]:
    """The radius of each circle nearby reads, in order (the reading itself unchanged)."""
    circles = []
    placed_inside = nearby._placed_inside

    def noting_each_circle(usable, place, radius_miles, **how):
        circles.append(radius_miles)
        return placed_inside(usable, place, radius_miles, **how)

    monkeypatch.setattr(nearby, "_placed_inside", noting_each_circle)
    return circles


def test_a_dense_middle_is_read_in_one_small_circle(circles_read):
    rng = random.Random(1)
    add_services([point_at(3 * rng.random(), rng.uniform(0, 6.3)) for _ in range(20)])
    add_services([point_at(40, 1.0)], name="Far out")  # never read
    found = arranged(50, enough=7)  # 21 venues in the box: more than nearby.BUSY times 7
    assert circles_read == [nearby.FIRST_RING_MILES]
    assert len(found) == 7


def test_a_quiet_circle_is_read_whole_at_once(circles_read):
    rng = random.Random(1)
    add_services([point_at(30 * rng.random(), rng.uniform(0, 6.3)) for _ in range(10)])
    assert len(arranged(50, enough=7)) == 7  # 10 venues: fewer than nearby.BUSY times 7
    assert circles_read == [50]


def test_sinking_services_in_the_middle_do_not_stop_the_search_early():
    # Ten unchecked services within a mile sink below a checked one 30 miles out.
    add_services([point_at(1, 0.1 * n) for n in range(10)], sinking=set(range(10)))
    add_services([point_at(30, 2.0)], name="Far and checked")
    first = entries(arranged(50, enough=3))
    assert first == [
        ("Far and checked 00000", nearby.NEARBY),
        ("Around 00000", nearby.NEARBY),
        ("Around 00001", nearby.NEARBY),
    ]


def result_count(html: str) -> str:
    return re.search(r'<p class="result-count"[^>]*>(.*?)</p>', html, re.S).group(1)


def pages_line(html: str) -> str:
    return re.search(r"<span>(Page [^<]*)</span>", html).group(1)


def test_a_wide_circle_with_more_than_1000_says_so_and_pages_on(client):
    rng = random.Random(2)
    add_services([point_at(30 * rng.random(), rng.uniform(0, 6.3)) for _ in range(COUNT_CAP + 5)])
    html = client.get(LIST_URL, {"near": "Torquay", "radius": "50"}).content.decode()
    sentence = result_count(html)
    assert sentence == "We found more than 1,000 services within 50 miles."
    assert pages_line(html) == "Page 1 of more than 50"
    assert 'rel="next"' in html
    texts = [("count", sentence), ("pages", pages_line(html))]
    assert not blocked_words(texts)
    assert not [problem for where, text in texts for problem in reading_problems(where, text)]


def test_the_last_page_of_a_wide_circle_is_reached_and_counted_exactly(client):
    rng = random.Random(3)
    add_services([point_at(30 * rng.random(), rng.uniform(0, 6.3)) for _ in range(COUNT_CAP + 5)])
    html = client.get(LIST_URL, {"near": "Torquay", "radius": "50", "page": "51"}).content
    html = html.decode()
    assert result_count(html) == "We found 1,005 services: 1,005 within 50 miles."
    assert pages_line(html) == "Page 51 of 51"
    assert 'rel="next"' not in html
    # A page past the end shows the last, as without a place.
    past = client.get(LIST_URL, {"near": "Torquay", "radius": "50", "page": "99"}).content
    assert pages_line(past.decode()) == "Page 51 of 51"


@pytest.mark.parametrize("page", ["0", "-3", "two"])
def test_a_page_that_is_not_a_page_shows_the_first_of_a_wide_circle(client, page):
    rng = random.Random(4)
    add_services([point_at(30 * rng.random(), rng.uniform(0, 6.3)) for _ in range(COUNT_CAP + 5)])
    html = client.get(LIST_URL, {"near": "Torquay", "radius": "50", "page": page}).content
    html = html.decode()
    assert pages_line(html) == "Page 1 of more than 50"
    assert result_count(html) == "We found more than 1,000 services within 50 miles."
