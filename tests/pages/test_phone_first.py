"""Phone first: the answer on the first screen, errors where people are, filters that do
not bury results, titles that say what a page holds, and pages that never scroll sideways
at large text sizes.

Client tests check the HTML; browser tests (Debian's chromium, against a live server with
the curated fixtures) measure what a reader sees at 320 by 640 pixels and at 1280 by 800.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from services.models import Service
from tests.factories import make_service

LIST = reverse("services:list")
HOME = reverse("services:home")
CRISIS_HEADING = "If you need to talk to someone now"
CRISIS_LINKS = ["tel:116123", "sms:85258", "tel:111", "tel:999"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BAD_DATE = "2026-02-30T25:61"
TITLE_DASH = "\N{EN DASH}"


class Page(HTMLParser):
    """What the tests read from a page: ids, headings in order, and where things start."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.headings: list[tuple[int, str]] = []
        self.starts: list[tuple[str, dict]] = []
        self._heading: list | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.starts.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]

    def handle_endtag(self, tag):
        if self._heading and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data


def title_of(html: str) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)).strip()


def h1_of(html: str) -> str:
    return unescape(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL).group(1)).strip()


def summary_links(html: str) -> list[str]:
    summary = re.search(r'<div class="error-summary".*?</ul>', html, re.DOTALL).group(0)
    return re.findall(r'<a href="#([^"]+)">', summary)


def input_named(html: str, name: str) -> str:
    (tag,) = re.findall(rf'<input [^>]*name="{name}"[^>]*>', html)
    return tag


# The crisis contacts: in full on the home page, a strip everywhere else


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "strip"),
    [
        (HOME, False),
        (LIST, True),
        (LIST + "?near=Torquay", True),
        (reverse("services:glossary"), True),
        ("/no-such-page/", True),
    ],
)
def test_the_crisis_contacts_are_a_strip_on_every_page_but_the_home_page(client, url, strip):
    html = client.get(url).content.decode()
    aside = re.search(
        r'<aside class="crisis[^"]*" aria-labelledby="crisis-heading">.*?</aside>', html, re.DOTALL
    ).group(0)
    assert ("crisis--strip" in aside) is strip
    assert re.search(rf'<h2 id="crisis-heading">{CRISIS_HEADING}', aside)
    for link in CRISIS_LINKS:
        assert f'href="{link}"' in aside
    # Straight after the exit controls and the site's header, before the page's own content.
    assert html.index("exit-button") < html.index(aside) < html.index('<main id="main"')


def test_the_pages_for_failures_show_the_crisis_strip():
    from django.template.loader import render_to_string

    for template in ("400.html", "500.html", "503.html"):
        html = render_to_string(template)
        assert 'class="crisis crisis--strip"' in html
        assert CRISIS_HEADING in html
        for link in CRISIS_LINKS:
            assert f'href="{link}"' in html


# Titles and headings


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "title"),
    [
        ({}, "All the support we list"),
        ({"near": "TQ1 1AA"}, "Support near TQ1"),
        ({"open": "now"}, "Support open now"),
        ({"open": "now", "near": "TQ1"}, "Support open now near TQ1"),
        ({"q": "peer support"}, "Search results for “peer support”"),
        ({"q": "peer support", "near": "TQ1"}, "Search results for “peer support” near TQ1"),
        ({"age": "17"}, "Support that fits your choices"),
        ({"near": "zzz"}, "Check your choices: Support you can use from anywhere"),
        ({"age": "abc", "open": "now"}, "Check your choices: Support open now"),
    ],
)
def test_each_results_page_has_a_title_that_says_what_it_holds(client, params, title):
    make_service("A line", available_anywhere=True)
    html = client.get(LIST, params).content.decode()
    assert title_of(html) == f"{title} {TITLE_DASH} Support Finder"
    assert h1_of(html) == title.removeprefix("Check your choices: ")


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"q": "line"}, {"age": "30"}, {"near": "Torquay"}])
def test_results_headings_do_not_sit_under_what_you_searched_for(client, params):
    make_service("A line", available_anywhere=True)
    html = client.get(LIST, params).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    outline = Page(main).headings
    levels = [level for level, _ in outline]
    searched = outline.index((2, "What you searched for"))
    first_result = levels.index(3)
    # The page's h1 first; "What you searched for" holds only the choices; the results have
    # a heading of their own, at its level, before the first result's name.
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert searched < first_result
    assert [level for level, _ in outline[searched + 1 : first_result]] == [2], outline


