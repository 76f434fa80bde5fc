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
        '<li><strong>Text any time:</strong> <a class="contact-button" href="sms:85258">85258</a>'
        ' (send the word SHOUT)<br><span class="hint">Young people can also text YM to'
        " 85258.</span></li>"
    )
    assert item_containing(card, "(send the word SHOUT)") == expected
    assert item_containing(page, "(send the word SHOUT)") == expected
    assert item_containing(sheet, "(send the word SHOUT)") == expected


def test_a_contact_without_a_label_is_named_by_its_method(client):
    make_service("Helpline", contacts=({"method": "phone", "value": "0800 123 456"},))
    html = client.get(RESULTS).content.decode()
    assert (
        '<li><strong>Phone:</strong> <a class="contact-button" href="tel:0800123456">0800 123 456'
        "</a></li>"
    ) in html


def test_numbers_to_call_or_text_are_buttons_and_other_contacts_stay_links(client):
    service = make_service(
        "Helpline",
        slug="helpline",
        contacts=(
            {"method": "website", "value": "https://helpline.example"},
            {"method": "email", "value": "help@helpline.example"},
            {"method": "phone", "value": "0800 123 456"},
            {"method": "text", "value": "85258"},
            {"method": "web_chat", "value": "On their website"},
            {"method": "phone", "value": "01803 000 222", "for_professionals": True},
        ),
    )
    for html in (
        client.get(service.get_absolute_url()).content.decode(),
        client.get(LIST_PAGE, {"s": "helpline"}).content.decode(),
    ):
        assert '<a class="contact-button" href="tel:0800123456">' in html
        assert '<a class="contact-button" href="sms:85258">' in html
        assert (
            '<a class="contact-button contact-button--professionals" href="tel:01803000222">'
        ) in html
        assert '<a href="mailto:help@helpline.example">' in html
        assert '<a href="https://helpline.example">' in html
        assert "<strong>Web chat:</strong> On their website</li>" in html


# Result cards


def card_contacts(html: str) -> list[str]:
    (contacts,) = re.findall(r'<ul class="card__contacts">(.*?)</ul>', html, re.DOTALL)
    return re.findall(r"<strong>(.*?):</strong>", contacts)


def test_a_card_gives_phone_then_text_then_one_other_and_professionals_lines_last(client):
    make_service(
        "Helpline",
        contacts=(
            {"method": "website", "value": "https://helpline.example", "label": "Website"},
            {"method": "phone", "value": "0300 000", "label": "Pros", "for_professionals": True},
            {"method": "email", "value": "help@helpline.example", "label": "Email"},
            {"method": "text", "value": "85258", "label": "Text"},
            {"method": "phone", "value": "0800 123 456", "label": "Call"},
        ),
    )
    html = client.get(RESULTS).content.decode()
    assert card_contacts(html) == ["Call", "Text", "Website"]


def test_a_card_with_only_a_professionals_line_still_shows_it_and_says_so(client):
    make_service(
        "Team",
        contacts=(
            {"method": "phone", "value": "01803 000 222", "for_professionals": True},
            {"method": "website", "value": "https://team.example"},
        ),
    )
    html = client.get(RESULTS).content.decode()
    assert card_contacts(html) == ["Website", "Phone"]
    assert '<span class="for-professionals">For professionals only.</span>' in html


def test_a_card_says_whether_it_is_open_and_how_far_before_its_contacts(client):
    make_service(
        "Helpline",
        open_24_hours=True,
        contacts=({"method": "phone", "value": "0800 123 456"},),
    )
    html = client.get(RESULTS).content.decode()
    name, badge, contacts = (
        html.index(">Helpline</a></h3>"),
        html.index('<p class="card__hours card__hours--open">Open 24 hours</p>'),
        html.index('<ul class="card__contacts">'),
    )
    assert name < badge < contacts
    assert html.index('<p class="card__summary">') > contacts


def test_a_card_with_no_opening_times_says_they_are_not_checked(client):
    make_service("Group")
    html = client.get(RESULTS).content.decode()
    assert '<p class="card__hours">Hours not checked</p>' in html


# The add-to-list link


def test_a_card_on_the_list_links_to_the_list_beside_it(client):
    make_service("First", slug="first")
    make_service("Second", slug="second")
    html = client.get(RESULTS, {"s": "first,second"}).content.decode()
    (card,) = re.findall(r'<li class="card" id="service-second">.*?\n</li>', html, re.DOTALL)
    toggle = re.search(r'<p class="list-toggle list-toggle--on">.*?</p>', card).group(0)
    assert '<span class="list-toggle__on">On your list</span>' in toggle
    assert (
        f'<a href="{LIST_PAGE}?s=first,second">See your list&nbsp;(2'
        '<span class="visually-hidden"> services</span>)</a>'
    ) in toggle
    # The list link comes before "Remove": one Shift+Tab from it, a Tab from the card's links.
    assert toggle.index("See your list") < toggle.index("Remove")


def test_a_card_not_on_the_list_offers_only_to_add_it(client):
    make_service("First", slug="first")
    make_service("Second", slug="second")
    html = client.get(RESULTS, {"s": "first"}).content.decode()
    (card,) = re.findall(r'<li class="card" id="service-second">.*?\n</li>', html, re.DOTALL)
    assert "See your list" not in card
    assert 'Add<span class="visually-hidden"> Second</span> to your list' in card


def test_a_full_list_links_to_the_list_to_make_room(client):
    make_service("Another", slug="another")
    full = ",".join(f"s{n}" for n in range(12))
    html = client.get(RESULTS, {"s": full}).content.decode()
    assert "Your list is full (12 services). Remove one to add another." in html
    assert f'<a href="{LIST_PAGE}?s={full}">See your list&nbsp;(12' in html


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
