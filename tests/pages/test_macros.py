"""Repeated pieces of HTML come from one macro each, and the search form carries its widgets'
settings (templates/_macros/)."""

import re

import pytest
from django.urls import reverse

from services.choices import DEFAULT_RADIUS_MILES
from tests.factories import make_service

pytestmark = pytest.mark.django_db
HOME = reverse("services:home")
RESULTS = reverse("services:list")
LIST_PAGE = reverse("services:shortlist")


def input_named(html: str, name: str) -> str:
    tags = re.findall(rf'<input [^>]*name="{name}"[^>]*>', html)
    assert len(tags) == 1, tags
    return tags[0]


def item_containing(html: str, words: str) -> str:
    items = [item for item in re.findall(r"<li>.*?</li>", html, re.DOTALL) if words in item]
    assert len(items) == 1, items
    return items[0]


# The search form


def test_the_place_box_is_not_spellchecked_or_autocompleted_and_age_gets_a_number_keypad(client):
    html = client.get(HOME).content.decode()
    place = input_named(html, "near")
    assert 'spellcheck="false"' in place
    assert 'autocomplete="off"' in place
    age = input_named(html, "age")
    assert 'inputmode="numeric"' in age
    assert 'size="4"' in age
    assert 'type="search"' in input_named(html, "q")
    assert 'type="datetime-local"' in input_named(html, "open_at")


def test_a_long_search_gets_the_forms_message_not_a_browser_limit(client):
    html = client.get(RESULTS, {"q": "x" * 300}).content.decode()
    assert "maxlength" not in input_named(html, "q")
    assert "Use 200 characters or fewer." in html


def test_tick_boxes_send_their_fields_one_choice_and_show_it_ticked(client):
    html = client.get(RESULTS, {"ongoing_self_harm": "welcome"}).content.decode()
    assert 'value="welcome"' in input_named(html, "ongoing_self_harm")
    assert "checked" in input_named(html, "ongoing_self_harm")
    assert 'value="yes"' in input_named(html, "self_referral")
    assert "checked" not in input_named(html, "self_referral")


@pytest.mark.parametrize(
    ("page", "params", "shown"),
    [
        (HOME, {}, str(DEFAULT_RADIUS_MILES)),
        (RESULTS, {}, str(DEFAULT_RADIUS_MILES)),
        (RESULTS, {"radius": "10"}, "10"),
        (RESULTS, {"radius": "7"}, str(DEFAULT_RADIUS_MILES)),  # "We used 25 miles."
    ],
)
def test_the_radius_shown_is_the_one_the_search_used(client, page, params, shown):
    html = client.get(page, params).content.decode()
    assert re.findall(r'<option value="(\d+)" selected>', html) == [shown]


def test_a_field_with_a_kind_message_points_to_it_and_its_hint(client):
    html = client.get(RESULTS, {"age": "abc", "q": "x" * 300}).content.decode()
    age = input_named(html, "age")
    assert 'aria-describedby="id_age-hint id_age-error"' in age
    assert 'aria-invalid="true"' in age
    assert 'aria-describedby="id_q-error"' in input_named(html, "q")
    assert '<p class="field-error" id="id_age-error">' in html


# A service's contacts and opening, the same wherever they are shown


def test_the_card_service_page_and_list_write_a_text_contact_the_same_way(client):
    service = make_service(
        "Text line",
        slug="text-line",
        contacts=(
            {
                "method": "text",
                "value": "85258",
                "keyword": "SHOUT",
                "label": "Text any time",
                "hours_note": "Young people can also text YM to 85258.",
            },
        ),
    )
    card = client.get(RESULTS).content.decode()
    page = client.get(service.get_absolute_url()).content.decode()
    sheet = client.get(LIST_PAGE, {"s": "text-line"}).content.decode()
    expected = (
        '<li><strong>Text any time:</strong> <a href="sms:85258">85258</a>'
        ' (send the word SHOUT)<br><span class="hint">Young people can also text YM to'
        " 85258.</span></li>"
    )
    assert item_containing(card, "(send the word SHOUT)") == expected
    assert item_containing(page, "(send the word SHOUT)") == expected
    assert item_containing(sheet, "(send the word SHOUT)") == expected


def test_a_contact_without_a_label_is_named_by_its_method(client):
    make_service("Helpline", contacts=({"method": "phone", "value": "0800 123 456"},))
    html = client.get(RESULTS).content.decode()
    assert '<li><strong>Phone:</strong> <a href="tel:0800123456">0800 123 456</a></li>' in html


def test_the_card_service_page_and_list_say_when_a_service_is_open_the_same_way(client):
    service = make_service("Always", slug="always", open_24_hours=True)
    line = '<p class="card__hours card__hours--open">Open 24 hours</p>'
    assert line in client.get(RESULTS).content.decode()
    assert line in client.get(service.get_absolute_url()).content.decode()
    assert line in client.get(LIST_PAGE, {"s": "always"}).content.decode()


# Links to a search from other pages


def test_the_list_page_links_back_to_the_search_with_the_list(client):
    make_service("First", slug="first")
    make_service("Second", slug="second")
    html = client.get(LIST_PAGE, {"s": "first,second"}).content.decode()
    assert f'<a href="{RESULTS}?s=first,second">Add more services</a>' in html


def test_a_rule_on_a_service_page_links_to_services_without_it(client):
    service = make_service("Adults only", min_age=18)
    html = client.get(service.get_absolute_url()).content.decode()
    assert f'href="{RESULTS}?self_referral=yes&amp;ongoing_self_harm=welcome"' in html
