"""An optional online geocoder for venues the shipped postcode data does not cover.

Off unless GEOCODER_ENABLED is set: the site works offline and tests never call it. Only
curators' venue addresses are ever sent, never anything a reader typed.
"""

from __future__ import annotations

import logging

from django.conf import settings

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
