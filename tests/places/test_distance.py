import random

import pytest
from geopy.distance import geodesic

from services.places import distance
from services.places.distance import Circle

# Points from the shipped data (OS town and city points).
TORQUAY = (50.46883, -3.53141)
EXETER = (50.72258, -3.53260)
PLYMOUTH = (50.37001, -4.14207)
LONDON = (51.50740, -0.12780)
INVERNESS = (57.47908, -4.22398)


@pytest.mark.parametrize(
    ("here", "there"),
    [(TORQUAY, EXETER), (TORQUAY, PLYMOUTH), (EXETER, LONDON), (LONDON, INVERNESS)],
)
def test_distances_people_see_are_geopys_geodesic(here, there):
    assert distance.miles(*here, *there) == pytest.approx(geodesic(here, there).miles, rel=1e-9)


def test_torquay_to_exeter_is_about_eighteen_miles():
    assert 16 < distance.miles(*TORQUAY, *EXETER) < 20


@pytest.mark.parametrize("radius", [5, 10, 25, 50])
@pytest.mark.parametrize("centre", [TORQUAY, INVERNESS, (50.0, -5.7)])
def test_bounding_box_holds_every_point_inside_the_radius(centre, radius):
    south, north, west, east = Circle.around(*centre, radius).bounding_box()
    # Walk round the circle at the radius: every point must fall inside the box.
    for bearing in range(0, 360, 5):
        point = geodesic(miles=radius * 0.9999).destination(centre, bearing)
        assert south <= point.latitude <= north
        assert west <= point.longitude <= east


def test_a_point_a_hair_from_the_edge_is_settled_by_the_geodesic():
    exact = distance.miles(*TORQUAY, *EXETER)
    assert Circle.around(*TORQUAY, exact + 0.01).contains(*EXETER)
    assert not Circle.around(*TORQUAY, exact - 0.01).contains(*EXETER)


def test_the_circle_agrees_with_the_geodesic_for_points_across_britain():
    rng = random.Random(5)
    for _ in range(2000):
        centre = (rng.uniform(49.9, 60.8), rng.uniform(-7.5, 1.7))
        radius = rng.choice([5, 10, 25, 50])
        point = geodesic(miles=rng.uniform(0, 60)).destination(centre, rng.uniform(0, 360))
        exact = geodesic(centre, (point.latitude, point.longitude)).miles
        inside = Circle.around(*centre, radius).contains(point.latitude, point.longitude)
        assert inside is (exact <= radius)


def test_the_local_map_agrees_with_the_geodesic_well_inside_its_tolerance():
    # Search places span Britain; radii go up to 50 miles (the bounding box adds 1%).
    rng = random.Random(11)
    for _ in range(2000):
        centre = (rng.uniform(49.9, 60.8), rng.uniform(-7.5, 1.7))
        point = geodesic(miles=rng.uniform(0.2, 60)).destination(centre, rng.uniform(0, 360))
        exact = geodesic(centre, (point.latitude, point.longitude)).miles
        circle = Circle.around(*centre, radius_miles=50)
        mapped = circle.map_miles_squared(point.latitude, point.longitude) ** 0.5
        assert mapped == pytest.approx(exact, rel=distance.LOCAL_MAP_TOLERANCE / 4)