# Errors where people are


@pytest.mark.django_db
def test_bad_values_get_an_error_summary_above_the_results_linking_to_each_field(client):
    make_service("Still here", available_anywhere=True)
    html = client.get(LIST, {"near": "zzz", "age": "abc", "open_at": BAD_DATE}).content.decode()
    page = Page(html)
    assert html.index('class="error-summary"') < html.index("<h1") < html.index('id="results"')
    assert "There is a problem" in html
    assert 'role="alert"' in html
    # In the order of the form, each pointing at a field that is on the page.
    assert summary_links(html) == ["id_near", "id_age", "id_open_at"]
    assert all(target in page.ids for target in summary_links(html))
    assert "We could not find that place. Try a postcode like TQ1 1AA" in html
    assert "Enter an age in whole years, like 16." in html
    assert "Still here" in html
    # What was typed stays, so it can be corrected.
    assert 'value="zzz"' in input_named(html, "near")
    assert 'value="abc"' in input_named(html, "age")
    # The form with the fields is open, not folded away.
    assert re.search(r'<details class="[^"]*change-search" id="change-search" open>', html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"open": "sometimes"},  # radio buttons: the first of them
        {"kind": "no-such-kind"},  # a list of tick boxes with nothing to show: the group
        {"self_referral": "maybe"},  # one tick box
        {"radius": "7", "near": "Torquay"},  # a select
        {"q": "x" * 300},
        {"near": "Newport"},  # more than one place of that name
        {"open_at": "yesterday"},
    ],
)
def test_every_link_in_the_error_summary_points_at_something_on_the_page(client, params):
    make_service("A line", available_anywhere=True)
    html = client.get(LIST, params).content.decode()
    links = summary_links(html)
    assert links
    assert set(links) <= Page(html).ids


@pytest.mark.django_db
def test_a_radio_group_error_links_to_its_first_button(client):
    html = client.get(LIST, {"open": "sometimes"}).content.decode()
    assert summary_links(html) == ["id_open_0"]
    assert 'id="id_open_0"' in html


@pytest.mark.django_db
def test_a_page_without_errors_has_no_summary_and_folds_the_form(client):
    html = client.get(LIST, {"near": "Torquay"}).content.decode()
    assert "error-summary" not in html
    assert "There is a problem" not in html
    assert re.search(r'<details class="[^"]*change-search" id="change-search">', html)
    assert "<summary>Change your search</summary>" in html
    # "What you searched for" leads to it.
    assert '<a href="#change-search">Change your search</a>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "shown", "message"),
    [
        (
            BAD_DATE,
            "",
            f"We could not read the date {BAD_DATE}. Enter a date and time like 2026-11-23T21:30.",
        ),
        ("yesterday", "", "We could not read the date yesterday."),
        (
            "9" * 100,
            "",
            "We could not read that date. Enter a date and time like 2026-11-23T21:30.",
        ),
        ("2026-11-23T21:30", "2026-11-23T21:30", None),
        # Read as far as the minutes, and shown as a browser can show it.
        ("2026-11-23T21:30:59", "2026-11-23T21:30", None),
        ("2026-11-23T21:3", "2026-11-23T21:03", None),
    ],
)
def test_the_date_field_never_holds_a_value_a_browser_cannot_show(client, typed, shown, message):
    html = client.get(LIST, {"open_at": typed}).content.decode()
    field = input_named(html, "open_at")
    assert 'type="datetime-local"' in field
    assert f'value="{shown}"' in field
    if message:
        assert message in html
        assert f'value="{typed}"' not in html
    else:
        assert "error-summary" not in html


# Filters that do not bury results


@pytest.mark.django_db
def test_the_home_page_asks_for_the_place_first_and_folds_the_other_choices(client):
    make_service("A line", kinds=("helpline",))
    html = client.get(HOME).content.decode()
    form = re.search(r"<form .*?</form>", html, re.DOTALL).group(0)
    first_field = re.search(r'<(?:input|select)[^>]*name="([^"]+)"', form).group(1)
    assert first_field == "near"
    more = re.search(
        r"<details class=\"more-choices more-choices--all\">.*</details>", form, re.DOTALL
    ).group(0)
    assert "<summary>More choices</summary>" in more
    for name in ("radius", "age", "self_referral", "open", "open_at", "kind"):
        assert f'name="{name}"' in more, name
    before_more = form[: form.index(more)]
    assert (
        '<button type="submit" class="button button--before-choices">Find support</button>'
        in before_more
    )


