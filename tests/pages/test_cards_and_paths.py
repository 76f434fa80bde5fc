"""Phone first: cards that say whether you can contact a service now, short keyboard paths to
the list, and the small things people notice (an icon, compressed pages).

The browser tests drive Debian's chromium against a live server with the curated fixtures,
on a small phone (320 by 640) and a desk screen (1280 by 800).
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from whitenoise.middleware import WhiteNoiseMiddleware

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RESULTS = reverse("services:list")
LIST_PAGE = reverse("services:shortlist")
NEAR_TORQUAY = RESULTS + "?near=Torquay"
PHONE = {"width": 320, "height": 640}
DESK = {"width": 1280, "height": 800}
SCREENS = [pytest.param(PHONE, id="phone"), pytest.param(DESK, id="desk")]
# Every form of the open-state badge (services/hours.py, opening_status).
BADGE = re.compile(
    r"Open now until (midnight|\d\d:\d\d( tomorrow)?)"
    r"|Opens (today|tomorrow|next \w+day|\w+day) at \d\d:\d\d"
    r"|Open 24 hours|Any time|Hours not checked"
)


def in_a_browser(test):
    """A browser test: its live server needs committed data, so each test gets a database
    of its own."""
    return pytest.mark.browser(pytest.mark.django_db(transaction=True)(test))


@pytest.fixture
def site(live_server):
    call_command("loaddata", "fixtures/vocabulary.json", "fixtures/services.json", verbosity=0)
    return live_server.url


def add_to_the_list_by_keyboard(page, card) -> None:
    """Tab to a card's "Add to your list" and press Enter, as a keyboard user would."""
    card.get_by_role("link", name=re.compile("to your list")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def focused_text(page) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


# What each card says


@in_a_browser
@pytest.mark.parametrize("screen", SCREENS)
def test_each_card_says_if_it_is_open_under_its_name_then_phone_and_text_first(site, page, screen):
    page.set_viewport_size(screen)
    page.goto(site + NEAR_TORQUAY)
    cards = page.evaluate(
        """() => [...document.querySelectorAll('.card')].map(card => {
            const name = card.querySelector('h3').getBoundingClientRect();
            const now = card.querySelector('h3 + .card__now');
            const badge = now && now.querySelector('.card__hours');
            const contacts = [...card.querySelectorAll('.card__contacts > li')].map(li => {
                const link = li.querySelector('a');
                const href = link ? link.getAttribute('href') : '';
                const rank = href.startsWith('tel:') ? 0 : href.startsWith('sms:') ? 1 : 2;
                return [li.querySelector('.for-professionals') ? 1 : 0, rank];
            });
            const first = card.querySelector('.card__contacts');
            return {
                id: card.id,
                badge: badge ? badge.textContent.trim() : null,
                badgeGap: badge ? badge.getBoundingClientRect().top - name.bottom : null,
                contacts,
                contactsBelowBadge: !first || !badge ||
                    first.getBoundingClientRect().top >= badge.getBoundingClientRect().bottom,
                summaryAfterContacts: !first || !!(first.compareDocumentPosition(
                    card.querySelector('.card__summary')) & Node.DOCUMENT_POSITION_FOLLOWING),
            };
        })"""
    )
    assert len(cards) == 20
    for card in cards:
        assert card["badge"], card
        assert BADGE.fullmatch(card["badge"]), card
        assert 0 <= card["badgeGap"] < 16, card  # right under the name
        assert card["contactsBelowBadge"], card
        assert card["summaryAfterContacts"], card
        assert len(card["contacts"]) <= 3, card
        # The reader's own lines first; among them calling, then texting, then the rest.
        assert card["contacts"] == sorted(card["contacts"]), card
    # The distance, where there is one, is beside the badge.
    first = page.locator(".card").first
    assert first.locator(".card__now .card__distance").text_content() == "Less than 0.1 miles away"


@in_a_browser
@pytest.mark.parametrize("screen", SCREENS)
def test_call_and_text_buttons_are_at_least_44_pixels_tall_and_fit_the_screen(site, page, screen):
    page.set_viewport_size(screen)
    for address in (NEAR_TORQUAY, RESULTS + "childline/", LIST_PAGE + "?s=shout-85258,childline"):
        page.goto(site + address)
        buttons = page.locator("a.contact-button")
        assert buttons.count() > 0, address
        for button in buttons.all():
            href = button.get_attribute("href")
            assert href.startswith(("tel:", "sms:")), href
            box = button.bounding_box()
            assert box["height"] >= 44, (address, href, box)
            assert box["width"] >= 44, (address, href, box)
            assert box["x"] >= 0, (address, href)
            assert box["x"] + box["width"] <= screen["width"], (address, href)
        assert page.evaluate("document.documentElement.scrollWidth") <= screen["width"]
        # Every phone or text number on these pages is a button (the crisis contacts aside).
        plain = page.locator(
            "main a[href^='tel:']:not(.contact-button), main a[href^='sms:']:not(.contact-button)"
        )
        outside_crisis = plain.evaluate_all("links => links.filter(a => !a.closest('.crisis'))")
        assert outside_crisis == [], address


@in_a_browser
def test_childline_and_nhs_111_say_what_a_caller_needs_to_know(site, page):
    page.goto(site + RESULTS + "?q=Childline")
    childline = page.locator("#service-childline .card__contacts li").first
    assert "0800 1111" in childline.text_content()
    assert "does not show up on phone bills" in childline.text_content()
    page.goto(site + RESULTS + "nhs-111-mental-health-option/")
    assert "Call 111 and choose option 2" in page.locator(".contacts").text_content()


# Shorter keyboard paths


@in_a_browser
@pytest.mark.parametrize("screen", SCREENS)
def test_after_adding_a_service_the_list_is_a_few_tabs_away_beside_that_card(site, browser, screen):
    context = browser.new_context(java_script_enabled=False, viewport=screen)
    page = context.new_page()
    page.goto(site + NEAR_TORQUAY + "&s=samaritans-helpline")
    card = page.locator("#service-childline")
    add_to_the_list_by_keyboard(page, card)
    assert page.url.endswith("#service-childline")
    card = page.locator("#service-childline")
    toggle = card.locator(".list-toggle")
    assert toggle.locator(".list-toggle__on").text_content() == "On your list"
    see = toggle.get_by_role("link", name=re.compile(r"^See your list\s\(2 services\s?\)$"))
    assert see.get_attribute("href") == LIST_PAGE + "?s=samaritans-helpline,childline"
    assert toggle.is_visible()
    # Coming back to the card, Tab goes through its name and contacts, then to the list.
    links_before = card.locator("h3 a, .card__contacts a").count()
    for _ in range(links_before + 1):
        page.keyboard.press("Tab")
    assert focused_text(page).startswith("See your list")
    # And the list link is one Tab from "Remove", the other way.
    page.keyboard.press("Tab")
    assert focused_text(page) == "Remove Childline from your list"
    page.keyboard.press("Shift+Tab")
    assert focused_text(page).startswith("See your list")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".sheet__service h2").all_text_contents() == [
        "Samaritans helpline",
        "Childline",
    ]
    context.close()


