"""Suggest a change in a real browser (Debian's chromium) on a 320-pixel screen: reached from
the service page, no accessibility violations with or without problems, sent with the
headers a real browser adds (so the same-origin check lets it through), and no cookie."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from services.curation.models import Suggestion
from tests.factories import make_service

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 320, "height": 640}


def no_violations(axe: Axe, page, name: str) -> None:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_reader_suggests_a_change_on_a_small_phone_without_javascript(live_server, browser):
    service = make_service("Evening group", slug="evening-group")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    axe_page = browser.new_page(viewport=PHONE)  # axe needs JavaScript; the reader does not
    axe = Axe()

    page.goto(live_server.url + service.get_absolute_url())
    page.get_by_role("link", name="Something wrong or out of date? Tell us").click()
    assert page.get_by_role("heading", name="Suggest a change").is_visible()
    assert fits_the_screen(page)
    axe_page.goto(page.url)
    no_violations(axe, axe_page, "the form")

    # Sent with nothing filled in: the problems are listed, each linked to its field.
    page.get_by_role("button", name="Send").click()
    assert page.get_by_text("There is a problem").is_visible()
    page.get_by_role("link", name="Tell us what is wrong").click()
    assert page.evaluate("document.activeElement.id") == "id_details"
    assert fits_the_screen(page)
    axe_page.get_by_role("button", name="Send").click()
    axe_page.wait_for_load_state()
    assert axe_page.get_by_text("There is a problem").is_visible()
    no_violations(axe, axe_page, "the form with problems")

    page.get_by_label("The opening times are wrong").check()
    page.get_by_label("Tell us more").fill("They now open on Sundays, 2pm to 5pm.")
    page.get_by_role("button", name="Send").click()
    assert page.get_by_role("heading", name="Thank you for your message").is_visible()
    assert fits_the_screen(page)
    axe_page.goto(page.url)
    no_violations(axe, axe_page, "the thank-you page")

    suggestion = Suggestion.objects.get()
    assert (suggestion.topic, suggestion.details) == (
        "hours",
        "They now open on Sundays, 2pm to 5pm.",
    )
    assert context.cookies() == []
    context.close()
    axe_page.close()
