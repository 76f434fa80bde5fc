import random

import pytest
from geopy.distance import geodesic

from services import geo

# Points from the shipped data (OS town and city points).
TORQUAY = (50.46883, -3.53141)
EXETER = (50.72258, -3.53260)
PLYMOUTH = (50.37001, -4.14207)
LONDON = (51.50740, -0.12780)
INVERNESS = (57.47908, -4.22398)


@pytest.mark.parametrize(
    ("typed", "name", "districts", "from_full_postcode"),
    [
        ("tq1 1aa", "TQ1", ("TQ1",), True),
        ("TQ11AA", "TQ1", ("TQ1",), True),
        ("  Tq1   1AA ", "TQ1", ("TQ1",), True),
        ("TQ12 5PU", "TQ12", ("TQ12",), True),
        ("TQ1", "TQ1", ("TQ1",), False),
        ("tq2", "TQ2", ("TQ2",), False),
        ("Torquay", "Torquay", ("TQ1", "TQ2"), False),
        ("TORQUAY", "Torquay", ("TQ1", "TQ2"), False),
        ("newton abbot", "Newton Abbot", ("TQ12", "TQ13"), False),
        ("Newton-Abbot", "Newton Abbot", ("TQ12", "TQ13"), False),
        ("Brixham", "Brixham", ("TQ5",), False),
        ("st. albans", "St Albans", None, False),
        ("Newport, Isle of Wight", "Newport", ("PO30",), False),
        ("BT1 1AA", "BT1", ("BT1",), True),
    ],
)
def test_places_resolve_from_postcodes_districts_and_towns(
    typed, name, districts, from_full_postcode
):
    lookup = geo.resolve(typed)
    assert lookup.outcome is geo.Outcome.FOUND
    assert lookup.place.name == name
    if districts is not None:
        assert lookup.place.districts == districts
    assert lookup.place.from_full_postcode is from_full_postcode


@pytest.mark.parametrize(
    ("typed", "outcome", "message"),
    [
        ("zzz", geo.Outcome.UNKNOWN, "We could not find that place. Try a postcode like TQ1 1AA"),
        ("ZZ9 9ZZ", geo.Outcome.UNKNOWN, "We could not find the postcode area ZZ9"),
        ("JE2 3AB", geo.Outcome.NO_DATA, "We do not have location data for Jersey yet"),
        ("IM1 1AA", geo.Outcome.NO_DATA, "the Isle of Man"),
        ("Newport", geo.Outcome.AMBIGUOUS, "There is more than one place called Newport"),
        ("", geo.Outcome.UNKNOWN, "We could not find that place"),
        ("'; DROP TABLE services; --", geo.Outcome.UNKNOWN, "We could not find that place"),
    ],
)
def test_unknown_and_ambiguous_places_say_so_kindly(typed, outcome, message):
    lookup = geo.resolve(typed)
    assert lookup.outcome is outcome
    assert message in lookup.message


def test_a_shared_name_lists_each_place_with_its_county():
    lookup = geo.resolve("Newport")
    labels = [choice.label for choice in lookup.choices]
    assert "Newport, Isle of Wight" in labels
    assert len(labels) == len(set(labels)) >= 3
    for label in labels:
        assert geo.resolve(label).outcome is geo.Outcome.FOUND


@pytest.mark.parametrize(
    ("here", "there"),
    [(TORQUAY, EXETER), (TORQUAY, PLYMOUTH), (EXETER, LONDON), (LONDON, INVERNESS)],
)
def test_quick_distances_are_within_half_a_percent_of_geopy(here, there):
    exact = geodesic(here, there).miles
    assert geo.quick_miles(*here, *there) == pytest.approx(exact, rel=0.005)
    assert geo.miles(*here, *there) == pytest.approx(exact, rel=1e-9)


def test_torquay_to_exeter_is_about_eighteen_miles():
    assert 16 < geo.miles(*TORQUAY, *EXETER) < 20


@pytest.mark.parametrize("radius", [5, 10, 25, 50])
@pytest.mark.parametrize("centre", [TORQUAY, INVERNESS, (50.0, -5.7)])
def test_bounding_box_holds_every_point_inside_the_radius(centre, radius):
    south, north, west, east = geo.bounding_box(*centre, radius)
    # Walk round the circle at the radius: every point must fall inside the box.
    for bearing in range(0, 360, 5):
        point = geodesic(miles=radius * 0.9999).destination(centre, bearing)
        assert south <= point.latitude <= north
        assert west <= point.longitude <= east


def test_within_radius_settles_points_near_the_edge_with_the_geodesic():
    exact = geo.miles(*TORQUAY, *EXETER)
    assert geo.within_radius(*TORQUAY, *EXETER, exact + 0.01) is not None
    assert geo.within_radius(*TORQUAY, *EXETER, exact - 0.01) is None


def test_venue_postcodes_are_placed_from_the_shipped_data():
    assert geo.coordinates_for_postcode("tq2 5pu") == pytest.approx((50.46, -3.53), abs=0.02)
    assert geo.coordinates_for_postcode("SW1A 1AA") is None
    assert geo.coordinates_for_postcode("not a postcode") is None


def test_the_local_map_agrees_with_the_geodesic_well_inside_its_tolerance():
    # Search places span Britain; radii go up to 50 miles (the bounding box adds 1%).
    rng = random.Random(11)
    for _ in range(2000):
        centre = (rng.uniform(49.9, 60.8), rng.uniform(-7.5, 1.7))
        point = geodesic(miles=rng.uniform(0.2, 60)).destination(centre, rng.uniform(0, 360))
        exact = geodesic(centre, (point.latitude, point.longitude)).miles
        mapped = geo.LocalMap.around(*centre).miles(point.latitude, point.longitude)
        assert mapped == pytest.approx(exact, rel=geo.LOCAL_MAP_TOLERANCE / 4)
