"""Safe to use: quick exit, no cookies, no caching of searches, strict headers, no logging of
what people look for, and crisis contacts even when the database is down."""

import logging
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import make_service

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
CRISIS_HEADING = "If you need to talk to someone now"


@pytest.fixture
def public_urls():
    service = make_service("Evening group", slots=((0, "18:00", "22:00"),))
    return [
        reverse("services:home"),
        reverse("services:list"),
        reverse("services:list") + "?near=Torquay&age=17&open=now",
        reverse("services:list") + "?near=zzz&q=%3Cscript%3E",
        service.get_absolute_url(),
        reverse("services:glossary"),
        reverse("services:about"),
        reverse("services:privacy"),
        reverse("services:exit_explained"),
    ]


class Resources(HTMLParser):
    """Collects what a page would load and any inline code or styles."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []
        self.inline_scripts = 0
        self.style_attributes = 0
        self.style_elements = 0
        self.focusable: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.style_attributes += 1
        if tag == "style":
            self.style_elements += 1
        if tag == "script":
            if attributes.get("src"):
                self.loaded.append(attributes["src"])
            else:
                self.inline_scripts += 1
        if tag in {"img", "iframe", "audio", "video", "source", "embed"} and attributes.get("src"):
            self.loaded.append(attributes["src"])
        if tag == "link" and attributes.get("href"):
            self.loaded.append(attributes["href"])
        if tag in {"a", "button", "input", "select", "summary", "textarea"}:
            self.focusable.append({"tag": tag, **attributes})


def parsed(html: str) -> Resources:
    resources = Resources()
    resources.feed(html)
    return resources


def test_public_pages_set_no_cookies_and_send_strict_headers(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        policy = response["Content-Security-Policy"]
        for directive in (
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ):
            assert directive in policy
        assert "unsafe" not in policy


def test_pages_load_nothing_from_other_sites_and_have_no_inline_code(client, public_urls):
    for url in public_urls:
        page = parsed(client.get(url).content.decode())
        assert page.loaded, url
        for resource in page.loaded:
            assert resource.startswith("/"), resource
            assert not resource.startswith("//"), resource
        assert page.inline_scripts == 0, url
        assert page.style_attributes == 0, url
        assert page.style_elements == 0, url


def test_search_results_and_service_pages_are_never_stored_in_a_cache(client, public_urls):
    for url in public_urls:
        if url.startswith("/services/"):
            assert "no-store" in client.get(url)["Cache-Control"], url


def test_every_page_starts_with_a_way_out_and_shows_the_crisis_contacts(
    client, public_urls, settings
):
    settings.QUICK_EXIT_URL = "https://neutral.example/"
    for url in [*public_urls, "/no-such-page/"]:
        html = client.get(url).content.decode()
        first = parsed(html).focusable[0]
        assert first["href"] == "https://neutral.example/"
        assert first["rel"] == "noreferrer"
        assert 'class="exit-button" data-exit-this-page>Exit this page</a>' in html
        assert html.count("https://neutral.example/") >= 2
        assert CRISIS_HEADING in html
        assert "tel:116123" in html
        assert "/static/js/exit-this-page.js" in html


def test_the_footer_links_to_the_privacy_and_exit_explanations(client):
    html = client.get(reverse("services:home")).content.decode()
    assert f'href="{reverse("services:privacy")}"' in html
    assert f'href="{reverse("services:exit_explained")}"' in html
    exit_page = client.get(reverse("services:exit_explained")).content.decode()
    assert "does not clear your browser history" in exit_page
    assert "private window" in exit_page
    privacy = client.get(reverse("services:privacy")).content.decode()
    assert "We do not write down what you search for" in privacy


def test_nothing_logs_the_search_or_the_reader(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.get(reverse("services:list"), {"near": "TQ2 5PU", "q": "secretword"})
    client.get("/services/no-such-service/", {"q": "secretword"})
    client.get(reverse("services:list"), {"age": "secretword"})
    for record in caplog.records:
        message = record.getMessage()
        assert "secretword" not in message
        assert "TQ2" not in message
        assert "127.0.0.1" not in message


def test_the_javascript_is_small_and_only_adds_to_working_links():
    script = (ROOT / "static" / "js" / "exit-this-page.js").read_text()
    assert len(script.encode()) < 10_000
    assert "location.replace" in script
    assert "data-exit-this-page" in script


UNAVAILABLE_CHECK = """
import django, os
from django.test import Client
django.setup()
client = Client()
for url in {urls!r}:
    response = client.get(url)
    html = response.content.decode()
    print(url, response.status_code, {heading!r} in html, "back soon" in html,
          response.get("Retry-After"), bool(response.cookies))
"""


def test_with_the_database_down_every_public_page_answers_503_with_crisis_contacts(
    public_urls, tmp_path
):
    # A real refusal: nothing listens on port 9 (discard), so connecting fails at once.
    # SQLite gets a path it cannot open. Each runs in a fresh process, as the site would.
    for database_url in (
        "postgres://postgres@127.0.0.1:9/support_finder",
        f"sqlite:///{tmp_path}/missing/folder/db.sqlite3",
    ):
        environment = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECURE_SSL_REDIRECT": "0",
        }
        script = UNAVAILABLE_CHECK.format(urls=public_urls, heading=CRISIS_HEADING)
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        lines = result.stdout.strip().splitlines()
        assert len(lines) == len(public_urls)
        for line in lines:
            assert re.fullmatch(r"\S+ 503 True True 300 False", line), line
        # The failure is logged by kind only: no address, no query string.
        assert "near=" not in result.stderr
        assert "OperationalError" in result.stderr
