"""The client's address, read from the one request.META key settings name, and a stand-in
for it that logs can carry."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address in settings.CLIENT_ADDRESS_HEADER, or None if it holds none.

    Behind a proxy that header can be a list ("client, proxy1, proxy2"). The proxy appends
    the address it saw to whatever list the client sent, so only the right-most entry is the
    proxy's own word; everything to its left may be made up. With more than one proxy, have
    the nearest one write the address it trusts into a header of its own (X-Real-IP) and
    name that header. Nothing else in the request is read: a client can send any header.
    """
    value = request.META.get(settings.CLIENT_ADDRESS_HEADER, "")
    candidate = value.rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        # Missing or not an address: counted as "no address" (lockouts then fall on the
        # username with every other such request) rather than stored as whatever was sent.
        return None


def address_for_logs(address: str | None) -> str:
    """A short keyed hash of the address: lines from one address can be matched up, and the
    address itself cannot be read back without the site's secret key."""
    if not address:
        return "unknown"
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return digest.hexdigest()[:12]
