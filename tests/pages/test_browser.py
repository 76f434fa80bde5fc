"""The site in a real browser: Debian's chromium, driven by Playwright, against a live server.

Nothing here reaches the internet: the neutral site that "Exit this page" opens is answered
by the test itself, and every request the pages make is checked to stay on the test server.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LIST = reverse("services:list")


@pytest.fixture
def site(live_server):
    call_command("loaddata", "fixtures/vocabulary.json", "fixtures/services.json", verbosity=0)
    return live_server.url


PAGES_TO_CHECK = {
    "home": "/",
    "results with none": LIST + "?q=nothing+matches+this+at+all",
    "results with one": LIST + "?q=TALKWORKS",
    "results with many": LIST + "?near=Torquay",
    "service page": LIST + "talkworks-devon/",
    "glossary": reverse("services:glossary"),
    "privacy": reverse("services:privacy"),
    "exit explained": reverse("services:exit_explained"),
    "list": reverse("services:shortlist") + "?s=samaritans-helpline,talkworks-devon",
    "empty list": reverse("services:shortlist"),
    "not found": "/no-such-page/",
}


def test_every_kind_of_page_has_no_accessibility_violations(site, page):
    axe = Axe()
    for name, path in PAGES_TO_CHECK.items():
        page.goto(site + path)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


def test_the_pages_checked_show_what_their_names_say(site, page):
    page.goto(site + LIST + "?q=nothing+matches+this+at+all")
    assert page.get_by_text("No services match all your choices").is_visible()
    page.goto(site + LIST + "?q=TALKWORKS")
    assert page.locator(".card").count() == 1
    page.goto(site + LIST + "?near=Torquay")
    assert page.locator(".card").count() == 20


def test_a_whole_search_journey_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    page.get_by_label("Town or postcode").fill("tq1 1aa")
    page.get_by_text("More choices", exact=True).click()
    page.get_by_label("Age", exact=True).fill("17")
    page.get_by_role("button", name="Find support").first.click()
    assert "near=tq1+1aa" in page.url
    assert page.get_by_text("We only use the first part of your postcode").is_visible()
    page.locator(".card h3 a").first.click()
    assert page.get_by_role("heading", name="Who can use this service").is_visible()
    exit_link = page.locator(".exit-button")
    assert exit_link.get_attribute("rel") == "noreferrer"
    assert exit_link.get_attribute("href") == "https://www.bbc.co.uk/weather"
    context.close()


def test_public_pages_only_talk_to_this_site_and_leave_nothing_behind(site, page, context):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGES_TO_CHECK.values():
        page.goto(site + path)
    page.goto(site + reverse("services:about"))
    assert requested
    assert [url for url in requested if not url.startswith(site + "/")] == []
    assert context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


def test_every_control_on_the_results_page_is_at_least_24_pixels_at_320_wide(site, page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site + LIST + "?near=Torquay&age=17")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # Open the folded choices so their controls are measured too (one at a time: some are
    # inside others).
    folded = page.locator("details:not([open]) > summary")
    while folded.count():
        folded.first.click()
    small = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
            .filter(el => el.getClientRects().length)
            .filter(el => getComputedStyle(el).visibility !== 'hidden')
            .filter(el => !el.classList.contains('skip-link'))
            .map(el => [el.outerHTML.slice(0, 80), el.getBoundingClientRect()])
            .filter(([, box]) => box.width < 24 || box.height < 24)
            .map(([html, box]) => `${html} ${box.width}x${box.height}`)"""
    )
    assert small == []


def test_tabbing_through_the_filters_never_hides_the_focus_under_the_exit_button(site, page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site + LIST + "?near=Torquay")
    page.locator("#change-search > summary").click()
    page.locator("#id_near").focus()
    covered = []
    for _ in range(40):
        page.keyboard.press("Tab")
        overlap = page.evaluate(
            """() => {
                const bar = document.querySelector('.exit-this-page').getBoundingClientRect();
                const box = document.activeElement.getBoundingClientRect();
                return box.top < bar.bottom ? document.activeElement.outerHTML.slice(0, 80) : null;
            }"""
        )
        if overlap:
            covered.append(overlap)
    assert covered == []


def test_a_page_of_20_results_weighs_under_100_kb_with_under_10_kb_of_javascript(site, page):
    sizes = {}

    def measure(response):
        sizes[response.url] = (response.request.resource_type, len(response.body()))

    page.on("response", measure)
    page.goto(site + LIST + "?near=Torquay")
    page.wait_for_load_state("networkidle")
    assert page.locator(".card").count() == 20
    total = sum(size for _, size in sizes.values())
    script = sum(size for kind, size in sizes.values() if kind == "script")
    fonts = [url for url, (kind, _) in sizes.items() if kind == "font"]
    assert total < 100_000, sizes
    assert script < 10_000
    assert fonts == []


def test_the_first_tab_shows_the_exit_link_with_a_visible_focus_style(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement, style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return [el.textContent, style.outlineStyle, style.boxShadow, box.left >= 0];
        }"""
    )
    text, outline, shadow, on_screen = focused
    assert text == "Exit this page"
    assert outline == "solid"
    assert shadow != "none"
    assert on_screen


# Take-away lists (printing them: tests/lists/test_printing.py)


def test_copy_link_copies_the_lists_address(site, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    address = site + reverse("services:shortlist") + "?s=shout-85258"
    page.goto(address)
    page.get_by_role("button", name="Copy link").click()
    # The message is written once the clipboard has the link, a moment after the click.
    expect(page.get_by_text("Link copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address
    context.close()


def test_adding_to_a_list_without_javascript_comes_back_to_the_same_place(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + LIST + "?near=Torquay")
    first = page.locator(".card").first
    name = first.locator("h3").text_content()
    first.get_by_role("link", name=re.compile("to your list")).click()
    assert "s=" in page.url
    page.get_by_role("link", name="See, print or share your list").click()
    assert page.locator(".sheet__service h2").first.text_content() == name
    context.close()
