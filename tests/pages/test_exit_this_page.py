"""'Exit this page' in a real browser: the button, and pressing Shift 3 times on its own.

Shift used with another key (Shift+Tab, a capital letter) must never count, so nobody is
sent away while typing a postcode or moving through the page. The neutral site is answered
by the test itself, so nothing here reaches the internet.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from tests.browser import EXIT_URL_PATTERN, answer_the_neutral_site

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LIST = reverse("services:list")
STATUS = "#exit-this-page-status"
# Enough time for a third press's page change to start, had it been counted.
SETTLE_MS = 500


@pytest.fixture
def site(live_server):
    call_command("loaddata", "fixtures/vocabulary.json", "fixtures/services.json", verbosity=0)
    return live_server.url


def dots(page):
    """How many dots are lit, or None when the indicator is hidden."""
    return page.evaluate(
        """() => {
            const indicator = document.querySelector('.exit-indicator');
            if (!indicator || indicator.hidden || !indicator.getClientRects().length) return null;
            return indicator.querySelectorAll('.exit-indicator__light--on').length;
        }"""
    )


def status(page):
    return page.locator(STATUS).text_content()


def body_hidden(page):
    return page.evaluate("() => document.body.hidden")


def assert_still_here(page, url):
    page.wait_for_timeout(SETTLE_MS)
    assert page.url == url
    assert body_hidden(page) is False


def type_with_shift_for_capitals(page, text):
    """Type as a person does: Shift held down for each capital letter, then let go."""
    for character in text:
        if character.isupper():
            page.keyboard.down("Shift")
            page.keyboard.press(character)
            page.keyboard.up("Shift")
        else:
            page.keyboard.press("Space" if character == " " else character)


# The button


def test_exit_this_page_by_button_replaces_the_page_so_back_does_not_return(site, page):
    answer_the_neutral_site(page)
    page.goto(site + "/")
    page.goto(site + LIST + "?near=Torquay&q=self-harm")
    page.locator(".exit-button").click()
    page.wait_for_url(EXIT_URL_PATTERN)
    page.go_back()
    assert page.url == site + "/"


def test_the_exit_blanks_the_page_before_the_neutral_site_arrives(site, page):
    page.goto(site + "/")
    # Hold the neutral site back, so the page is seen between the click and the arrival.
    page.route(EXIT_URL_PATTERN, lambda route: None)
    hidden = page.evaluate(
        "() => { document.querySelector('.exit-button').click(); return document.body.hidden; }"
    )
    assert hidden is True


# Shift used with another key never counts


def test_shift_tab_three_times_stays_on_the_page(site, page):
    answer_the_neutral_site(page)
    page.goto(site + "/")
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
        assert dots(page) is None
    assert_still_here(page, site + "/")


@pytest.mark.parametrize(
    ("label", "words"), [("Town or postcode", "TQ1 1AA"), ("Search words", "Self Injury Support")]
)
def test_typing_capitals_with_shift_stays_on_the_page_and_keeps_the_words(site, page, label, words):
    answer_the_neutral_site(page)
    page.goto(site + "/")
    field = page.get_by_label(label)
    field.focus()
    type_with_shift_for_capitals(page, words)
    assert_still_here(page, site + "/")
    assert field.input_value() == words
    assert dots(page) is None


def test_a_shift_press_with_tab_pressed_during_it_does_not_count(site, page):
    page.goto(site + "/")
    page.keyboard.press("Shift")
    page.keyboard.down("Shift")
    page.keyboard.press("Tab")
    page.keyboard.up("Shift")
    assert dots(page) is None
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 2 more times to exit."


# Shift pressed on its own


def test_exit_this_page_by_pressing_shift_three_times_with_a_countdown(site, page):
    answer_the_neutral_site(page)
    page.goto(site + "/")
    page.goto(site + LIST + "talkworks-devon/")
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 2 more times to exit."
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 1 more time to exit."
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL_PATTERN)
    page.go_back()
    # Back skips the page that was left, and the page it shows is whole and counts afresh.
    assert page.url == site + "/"
    assert body_hidden(page) is False
    assert dots(page) is None


def test_three_presses_each_within_5_seconds_of_the_last_exit_even_over_10_seconds(site, page):
    answer_the_neutral_site(page)
    page.clock.install()
    page.goto(site + "/")
    # A slow press: Shift held for half a second. The first goes down at 0 s, the last comes
    # up at 10.3 s, and each counted press (Shift let go) is 4.9 s after the one before.
    for press in range(3):
        if press:
            page.clock.run_for(4_400)
        page.keyboard.down("Shift")
        page.clock.run_for(500)
        page.keyboard.up("Shift")
    page.wait_for_url(EXIT_URL_PATTERN)


def test_a_gap_of_over_5_seconds_starts_the_count_again(site, page):
    answer_the_neutral_site(page)
    page.clock.install()
    page.goto(site + "/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert dots(page) == 2
    page.clock.run_for(5_100)
    assert status(page) == "Exit this page expired."
    assert dots(page) is None
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 1 more time to exit."
    assert dots(page) == 2
    assert page.url == site + "/"
    assert body_hidden(page) is False


def test_the_dots_light_one_per_press_and_clear_after_another_key(site, page):
    answer_the_neutral_site(page)
    page.goto(site + "/")
    indicator = page.locator(".exit-indicator")
    assert indicator.get_attribute("aria-hidden") == "true"
    assert page.locator(".exit-indicator__light").count() == 3
    assert dots(page) is None
    page.keyboard.press("Shift")
    assert dots(page) == 1
    page.keyboard.press("Shift")
    assert dots(page) == 2
    page.keyboard.press("a")
    assert dots(page) is None
    assert status(page) == ""
    # The count started again: two more presses do not leave.
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert dots(page) == 2
    assert_still_here(page, site + "/")


# Coming back to a page


def test_coming_back_to_a_page_starts_the_count_again(site, page):
    page.goto(site + "/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.get_by_role("link", name="Words explained").click()
    page.wait_for_url(site + reverse("services:glossary"))
    page.go_back()
    assert page.url == site + "/"
    assert dots(page) is None
    assert status(page) == ""
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 2 more times to exit."


def test_a_page_restored_from_the_back_forward_cache_is_whole_and_counts_afresh(site, page):
    page.goto(site + "/")
    title = page.title()
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    # As a page left by an exit would be, then brought back from the browser's memory.
    page.evaluate(
        """() => {
            document.body.hidden = true;
            document.title = 'Exit this page';
            window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
        }"""
    )
    assert body_hidden(page) is False
    assert page.title() == title
    assert dots(page) is None
    assert status(page) == ""
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 2 more times to exit."


# How the dots look


def contrast(first, second):
    def luminance(rgb):
        channels = [int(part) / 255 for part in rgb.split("(")[1].split(")")[0].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    darker, lighter = sorted([luminance(first), luminance(second)])
    return (lighter + 0.05) / (darker + 0.05)


def test_the_dots_sit_beside_the_button_at_320_wide_with_enough_contrast(site, page, tmp_path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site + LIST + "?near=Torquay")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    look = page.evaluate(
        """() => {
            const box = el => el.getBoundingClientRect();
            const dots = box(document.querySelector('.exit-indicator'));
            const button = box(document.querySelector('.exit-button'));
            const bar = document.querySelector('.exit-this-page');
            const lights = document.querySelectorAll('.exit-indicator__light');
            const [lit, unlit] = [lights[0], lights[2]];
            return {
                beside: dots.right <= button.left && dots.left >= 0,
                sameRow: dots.top >= button.top && dots.bottom <= button.bottom,
                noSideways: document.documentElement.scrollWidth <= 320,
                bar: getComputedStyle(bar).backgroundColor,
                lit: getComputedStyle(lit).backgroundColor,
                unlitEdge: getComputedStyle(unlit).borderTopColor,
                inlineStyles: document.querySelectorAll('[style]').length,
            };
        }"""
    )
    # For a person to look at; taken after the checks, as it adds empty style attributes.
    page.screenshot(path=tmp_path / "two-presses-at-320.png")
    assert look["beside"]
    assert look["sameRow"]
    assert look["noSideways"]
    assert look["inlineStyles"] == 0
    assert contrast(look["lit"], look["bar"]) >= 3
    assert contrast(look["unlitEdge"], look["bar"]) >= 3
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