@pytest.mark.django_db
def test_only_show_tick_boxes_come_before_their_labels(client):
    html = client.get(LIST).content.decode()
    for name in ("self_referral", "ongoing_self_harm", "free"):
        assert re.search(
            rf'<input type="checkbox" name="{name}"[^>]*id="id_{name}"[^>]*>'
            rf'\s*<label for="id_{name}">',
            html,
        ), name


@pytest.mark.django_db
def test_what_you_searched_for_folds_away_more_than_two_choices(client):
    make_service("A line", available_anywhere=True)
    two = client.get(LIST, {"age": "17", "free": "yes"}).content.decode()
    assert "searched-for__fold" not in two
    assert "Age: <strong>17</strong>" in two
    four = client.get(
        LIST, {"age": "17", "free": "yes", "open": "now", "q": "line"}
    ).content.decode()
    assert "<summary>See or remove your 4 choices</summary>" in four
    assert "Age: <strong>17</strong>" in four


# In a browser

browser = pytest.mark.browser
live = pytest.mark.django_db(transaction=True)
SMALL = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 800}


@pytest.fixture
def site(live_server):
    call_command("loaddata", "fixtures/vocabulary.json", "fixtures/services.json", verbosity=0)
    return live_server.url


def top_of(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("el => el.getBoundingClientRect().top + scrollY")


SEARCHES = [
    "?near=Torquay",
    "?q=peer+support",
    "?open=out_of_hours",
    "?near=TQ1+1AA&age=17&open=out_of_hours&format=phone",
]


@browser
@live
@pytest.mark.parametrize("query", SEARCHES)
def test_after_a_search_on_a_small_phone_the_first_results_name_is_on_the_first_screen(
    site, page, query
):
    page.set_viewport_size(SMALL)
    page.goto(site + LIST + query)
    name = page.locator(".card h3").first
    box = name.bounding_box()
    # Its first line at least: the top, plus one line of the name, above the fold.
    line = name.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)")
    assert page.evaluate("scrollY") == 0
    assert box["y"] + line <= SMALL["height"], (query, box)


@browser
@live
def test_the_home_pages_find_support_button_is_on_a_small_phones_first_screen(site, page):
    page.set_viewport_size(SMALL)
    page.goto(site + HOME)
    button = page.get_by_role("button", name="Find support")
    assert button.count() == 1
    box = button.bounding_box()
    assert box["y"] + box["height"] <= SMALL["height"]
    # Opening "More choices" shows one button, at the end of them.
    page.get_by_text("More choices", exact=True).click()
    assert page.get_by_role("button", name="Find support").count() == 1
    assert top_of(page, ".more-choices--all .button") > top_of(page, "#id_age")


@browser
@live
def test_on_a_desk_the_crisis_strip_is_one_line(site, page):
    page.set_viewport_size(WIDE)
    page.goto(site + LIST + "?near=Torquay")
    tops = page.locator(".crisis--strip h2, .crisis--strip li").evaluate_all(
        "els => els.map(el => Math.round(el.getBoundingClientRect().top))"
    )
    assert len(tops) == 5
    assert max(tops) - min(tops) < 8, tops


@browser
@live
def test_tick_boxes_show_before_their_labels(site, page):
    page.goto(site + LIST)
    page.locator("#change-search > summary").click()
    for name in ("self_referral", "ongoing_self_harm", "free"):
        box = page.locator(f"#id_{name}").bounding_box()
        label = page.locator(f'label[for="id_{name}"]').bounding_box()
        assert box["x"] + box["width"] <= label["x"], name


@browser
@live
def test_the_error_summary_has_focus_and_its_links_reach_visible_fields(site, page):
    page.set_viewport_size(SMALL)
    page.goto(site + LIST + f"?near=zzz&age=abc&open_at={BAD_DATE}&open=sometimes")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert page.title().startswith("Check your choices: ")
    targets = page.locator(".error-summary a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert targets == ["#id_near", "#id_age", "#id_open_0", "#id_open_at"]
    for target in targets:
        assert page.locator(target).is_visible(), target
    page.locator(".error-summary a", has_text="Enter an age").click()
    assert page.url.endswith("#id_age")
    assert page.locator("#id_age").input_value() == "abc"
    assert page.locator("#id_open_at").input_value() == ""
    assert page.get_by_text(f"We could not read the date {BAD_DATE}.").first.is_visible()


@browser
@live
def test_changing_a_search_and_fixing_an_error_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport=SMALL)
    page = context.new_page()
    page.goto(site + LIST + "?near=Torquay")
    assert not page.locator("#id_age").is_visible()
    page.get_by_role("link", name="Change your search").click()
    page.locator("#change-search > summary").click()
    page.locator("#id_age").fill("abc")
    page.locator("#change-search").get_by_role("button", name="Find support").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    page.get_by_role("link", name="Enter an age in whole years, like 16.").click()
    assert page.locator("#id_age").is_visible()
    page.locator("#id_age").fill("17")
    page.locator("#change-search").get_by_role("button", name="Find support").click()
    assert page.locator(".error-summary").count() == 0
    assert "age=17" in page.url
    assert page.locator(".card").count() > 0
    context.close()


