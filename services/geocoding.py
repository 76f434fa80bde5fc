"""Placing curators' venues on the map: the shipped postcode data first, then an optional
online geocoder for postcodes it does not cover.

Called where a curator saves a venue (the admin) or an import runs, never from a model's
clean() or save(), so nothing reaches the network by surprise. The online geocoder is off
unless GEOCODER_ENABLED is set: the site works offline and tests never call it. Only
curators' venue addresses are ever sent, never anything a reader typed.
"""

from __future__ import annotations

import logging

from django.conf import settings

from services.places import lookup

logger = logging.getLogger("support_finder")


def geocode_online(address: str) -> tuple[float, float] | None:
    if not settings.GEOCODER_ENABLED:
        return None
    from geopy.exc import GeopyError
    from geopy.geocoders import Nominatim

    geocoder = Nominatim(user_agent=settings.GEOCODER_USER_AGENT, timeout=5)
    try:
        location = geocoder.geocode(address, country_codes="gb")
    except GeopyError:
        logger.warning("The online geocoder did not answer for a venue.")
        return None
    return (location.latitude, location.longitude) if location else None


def place_venue(
    address: str, postcode: str, *, look_up: bool = True
) -> tuple[str, tuple[float, float] | None]:
    """The postcode written the usual way ("tq2 5pu" becomes "TQ2 5PU") and, when asked to
    look it up, the venue's coordinates, or None where neither the shipped data nor the
    geocoder knows it."""
    postcode = lookup.normalise_postcode(postcode) or postcode.upper().strip()
    if not postcode or not look_up:
        return postcode, None
    coordinates = lookup.coordinates_for_postcode(postcode)
    if coordinates is None:
        coordinates = geocode_online(f"{address}, {postcode}")
    return postcode, coordinates
