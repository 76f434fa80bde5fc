"""The take-away sheet on paper: what a liaison nurse prints for someone leaving A&E.

Lists of up to 5 services fit one A4 page and lists of up to 12 fit two, with the crisis
contacts on page 1 and nothing smaller than 11pt; a service page fits two. The browser tests
print with Debian's chromium (Playwright) and count pages with pypdf.
"""

import io
import random
import unicodedata
from datetime import UTC, datetime, time

import pytest
import zxingcpp
from django.core.management import call_command
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from services import hours
from services.lists.views import week_in_brief
from services.models import Service
from tests.factories import make_service

LIST_PAGE = reverse("services:shortlist")
# 11pt in CSS pixels (96 to the inch, 72 points to the inch), less a rounding margin.
ELEVEN_POINTS = 11 * 96 / 72 - 0.01
# An A4 page less its 10mm margins (site.css, @page), in CSS pixels: a screen this size lays
# the sheet out as the page does.
A4_LESS_MARGINS = {"width": 718, "height": 1047}


# The week ahead in one line (on paper only)

TUESDAY_1_DECEMBER = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
MONDAY_30_NOVEMBER = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def weekly(*slots: tuple[int, str, str]) -> hours.Schedule:
    return hours.Schedule(
        slots=tuple(
            hours.Slot(day, time.fromisoformat(opens), time.fromisoformat(closes))
            for day, opens, closes in slots
        )
    )


EVERY_EVENING = tuple((day, "18:00", "22:00") for day in range(7))
WEEKDAYS_AND_WEEKEND_EVENINGS = (
    *((day, "12:00", "22:00") for day in range(5)),
    (5, "18:00", "22:00"),
    (6, "18:00", "22:00"),
)


@pytest.mark.parametrize(
    ("slots", "moment", "said"),
    [
        (EVERY_EVENING, TUESDAY_1_DECEMBER, "Tuesday 1 to Monday 7 December: 18:00 to 22:00"),
        (
            WEEKDAYS_AND_WEEKEND_EVENINGS,
            TUESDAY_1_DECEMBER,
            "Tuesday 1 to Friday 4 December: 12:00 to 22:00; "
            "Saturday 5 and Sunday 6 December: 18:00 to 22:00; "
            "Monday 7 December: 12:00 to 22:00",
        ),
        (
            EVERY_EVENING,
            MONDAY_30_NOVEMBER,
            "Monday 30 November to Sunday 6 December: 18:00 to 22:00",
        ),
        (
            ((0, "10:00", "12:00"), (1, "10:00", "12:00")),
            MONDAY_30_NOVEMBER,
            "Monday 30 November and Tuesday 1 December: 10:00 to 12:00",
        ),
        # The same times on days that are not next to each other stay apart.
        (
            ((1, "19:00", "21:00"), (3, "19:00", "21:00")),
            TUESDAY_1_DECEMBER,
            "Tuesday 1 December: 19:00 to 21:00; Thursday 3 December: 19:00 to 21:00",
        ),
        (
            ((6, "22:00", "02:00"), (6, "10:00", "12:00")),
            TUESDAY_1_DECEMBER,
            "Sunday 6 December: 10:00 to 12:00, 22:00 to 02:00 (next day)",
        ),
        ((), TUESDAY_1_DECEMBER, ""),
    ],
)
def test_the_week_ahead_on_paper_runs_days_with_the_same_times_together(slots, moment, said):
    assert week_in_brief(weekly(*slots), moment) == said


@pytest.mark.django_db
def test_the_list_offers_a_print_button_only_when_there_is_something_to_print(client):
    make_service("Night group", slug="night-group")
    html = client.get(LIST_PAGE, {"s": "night-group"}).content.decode()
    assert '<button type="button" class="button" data-print hidden>Print this list</button>' in html
    assert "js/print-list" in html
    assert "data-print" not in client.get(LIST_PAGE).content.decode()


@pytest.mark.django_db
def test_the_list_says_whether_you_can_refer_yourself_once(client):
    make_service("Walk in", slug="walk-in", self_referral=True, min_age=18)
    html = client.get(LIST_PAGE, {"s": "walk-in"}).content.decode()
    assert "Yes, you can refer yourself." in html
    assert '<p class="card__facts">Ages 18+</p>' in html


# In the browser


@pytest.fixture
def site(live_server):
    call_command("loaddata", "fixtures/vocabulary.json", "fixtures/services.json", verbosity=0)
    return live_server.url


def published_slugs() -> list[str]:
    return sorted(Service.objects.published().values_list("slug", flat=True))


def random_lists(size: int, count: int, seed: int) -> list[list[str]]:
    slugs = published_slugs()
    chooser = random.Random(seed)
    return [chooser.sample(slugs, size) for _ in range(count)]


def printed(page, url: str) -> PdfReader:
    page.goto(url)
    return PdfReader(io.BytesIO(page.pdf(format="A4")))


def text_of(pdf_page) -> str:
    """A printed page's words on one line: lines joined, no-break spaces as spaces, and
    ligatures ("ﬁ") as their letters."""
    return " ".join(unicodedata.normalize("NFKC", pdf_page.extract_text()).split())


def list_url(site: str, slugs: list[str]) -> str:
    return f"{site}{LIST_PAGE}?s={','.join(slugs)}"


