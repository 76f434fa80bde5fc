"""Helpers for the browser tests: Debian's chromium, started the way this machine needs."""

from __future__ import annotations

import re

# Flags for a sandboxed machine with no network: without the background-networking ones
# chromium keeps trying to reach Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EXIT_URL_PATTERN = re.compile(r"^https://www\.bbc\.co\.uk/weather")
NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"


def answer_the_neutral_site(page) -> None:
    """Stand in for BBC Weather, so the exit can be followed without the internet."""
    page.route(
        EXIT_URL_PATTERN,
        lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE),
    )
