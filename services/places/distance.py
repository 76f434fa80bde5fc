"""Distances, offline, and the one rule for "inside the radius".

A circle around the search point decides what is inside it. It narrows candidates with a
bounding box on indexed coordinates, then measures them on a flat map of the ellipsoid
around the centre (about 0.01% from the geodesic within 60 miles, and only sums, products
and one cosine, so the same sum runs in SQL on SQLite and PostgreSQL and in Python). Only
points within a hair of the edge are settled by geopy's geodesic (about 100 microseconds a
call), which also gives every distance people see.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Expression, F, Value
from django.db.models.functions import Cos, Radians
from geopy import units
from geopy.distance import geodesic

MILES_PER_DEGREE_LATITUDE = 69.05
# Relative: points this close to the edge, by the map, get the geodesic.
LOCAL_MAP_TOLERANCE = 0.0005
_WGS84_A_MILES = 6378137.0 / 1609.344
_WGS84_E2 = 0.00669437999014

# One geodesic on WGS-84, reused: a new geopy.distance.geodesic sets up its ellipsoid again
# each time, a third of the cost of a call.
_GEODESIC = geodesic()


def miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Miles along the ellipsoid: the distance people are shown."""
    return units.miles(kilometers=_GEODESIC.measure((lat1, lng1), (lat2, lng2)))


@dataclass(frozen=True)
class Circle:
    """Every point within radius_miles of a centre, with the flat map around that centre:
    miles per degree north, and east at the equator (times the cosine of mid-latitude)."""

    latitude: float
    longitude: float
    radius_miles: float
    miles_per_degree_north: float
    miles_per_degree_east_at_equator: float

    @classmethod
    def around(cls, latitude: float, longitude: float, radius_miles: float) -> Circle:
        sin2 = math.sin(math.radians(latitude)) ** 2
        meridian = _WGS84_A_MILES * (1 - _WGS84_E2) / (1 - _WGS84_E2 * sin2) ** 1.5
        prime_vertical = _WGS84_A_MILES / (1 - _WGS84_E2 * sin2) ** 0.5
        return cls(
            latitude,
            longitude,
            radius_miles,
            math.radians(meridian),
            math.radians(prime_vertical),
        )

    def bounding_box(self) -> tuple[float, float, float, float]:
        """(south, north, west, east) of a box that holds every point inside the circle."""
        margin = 1.01  # the box must never cut off a point the geodesic puts inside
        lat_delta = self.radius_miles * margin / MILES_PER_DEGREE_LATITUDE
        cos_lat = max(math.cos(math.radians(min(abs(self.latitude) + lat_delta, 89.9))), 0.01)
        lng_delta = lat_delta / cos_lat
        return (
            self.latitude - lat_delta,
            self.latitude + lat_delta,
            self.longitude - lng_delta,
            self.longitude + lng_delta,
        )

    @property
    def surely_inside_squared(self) -> float:
        """Squared map miles below which a point is inside, whatever the geodesic says."""
        return (self.radius_miles * (1 - LOCAL_MAP_TOLERANCE)) ** 2

    @property
    def surely_outside_squared(self) -> float:
        """Squared map miles above which a point is outside, whatever the geodesic says."""
        return (self.radius_miles * (1 + LOCAL_MAP_TOLERANCE)) ** 2

    def map_miles_squared(self, latitude: float, longitude: float) -> float:
        north = self.miles_per_degree_north * (latitude - self.latitude)
        east = (
            self.miles_per_degree_east_at_equator
            * math.cos(math.radians((latitude + self.latitude) / 2))
            * (longitude - self.longitude)
        )
        return north * north + east * east

    def map_miles_squared_sql(self, latitude_field: str, longitude_field: str) -> Expression:
        """map_miles_squared as a database expression over two coordinate columns."""
        north = (F(latitude_field) - Value(self.latitude)) * Value(self.miles_per_degree_north)
        east = (
            (F(longitude_field) - Value(self.longitude))
            * Value(self.miles_per_degree_east_at_equator)
            * Cos(Radians((F(latitude_field) + Value(self.latitude)) / Value(2.0)))
        )
        return north * north + east * east

    def contains(
        self, latitude: float, longitude: float, map_miles_squared: float | None = None
    ) -> bool:
        """The rule: the map decides, except within a hair of the edge, where the geodesic
        does. Give map_miles_squared when the database has already worked it out."""
        if map_miles_squared is None:
            map_miles_squared = self.map_miles_squared(latitude, longitude)
        if map_miles_squared <= self.surely_inside_squared:
            return True
        if map_miles_squared > self.surely_outside_squared:
            return False
        return miles(self.latitude, self.longitude, latitude, longitude) <= self.radius_miles
