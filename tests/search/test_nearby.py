import random

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from geopy.distance import geodesic

from services.models import Service, Venue
from services.places import lookup as geo
from services.places.distance import Circle
from services.search import nearby
from services.search.filters import search_results
from tests.factories import make_service

pytestmark = pytest.mark.django_db
LIST_URL = reverse("services:list")
TORQUAY = geo.resolve("Torquay").place
EXETER = (50.72258, -3.53260)
PAIGNTON = (50.43603, -3.56776)
PLYMOUTH = (50.37001, -4.14207)


def venue(point):
    return {"address": "A venue", "latitude": point[0], "longitude": point[1]}


def arranged(query: str = "", place=TORQUAY, radius=25):
    _, results = search_results(QueryDict(query), now=None)
    return list(nearby.arrange(results, place, radius))


def test_services_nearby_come_first_nearest_first_then_those_usable_anywhere():
    make_service("Exeter group", venues=(venue(EXETER),))
    make_service("Paignton cafe", venues=(venue(PAIGNTON),))
    make_service("Plymouth group", venues=(venue(PLYMOUTH),))
    make_service("Text line", available_anywhere=True)
    make_service("Somewhere else entirely", venues=(venue((55.95, -3.19)),))
    entries = arranged(radius=50)
    assert [(entry.name, entry.section) for entry in entries] == [
        ("Paignton cafe", "nearby"),
        ("Exeter group", "nearby"),
        ("Plymouth group", "nearby"),
        ("Text line", "anywhere"),
    ]


def test_a_service_with_several_venues_is_placed_by_its_nearest():
    make_service("Two venues", venues=(venue(PLYMOUTH), venue(PAIGNTON)))
    (entry,) = arranged()
    assert entry.miles == pytest.approx(
        geodesic((TORQUAY.latitude, TORQUAY.longitude), PAIGNTON).miles, rel=1e-6
    )


def test_shown_distances_are_geopys_geodesic_distances():
    make_service("Exeter group", venues=(venue(EXETER),))
    (entry,) = arranged()
    exact = geodesic((TORQUAY.latitude, TORQUAY.longitude), EXETER).miles
    assert entry.distance_text == f"{exact:.1f} miles away"
    assert entry.miles == pytest.approx(exact, rel=1e-9)


@pytest.mark.parametrize(
    ("radius", "expected"), [(5, ["Paignton cafe"]), (25, ["Paignton cafe", "Exeter group"])]
)
def test_radius_limits_how_far_nearby_services_can_be(radius, expected):
    make_service("Exeter group", venues=(venue(EXETER),))
    make_service("Paignton cafe", venues=(venue(PAIGNTON),))
    assert [entry.name for entry in arranged(radius=radius)] == expected


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("Torquay", {"Torbay team", "Devon-wide"}),
        ("TQ5 8AA", {"Torbay team", "Devon-wide"}),
        ("Exeter", {"Devon-wide"}),
        ("Plymouth", set()),
        ("Manchester", set()),
    ],
)
def test_services_limited_to_an_area_appear_inside_it_and_never_outside(place, expected):
    make_service("Torbay team", area_postcodes="TQ1 TQ2 TQ3 TQ4 TQ5")
    make_service("Devon-wide", area_postcodes="EX TQ")
    # A venue in Torquay does not make a Torbay-only service appear for Plymouth.
    make_service("Torbay venue, Torbay only", area_postcodes="TQ1", venues=(venue(PAIGNTON),))
    lookup = geo.resolve(place)
    names = {entry.name for entry in arranged(place=lookup.place, radius=5)}
    names.discard("Torbay venue, Torbay only")
    assert names == expected
    plymouth_names = {
        entry.name for entry in arranged(place=geo.resolve("Plymouth").place, radius=50)
    }
    assert "Torbay venue, Torbay only" not in plymouth_names


def test_area_codes_match_whole_codes_only():
    make_service("TQ1 only", area_postcodes="tq1")
    assert Service.objects.get().area_postcodes == "TQ1"
    assert [e.name for e in arranged(place=geo.resolve("TQ12").place, radius=5)] == []
    assert [e.name for e in arranged(place=geo.resolve("TQ1").place, radius=5)] == ["TQ1 only"]


def test_bounding_box_prefilter_keeps_every_service_inside_the_radius_and_none_outside():
    rng = random.Random(7)
    centre = (TORQUAY.latitude, TORQUAY.longitude)
    for number in range(300):
        point = geodesic(miles=rng.uniform(0, 60)).destination(centre, rng.uniform(0, 360))
        make_service(f"S{number}", venues=(venue((point.latitude, point.longitude)),))
    for radius in (5, 10, 25, 50):
        found = {entry.name for entry in arranged(radius=radius)}
        truly_inside = {
            v.service.name
            for v in Venue.objects.select_related("service")
            if geodesic(centre, (v.latitude, v.longitude)).miles <= radius
        }
        assert found == truly_inside
        south, north, west, east = Circle.around(*centre, radius).bounding_box()
        boxed = Service.objects.filter(
            venues__latitude__range=(south, north), venues__longitude__range=(west, east)
        )
        assert truly_inside <= set(boxed.values_list("name", flat=True))


