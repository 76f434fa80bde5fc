import re
from datetime import datetime
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from services import hours
from tests.factories import make_service
from tests.language import blocked_words, reading_problems

pytestmark = pytest.mark.django_db
LIST_URL = reverse("services:list")
CRISIS_WORDS = [
    "If you need to talk to someone now",
    "116&nbsp;123",
    "SHOUT",
    "85258",
    "NHS 111, option 2",
    "999",
]


def assert_has_crisis_contacts(html: str) -> None:
    for words in CRISIS_WORDS:
        assert words in html


def test_home_page_has_the_search_form_and_crisis_contacts(client):
    response = client.get(reverse("services:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{LIST_URL}"' in html
    assert_has_crisis_contacts(html)
    assert "Exit this page" in html


def test_the_crisis_text_line_says_which_word_to_send_and_leaves_the_message_to_you(client):
    make_service("Text line", contacts=({"method": "text", "value": "85258", "keyword": "SHOUT"},))
    # In full on the home page; the strip on the others says it in fewer words.
    for url, words in (
        (reverse("services:home"), "Text the word SHOUT to 85258</a> (free, 24 hours)"),
        (LIST_URL, "Text SHOUT to 85258</a>"),
        ("/no-such-page/", "Text SHOUT to 85258</a>"),
    ):
        html = client.get(url).content.decode()
        assert f'<a href="sms:85258">{words}' in html
        assert "?body=" not in html


def test_results_page_lists_services_with_links_to_their_pages(client):
    service = make_service("Evening helpline", slug="evening-helpline")
    response = client.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="results"' in html
    assert 'href="#results"' in html
    assert f'href="{service.get_absolute_url()}"' in html
    assert "We found 1 service." in html
    assert_has_crisis_contacts(html)


@time_machine.travel(datetime(2026, 11, 23, 20, 0, tzinfo=hours.UK), tick=False)
def test_result_cards_say_when_a_service_is_open(client):
    make_service("Evenings", slots=((0, "19:00", "22:00"),))
    make_service("Later in the week", slots=((2, "19:00", "22:00"),))
    make_service("Always", open_24_hours=True)
    make_service("App", any_time=True)
    html = client.get(LIST_URL).content.decode()
    assert "Open now until 22:00" in html
    assert "Opens Wednesday at 19:00" in html
    assert "Open 24 hours" in html
    assert "Any time" in html


def test_results_page_says_what_you_searched_for_with_a_way_to_remove_each_choice(client):
    make_service("Text line", kinds=("text-line",), min_age=13)
    html = client.get(LIST_URL, {"age": "17", "kind": "text-line"}).content.decode()
    assert "What you searched for" in html
    assert "<strong>17</strong>" in html
    assert 'href="?kind=text-line"' in html  # removes the age
    assert 'href="?age=17"' in html  # removes the kind


def test_an_empty_result_says_which_choices_removed_services_and_offers_to_widen(client):
    make_service("Adults only", min_age=18, self_referral=True)
    make_service("Referral needed", self_referral=False)
    html = client.get(LIST_URL, {"age": "16", "self_referral": "yes"}).content.decode()
    assert "No services match all your choices" in html
    assert "we would find 1 service" in html
    assert 'href="?self_referral=yes"' in html
    assert 'href="?age=16"' in html


def test_results_are_paginated_with_page_and_keep_the_search(client, settings):
    settings.RESULTS_PER_PAGE = 2
    for number in range(5):
        make_service(f"Helpline {number}", cost="free")
    html = client.get(LIST_URL, {"free": "yes", "page": "2"}).content.decode()
    assert "Page 2 of 3" in html
    assert "Helpline 2" in html
    assert "Helpline 0" not in html
    assert 'href="?free=yes&amp;page=3"' in html


@pytest.mark.parametrize("page", ["abc", "-1", "0", "999999", "1" * 400])
def test_odd_page_numbers_still_show_a_page_of_results(client, page):
    make_service("Only one")
    response = client.get(LIST_URL, {"page": page})
    assert response.status_code == 200
    assert "Only one" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"age": "abc"}, "Enter an age in whole years, like 16."),
        ({"age": "-3"}, "Enter an age of 0 or more."),
        ({"open_at": "yesterday"}, "Enter a date and time like 2026-11-23T21:30."),
        ({"kind": "not-a-kind"}, "is not on our list, so we left it out"),
        ({"q": "x" * 10_000}, "Use 200 characters or fewer."),
        ({"q": "nul\x00byte"}, "Remove any unusual characters"),
        ({"open": "<script>alert(1)</script>"}, "We did not understand that time choice"),
    ],
)
def test_bad_input_gets_a_kind_message_beside_the_field_and_a_working_page(client, params, message):
    make_service("Still here")
    response = client.get(LIST_URL, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "There is a problem" in html
    assert "Still here" in html
    assert "<script>alert(1)</script>" not in html


def test_service_page_shows_the_record_and_says_when_something_is_unknown(client):
    service = make_service(
        "Night line",
        slug="night-line",
        self_referral=True,
        min_age=16,
        self_harm_policy="welcomes",
        self_harm_policy_wording="You do not have to stop.",
        self_harm_policy_source="https://example.org/rules",
        slots=((0, "17:00", "00:00"),),
        contacts=(
            {"method": "phone", "value": "0800 123 456"},
            {"method": "text", "value": "85258", "keyword": "NIGHT"},
        ),
    )
    response = client.get(service.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Night line</h1>" in html
    assert 'href="tel:0800123456"' in html
    assert '<a class="contact-button" href="sms:85258">85258</a> (send the word NIGHT)' in html
    assert "It is for people aged 16 and over." in html
    assert "You can contact them yourself" in html
    assert "You do not have to stop." in html
    assert "17:00 to midnight" in html
    assert "We have not been able to check this" in html  # cost, sharing, languages
    assert (
        "Gathered from public web pages on 1 November 2026. Not yet checked with the service."
        in html
    )
    assert 'id="eligibility"' in html
    assert_has_crisis_contacts(html)


def test_draft_and_unknown_services_get_a_clear_404_with_crisis_contacts(client):
    draft = make_service("Draft", status="draft")
    for url in [draft.get_absolute_url(), "/services/no-such-service/", "/nowhere/"]:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 404
        assert "We could not find that page" in html
        assert_has_crisis_contacts(html)


def test_the_server_error_page_shows_crisis_contacts():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert_has_crisis_contacts(html)


def test_search_pages_only_answer_get(client):
    assert client.post(LIST_URL).status_code == 405


def test_every_form_field_has_a_label(client):
    html = client.get(LIST_URL).content.decode()
    for field_id in re.findall(r'<input[^>]+id="(id_[^"]+)"', html):
        assert f'for="{field_id}"' in html, field_id


def test_the_about_page_credits_the_place_data(client):
    html = client.get(reverse("services:about")).content.decode()
    assert "Open Government Licence v.3.0" in html
    assert "CC BY-SA 4.0" in html
    assert "Contains OS data © Crown copyright" in html
    assert_has_crisis_contacts(html)


def test_the_about_page_offers_the_directory_as_open_data_in_plain_words(client):
    html = client.get(reverse("services:about")).content.decode()
    paragraph = re.search(r'<p id="open-data-text">(.*?)</p>', html, re.S).group(1)
    assert 'href="/api/oruk/"' in paragraph
    assert "CC BY 4.0" in paragraph
    text = unescape(re.sub(r"<[^>]+>", "", paragraph))
    assert reading_problems("about, open data", text) == []
    assert blocked_words([("about, open data", text)]) == []


def hrefs(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', html)]


def test_links_carry_only_the_search_contract_not_other_parameters(client, settings):
    settings.RESULTS_PER_PAGE = 1
    service = make_service("Evening group", slots=((0, "18:00", "22:00"),))
    make_service("Morning group")
    plain = client.get(LIST_URL, {"q": "group", "s": service.slug}).content
    junk = "x" * 4_000
    padded = client.get(LIST_URL, {"q": "group", "s": service.slug, "utm_junk": junk})
    html = padded.content.decode()
    assert "utm_junk" not in html
    assert junk not in html
    assert len(padded.content) < len(plain) + 500
    links = hrefs(html)
    assert any("page=2" in link and "q=group" in link for link in links)
    detail = client.get(service.get_absolute_url(), {"q": "group", "utm_junk": junk})
    assert "utm_junk" not in detail.content.decode()


def test_a_full_postcode_is_cut_to_its_district_in_every_onward_link(client, settings):
    settings.RESULTS_PER_PAGE = 1
    service = make_service(
        "Torquay group",
        formats=("in-person",),
        venues=({"name": "Hall", "postcode": "TQ1 1AA", "latitude": 50.46, "longitude": -3.52},),
    )
    make_service(
        "Torquay drop-in", venues=({"name": "Cafe", "latitude": 50.46, "longitude": -3.53},)
    )
    make_service("A national line", available_anywhere=True)
    html = client.get(LIST_URL, {"near": "TQ1 1AA", "age": "30"}).content.decode()
    links = [link for link in hrefs(html) if "near=" in link]
    assert links  # pages, removing a choice, adding to the list, service pages
    for link in links:
        assert "1AA" not in link.replace("+", " ").upper(), link
        assert "near=TQ1" in link, link
    # What the person typed stays in the form they can change, and is not kept anywhere.
    assert 'value="TQ1 1AA"' in html
    detail = client.get(service.get_absolute_url(), {"near": "TQ1 1AA"}).content.decode()
    for link in hrefs(detail):
        assert "1AA" not in link.replace("+", " ").upper(), link