NEW_STATES = {
    "error summary": LIST + f"?near=zzz&age=abc&open_at={BAD_DATE}&open=sometimes",
    "a place with more than one match": LIST + "?near=Newport",
    "folded filters": LIST + "?near=Torquay",
    "four choices": LIST + "?near=TQ1+1AA&age=17&open=out_of_hours&format=phone",
    "not found": "/no-such-page/",
}


@browser
@live
@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["320", "1280"])
def test_the_new_states_have_no_accessibility_violations(site, page, size):
    axe = Axe()
    page.set_viewport_size(size)
    for name, path in {"home": HOME, **NEW_STATES}.items():
        page.goto(site + path)
        # The error summary takes focus as the page loads, which scrolls a small screen when
        # it holds many messages; axe's target-size rule then counts the header's links as
        # under the sticky exit bar, as on any page scrolled by hand. Checked from the top,
        # as every other page is.
        page.evaluate("window.scrollTo(0, 0)")
        for state in ("as loaded", "unfolded"):
            if state == "unfolded":
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            assert results.violations_count == 0, f"{name}, {state}:\n{results.generate_report()}"


# Large text: Chrome's own text size setting at 200%, on a 390px phone.
#
# Page.setFontSizes (Chrome DevTools Protocol) sets the browser's default font size, which is
# what a reader changes in Chrome's settings: rem, em and em-based media queries all follow
# it. Injecting html{font-size:200%} would scale rem but not media queries, so it would test
# a page no reader sees. (Zoom is a different setting: it makes the viewport narrower, which
# the 320px tests already cover.)

LARGE_TEXT = {"standard": 32, "fixed": 26}  # Chrome's defaults are 16 and 13


@pytest.fixture
def large_text_page(page):
    page.set_viewport_size({"width": 390, "height": 844})
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": LARGE_TEXT})
    return page


def sideways(page) -> list[str]:
    """The elements that reach past the right edge, with every folded part opened."""
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    return page.evaluate(
        """() => {
            const edge = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= window.innerWidth) return [];
            return [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > edge + 0.5)
                .map(el => `${el.tagName}.${el.className} ${el.textContent.trim().slice(0, 30)}`)
                .slice(0, 5);
        }"""
    )


@browser
@live
def test_at_200_percent_text_no_page_scrolls_sideways(site, large_text_page):
    page = large_text_page
    page.goto(site + HOME)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"
    slugs = Service.objects.published().order_by("slug").values_list("slug", flat=True)
    paths = [
        HOME,
        *NEW_STATES.values(),
        LIST,
        LIST + "?q=nothing+matches+this+at+all",
        reverse("services:glossary"),
        reverse("services:privacy"),
        reverse("services:about"),
        reverse("services:exit_explained"),
        reverse("services:shortlist"),
        reverse("services:shortlist") + "?s=samaritans-helpline,talkworks-devon,shout-85258",
        *(reverse("services:detail", args=[slug]) for slug in slugs),
    ]
    assert len(slugs) > 40
    wide = {}
    for path in paths:
        page.goto(site + path)
        if found := sideways(page):
            wide[path] = found
    assert wide == {}


@browser
@live
def test_at_200_percent_text_opening_hours_stack_and_stay_a_table(site, large_text_page):
    page = large_text_page
    page.goto(site + reverse("services:detail", args=["calm-helpline"]))
    table = page.locator(".hours-table")
    day = table.locator("th").first.bounding_box()
    times = table.locator("td").first.bounding_box()
    assert times["y"] >= day["y"] + day["height"] - 1  # the times sit under the day
    snapshot = table.aria_snapshot()
    assert "- rowheader" in snapshot
    assert "- cell" in snapshot