# Small things people notice


@in_a_browser
def test_the_icon_answers_at_favicon_ico_and_pages_link_it(site, page):
    response = page.goto(site + "/favicon.ico")
    assert response.status == 200
    assert response.header_value("content-type") in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert response.request.redirected_from.url == site + "/favicon.ico"
    page.goto(site + "/")
    for icon in page.locator("link[rel=icon]").all():
        assert page.request.get(site + icon.get_attribute("href")).status == 200
    assert page.locator("link[rel=icon][type='image/svg+xml']").count() == 1


@in_a_browser
def test_pages_reach_the_browser_gzipped(site, page):
    for address in (NEAR_TORQUAY, LIST_PAGE + "?s=childline", "/"):
        response = page.goto(site + address)
        assert response.all_headers()["content-encoding"] == "gzip", address


@in_a_browser
@pytest.mark.parametrize("screen", SCREENS)
def test_results_with_a_list_and_the_list_page_have_no_accessibility_violations(site, page, screen):
    page.set_viewport_size(screen)
    axe = Axe()
    for address in (
        NEAR_TORQUAY + "&s=childline,dpt-first-response-service",
        RESULTS + "?q=Childline&s=childline",
        LIST_PAGE + "?s=childline,shout-85258,dpt-first-response-service",
    ):
        page.goto(site + address)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"{address}:\n{results.generate_report()}"
        # Two crisis boxes on one page must have different names (landmark-unique).
        unique = axe.run(page, options={"runOnly": {"type": "rule", "values": ["landmark-unique"]}})
        assert unique.violations_count == 0, f"{address}:\n{unique.generate_report()}"


# Without a browser: compression and the icon


@pytest.mark.django_db
def test_public_pages_are_gzipped_and_the_admin_is_not(client):
    page = client.get(RESULTS, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert page["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in page["Vary"]
    admin = client.get(reverse("admin:login"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert admin.status_code == 200
    assert not admin.has_header("Content-Encoding")


@pytest.mark.django_db
def test_favicon_ico_is_a_permanent_redirect_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.ico"
    assert not response.cookies


def test_collectstatic_writes_brotli_files_that_whitenoise_sends_to_browsers_that_ask(tmp_path):
    manifest = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=manifest, WHITENOISE_USE_FINDERS=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        stylesheet = staticfiles_storage.url("css/site.css")
        assert (tmp_path / stylesheet.removeprefix("/static/")).with_suffix(".css.br").exists()
        assert (tmp_path / "favicon.svg.br").exists()
        serve = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
        asked = RequestFactory().get(stylesheet, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        response = serve(asked)
        assert response.status_code == 200
        assert response["Content-Encoding"] == "br"
        assert "immutable" in response["Cache-Control"]
        plain = serve(RequestFactory().get(stylesheet))
        assert not plain.has_header("Content-Encoding")
        # The unversioned icon that /favicon.ico redirects to is served too.
        assert serve(RequestFactory().get("/static/favicon.ico")).status_code == 200