@pytest.mark.django_db(transaction=True)
@pytest.mark.browser
def test_sixty_random_lists_of_five_each_print_on_one_a4_page_with_the_crisis_contacts(site, page):
    pages = {}
    for slugs in random_lists(5, 60, seed=17):
        pdf = printed(page, list_url(site, slugs))
        pages[",".join(slugs)] = len(pdf.pages)
        first = text_of(pdf.pages[0])
        assert "116 123" in first
        assert "85258" in first
    assert {slugs: count for slugs, count in pages.items() if count > 1} == {}


# The height of a list's one service, laid out for paper in a column of an A4 page.
ENTRY_HEIGHT = "document.querySelector('.sheet__service').getBoundingClientRect().height"


def tallest_on_paper(page, site: str, count: int) -> list[str]:
    """The published services whose entries take the most room on a printed list, tallest
    first (ties by slug, so the same fixtures always give the same list)."""
    page.set_viewport_size(A4_LESS_MARGINS)
    page.emulate_media(media="print")
    heights = {}
    for slug in published_slugs():
        page.goto(list_url(site, [slug]))
        heights[slug] = page.evaluate(ENTRY_HEIGHT)
    page.emulate_media(media=None)
    return sorted(heights, key=lambda slug: (-heights[slug], slug))[:count]


@pytest.mark.django_db(transaction=True)
@pytest.mark.browser
def test_the_five_longest_services_print_on_one_page_with_the_crisis_contacts(site, page):
    five = tallest_on_paper(page, site, 5)
    pdf = printed(page, list_url(site, five))
    assert len(pdf.pages) == 1, five
    first = text_of(pdf.pages[0])
    assert "116 123" in first
    assert "85258" in first
    for service in Service.objects.filter(slug__in=five):
        assert service.name in first


@pytest.mark.django_db(transaction=True)
@pytest.mark.browser
def test_the_twelve_longest_services_print_on_two_pages(site, page):
    twelve = tallest_on_paper(page, site, 12)
    pdf = printed(page, list_url(site, twelve))
    assert len(pdf.pages) <= 2, twelve
    assert "116 123" in text_of(pdf.pages[0])
    text = " ".join(text_of(pdf_page) for pdf_page in pdf.pages)
    for service in Service.objects.filter(slug__in=twelve):
        assert service.name in text


@pytest.mark.django_db(transaction=True)
@pytest.mark.browser
def test_random_lists_of_twelve_print_on_two_pages_at_most_and_leave_nothing_out(site, page):
    services = {service.slug: service for service in Service.objects.published()}
    for slugs in random_lists(12, 10, seed=12):
        pdf = printed(page, list_url(site, slugs))
        assert len(pdf.pages) <= 2, slugs
        first = text_of(pdf.pages[0])
        assert "116 123" in first
        assert "85258" in first
        text = " ".join(text_of(pdf_page) for pdf_page in pdf.pages)
        for slug in slugs:
            service = services[slug]
            assert service.name in text
            # Things to know are printed in full, never cut short.
            if service.status_note:
                assert " ".join(service.status_note.split()) in text, slug
        for part in ("List made on", "Keep this list", "Notes", "Can you contact them yourself?"):
            assert part in text


# Each element of the sheet that is drawn and holds text of its own, with its size if that
# is under the given number of CSS pixels.
TEXT_SMALLER_THAN = """(smallest) => [...document.querySelectorAll('.sheet, .sheet *')]
    .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .filter(el => el.getClientRects().length && !el.closest('.visually-hidden'))
    .map(el => [parseFloat(getComputedStyle(el).fontSize), el.textContent.trim()])
    .filter(([size]) => size < smallest)
    .map(([size, text]) => `${size}px: ${text.slice(0, 40)}`)"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.browser
def test_nothing_on_the_printed_sheet_is_smaller_than_11pt(site, page):
    # Every published service, twelve at a time, at the width of an A4 page less margins.
    page.set_viewport_size(A4_LESS_MARGINS)
    page.emulate_media(media="print")
    slugs = published_slugs()
    too_small = []
    for start in range(0, len(slugs), 12):
        page.goto(list_url(site, slugs[start : start + 12]))
        too_small += page.evaluate(TEXT_SMALLER_THAN, ELEVEN_POINTS)
    assert too_small == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.browser
def test_every_service_page_prints_on_two_pages_at_most(site, page):
    pages = {}
    for service in Service.objects.published():
        pages[service.slug] = len(printed(page, site + service.get_absolute_url()).pages)
    assert {slug: count for slug, count in pages.items() if count > 2} == {}


@pytest.mark.django_db(transaction=True)
@pytest.mark.browser
def test_the_printed_qr_code_reads_back_as_the_lists_address(site, browser):
    # The longest address a list can have (12 services), at its printed size, pictured at
    # 384 dots to the inch: about what a phone's camera sees of it.
    context = browser.new_context(device_scale_factor=4)
    page = context.new_page()
    address = list_url(site, random_lists(12, 1, seed=1)[0])
    page.goto(address)
    page.emulate_media(media="print")
    picture = Image.open(io.BytesIO(page.locator(".sheet__qr svg").screenshot(scale="device")))
    (code,) = zxingcpp.read_barcodes(picture)
    assert code.text == address
    context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.browser
def test_the_print_button_prints_and_is_hidden_without_javascript_and_on_paper(site, browser):
    address = list_url(site, ["shout-85258"])
    context = browser.new_context()
    page = context.new_page()
    # Stands in for the browser's print dialogue, and counts how often it was asked for.
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(address)
    button = page.get_by_role("button", name="Print this list")
    button.click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    expect(button).to_be_hidden()
    context.close()

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(address)
    expect(page.locator("[data-print]")).to_be_hidden()
    context.close()