@pytest.mark.parametrize(("share", "inside"), [(1 - 2e-5, True), (1 + 2e-5, False)])
def test_a_venue_a_hair_from_the_edge_is_settled_by_the_geodesic(share, inside):
    centre = (TORQUAY.latitude, TORQUAY.longitude)
    point = geodesic(miles=25 * share).destination(centre, 45)
    make_service("On the edge", venues=(venue((point.latitude, point.longitude)),))
    assert bool(arranged(radius=25)) is inside


def test_pages_run_on_from_services_nearby_to_services_usable_from_anywhere(client, settings):
    settings.RESULTS_PER_PAGE = 4
    for number in range(5):
        make_service(f"Near {number}", venues=(venue(PAIGNTON),))
    for number in range(3):
        make_service(f"Anywhere {number}", available_anywhere=True)
    second = client.get(LIST_URL, {"near": "Torquay", "page": "2"}).content.decode()
    for name in ("Near 4", "Anywhere 0", "Anywhere 2"):
        assert name in second
    assert "Near 3" not in second
    assert second.index("Near 4") < second.index("You can use these from anywhere")
    first = client.get(LIST_URL, {"near": "Torquay"}).content.decode()
    assert "Near 3" in first
    assert "Anywhere 0" not in first


def test_results_page_shows_distances_and_a_separate_from_anywhere_section(client):
    make_service("Paignton cafe", venues=(venue(PAIGNTON),))
    make_service("Text line", available_anywhere=True)
    html = client.get(LIST_URL, {"near": "Torquay"}).content.decode()
    assert "Near Torquay" in html
    assert "miles away" in html
    assert "You can use these from anywhere" in html
    assert (
        html.index("Paignton cafe")
        < html.index("You can use these from anywhere")
        < html.index("Text line")
    )


def test_a_place_with_nothing_nearby_says_so_rather_than_counting_zero(client):
    make_service("Paignton cafe", venues=(venue(PAIGNTON),))
    make_service("Text line", available_anywhere=True)
    html = client.get(LIST_URL, {"near": "Leeds", "radius": "10"}).content.decode()
    assert "We found 1 service you can use from anywhere." in html
    assert "We do not list any support within 10 miles of Leeds" in html
    assert "0 near" not in html
    assert "Paignton cafe" not in html
    assert "Text line" in html


def test_a_place_with_nothing_at_all_does_not_offer_support_from_anywhere(client):
    make_service("Paignton cafe", venues=(venue(PAIGNTON),))
    html = client.get(LIST_URL, {"near": "Leeds", "radius": "10"}).content.decode()
    assert "We found 0 services." in html
    assert "We do not list any support within 10 miles of Leeds, Leeds.</p>" in html
    assert "Here is support you can use from anywhere" not in html
    assert "No services match all your choices" in html


def test_a_full_postcode_is_only_used_as_far_as_its_district(client):
    make_service("Text line", available_anywhere=True)
    html = client.get(LIST_URL, {"near": "tq2 5pu"}).content.decode()
    assert "We only use the first part of your postcode (TQ2)" in html
    assert "5PU" not in html.split("We only use")[1].split("</p>")[0]


def test_an_unknown_place_says_so_and_still_shows_services_available_anywhere(client):
    make_service("Text line", available_anywhere=True)
    make_service("Local group", venues=(venue(PAIGNTON),))
    html = client.get(LIST_URL, {"near": "zzz"}).content.decode()
    assert (
        "We could not find that place. Try a postcode like TQ1 1AA or a town like Torquay" in html
    )
    assert "Text line" in html
    assert "Local group" not in html


def test_a_shared_place_name_asks_which_one_was_meant(client):
    html = client.get(LIST_URL, {"near": "Newport", "age": "20"}).content.decode()
    assert "There is more than one place called Newport" in html
    assert 'href="?near=Newport,+Isle+of+Wight&amp;age=20"' in html


def test_a_postcode_outside_the_data_says_so_plainly(client):
    html = client.get(LIST_URL, {"near": "GY1 1AA"}).content.decode()
    assert "We do not have location data for Guernsey yet" in html


@pytest.mark.parametrize("radius", ["7", "abc", "-5", "9" * 50])
def test_an_odd_radius_gets_a_message_and_uses_25_miles(client, radius):
    make_service("Exeter group", venues=(venue(EXETER),))
    html = client.get(LIST_URL, {"near": "Torquay", "radius": radius}).content.decode()
    assert "Choose 5, 10, 25 or 50 miles" in html
    assert "Exeter group" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_postgresql_plans_for_a_directory_held_in_memory():
    # Without it, a search reads every opening time in the directory (see settings.py).
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
        # Compiling a query priced over 100,000 took seconds at 200,000 services (settings).
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
