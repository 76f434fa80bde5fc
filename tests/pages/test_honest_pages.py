"""What readers are told about a service is true: who it is for, whose words are whose, how
to get there, whether it is still running, and how old our facts are. Each is checked on
the pages a reader sees: the results card, the service page and the take-away list."""

import re
from datetime import date, datetime
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from services import hours
from services.models import Audience, Source
from tests.factories import make_service, tag

pytestmark = pytest.mark.django_db
RESULTS = reverse("services:list")
LIST_PAGE = reverse("services:shortlist")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=hours.UK)
ASK_THEM = "Contact them to ask"
ASK_SOMEONE = "Ask your GP or the people supporting you."


@pytest.fixture(autouse=True)
def monday_noon():
    with time_machine.travel(NOW, tick=False):
        yield


def words(html: str) -> str:
    """The text a reader sees, without tags, on one line."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def page_of(client, service, **params) -> str:
    response = client.get(service.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


def card_of(client, service, **params) -> str:
    html = client.get(RESULTS, params).content.decode()
    (card,) = re.findall(rf'<li class="card" id="service-{service.slug}">.*?\n</li>', html, re.S)
    return card


def list_entry_of(client, service) -> str:
    html = client.get(LIST_PAGE, {"s": service.slug}).content.decode()
    (entry,) = re.findall(r'<li class="sheet__service".*?\n  </li>', html, re.S)
    return entry


def part_under(html: str, heading: str) -> str:
    """A page's text from a heading to the next heading or the end of its section."""
    start = html.index(f">{heading}</h")
    return words(re.split(r"<h[1-6][ >]|</section>", html[start + 1 :], maxsplit=1)[0])


# Who it is for


def test_a_service_page_says_who_it_is_set_up_for_apart_from_who_it_also_supports(client):
    tag(Audience, "young-people", "Young people")
    service = make_service("Young helpline", audiences=("young-people",))
    service.also_supports.set([tag(Audience, "parents-carers", "Parents, carers and friends")])
    text = words(page_of(client, service))
    assert "It is set up for young people. They also support parents, carers and friends." in text
    assert "set up for young people, or" not in text


def test_a_search_for_a_group_finds_services_set_up_for_it_not_those_that_also_support_it(
    client,
):
    make_service("For parents", audiences=("parents-carers",))
    also = make_service("Also for parents", audiences=("young-people",))
    also.also_supports.set([tag(Audience, "parents-carers")])
    text = words(client.get(RESULTS, {"audience": "parents-carers"}).content.decode())
    assert "We found 1 service." in text
    assert "For parents" in text
    assert "Also for parents" not in text


# Whose words are whose


def test_in_their_words_holds_only_the_services_own_words_quoted_with_their_source(client):
    service = make_service(
        "Quoted",
        who_for="Adults who self-harm.",
        referral_note="Your GP fills in a form.",
        sharing_note="They keep notes private.",
        cost_note="Free for everyone.",
        usage_limits="One call a day.",
        self_harm_policy="case_by_case",
        self_harm_policy_wording="We will talk with you about any self-harm.",
        self_harm_policy_source="https://example.org/our-policy",
    )
    html = page_of(client, service)
    theirs = html[html.index(">In their words</h3>") :].split("</section>")[0]
    assert re.search(
        r"<blockquote><p>We will talk with you about any self-harm\.</p>"
        r'<footer class="hint">Source: <a href="https://example.org/our-policy"',
        theirs,
    )
    ours = part_under(html, "More about who can use it, and how")
    for text in ("Adults who self-harm.", "Your GP fills in a form.", "They keep notes private."):
        assert text in ours
        assert text not in words(theirs)
    assert "Free for everyone." in ours
    assert "One call a day." in ours


def test_with_no_words_of_their_own_there_is_no_in_their_words(client):
    service = make_service("No quote", who_for="Adults.")
    html = page_of(client, service)
    assert "In their words" not in html
    assert "Adults." in part_under(html, "More about who can use it, and how")


def test_curators_notes_never_reach_readers(client):
    service = make_service(
        "Researched",
        research_notes="RESEARCH-NOTE from a 2019 leaflet",
        unconfirmed="UNCONFIRMED-POINT about ages",
        checked_by="Curator Name",
        contacts=({"method": "phone", "value": "0800 000 000"},),
    )
    Source.objects.create(
        service=service,
        url="https://example.org/about",
        title="About us",
        published="June 2023",
        published_on=date(2023, 6, 1),
        notes="SOURCE-NOTE: the phone number was on page 2",
    )
    pages = [
        page_of(client, service),
        card_of(client, service),
        list_entry_of(client, service),
    ]
    for html in pages:
        for secret in ("RESEARCH-NOTE", "UNCONFIRMED-POINT", "Curator Name", "SOURCE-NOTE"):
            assert secret not in html
    assert "About us (June 2023)" in words(pages[0])


# No dead ends


def test_a_service_with_no_contact_point_says_who_can_help_you_get_there(client):
    service = make_service("Referral only", route_in="Ask your GP to refer you.")
    html = page_of(client, service)
    assert "Ask your GP to refer you." in part_under(html, "How to contact them")
    assert words(html).count("Ask your GP to refer you.") == 1
    assert ASK_THEM not in html
    # What we could not check (ages, cost, languages...) names who can ask instead.
    assert f"We have not been able to check if it costs anything. {ASK_SOMEONE}" in words(html)
    assert f"Languages We have not been able to check this. {ASK_SOMEONE}" in words(html)
    assert "Ask your GP to refer you." in words(list_entry_of(client, service))


def test_with_no_contact_point_and_no_route_recorded_the_page_still_says_who_can_help(client):
    service = make_service("Nothing known", self_referral=None)
    page, entry = page_of(client, service), list_entry_of(client, service)
    assert f"We have not found a phone number or email you can use. {ASK_SOMEONE}" in part_under(
        page, "How to contact them"
    )
    for html in (page, entry):
        assert ASK_THEM not in html
    assert f"Can you contact them yourself? We have not been able to check this. {ASK_SOMEONE}" in (
        words(entry)
    )


def test_a_service_you_can_contact_still_says_contact_them_to_ask(client):
    service = make_service("Helpline", contacts=({"method": "phone", "value": "0800 111 222"},))
    text = words(page_of(client, service))
    assert f"We have not been able to check if it costs anything. {ASK_THEM}." in text
    assert ASK_SOMEONE not in text


def test_a_line_only_for_professionals_is_labelled_and_is_not_a_way_in_for_the_reader(client):
    service = make_service(
        "Team",
        route_in="Ask your GP to refer you.",
        contacts=({"method": "phone", "value": "01803 000 222", "for_professionals": True},),
    )
    line = (
        '<li><span class="for-professionals">For professionals only.</span>'
        ' <strong>Phone:</strong> <a class="contact-button contact-button--professionals"'
        ' href="tel:01803000222">01803 000 222</a></li>'
    )
    page, card, entry = (
        page_of(client, service),
        card_of(client, service),
        list_entry_of(client, service),
    )
    for html in (page, card, entry):
        assert line in html
    assert "Ask your GP to refer you." in part_under(page, "How to contact them")
    assert ASK_THEM not in page


def test_with_only_professionals_lines_and_no_route_recorded_the_page_says_who_can_help(client):
    service = make_service(
        "Team", contacts=({"method": "phone", "value": "01803 000 222", "for_professionals": True},)
    )
    contact = part_under(page_of(client, service), "How to contact them")
    assert "For professionals only. Phone: 01803 000 222" in contact
    assert f"We have not found a phone number or email you can use. {ASK_SOMEONE}" in contact


# Warnings kept


@pytest.mark.parametrize(
    ("status", "said"),
    [
        ("uncertain", "This service may have ended or changed. Check with them first."),
        ("paused", "Paused. This service is not running for now. Check with them first."),
        ("closing", "Closing. This service is closing down. Check with them first."),
    ],
)
def test_a_service_that_may_not_be_running_says_so_on_its_card_page_and_list(client, status, said):
    service = make_service(
        "Pilot",
        operating_status=status,
        status_note="It was a pilot funded until March.",
        contacts=({"method": "phone", "value": "0800 000 000"},),
    )
    page = page_of(client, service)
    assert said in part_under(page, "Things to know")
    assert "It was a pilot funded until March." in part_under(page, "Things to know")
    for html in (card_of(client, service), list_entry_of(client, service)):
        assert said in words(html)
        assert "Things to know: It was a pilot funded until March." in words(html)


def test_a_service_with_no_way_to_contact_it_says_who_to_check_with(client):
    service = make_service("Pilot", operating_status="paused")
    assert (
        "Paused. This service is not running for now. Check with your GP or the people "
        "supporting you first."
    ) in words(card_of(client, service))


def test_a_running_service_with_nothing_to_know_shows_no_warning(client):
    service = make_service("Running", contacts=({"method": "phone", "value": "0800 000 000"},))
    for html in (page_of(client, service), card_of(client, service)):
        assert "Things to know" not in html
        assert 'class="warning' not in html


# Honest dates


def add_source(service, published_on: date | None, published: str = "") -> None:
    Source.objects.create(
        service=service, url="https://example.org/", published=published, published_on=published_on
    )


@pytest.mark.parametrize(
    ("how", "said"),
    [
        (
            "public_pages",
            "Gathered from public web pages on 1 November 2026. Not yet checked with the service.",
        ),
        ("with_service", "Checked with the service on 1 November 2026."),
    ],
)
def test_the_page_says_how_and_when_the_facts_were_gathered(client, how, said):
    service = make_service("Dated", checked_how=how, last_checked=date(2026, 11, 1))
    text = part_under(page_of(client, service), "About this information")
    assert said in text
    assert "Last checked" not in text


@pytest.mark.parametrize(
    ("sources", "newest"),
    [
        ([(date(2023, 6, 1), "June 2023"), (date(2021, 3, 4), "4 March 2021")], "June 2023"),
        ([(date(2024, 1, 1), "2024"), (None, "")], "2024"),
        ([(date(2024, 1, 1), "January 2024")], "January 2024"),
    ],
)
def test_the_page_says_how_recent_the_newest_source_is(client, sources, newest):
    service = make_service("Sourced")
    for published_on, published in sources:
        add_source(service, published_on, published)
    text = part_under(page_of(client, service), "About this information")
    assert f"The newest source is from {newest}." in text


def test_with_no_dated_source_the_page_does_not_guess_how_old_it_is(client):
    service = make_service("Undated")
    add_source(service, None, "no date on the page")
    html = page_of(client, service)
    assert "The newest source" not in html
    assert "may be out of date" not in html


OUT_OF_DATE = "This information may be out of date. Check with the service before you rely on it."


@pytest.mark.parametrize(
    ("newest", "marked"),
    [
        (date(2023, 6, 1), True),
        (date(2023, 11, 22), True),  # three years and a day before 23 November 2026
        (date(2023, 11, 23), False),
        (date(2025, 2, 1), False),
    ],
)
def test_a_record_whose_newest_source_is_over_three_years_old_is_marked(client, newest, marked):
    service = make_service("Ageing", contacts=({"method": "phone", "value": "0800 000 000"},))
    add_source(service, date(2015, 1, 1))
    add_source(service, newest)
    page, card = page_of(client, service), card_of(client, service)
    if marked:
        assert OUT_OF_DATE in part_under(page, "Things to know")
    else:
        assert "may be out of date" not in page
    assert (OUT_OF_DATE in words(card)) is marked


def test_the_wait_is_shown_with_when_it_was_reported_on_the_page_and_the_list(client):
    service = make_service(
        "Waiting list",
        waiting_time="Wait for a first appointment: about 13 weeks",
        waiting_time_reported="2024",
    )
    said = "Wait for a first appointment: about 13 weeks (reported 2024)"
    assert said in words(page_of(client, service))
    assert said in words(list_entry_of(client, service))


def test_a_wait_written_as_a_sentence_keeps_its_full_stop_last(client):
    service = make_service(
        "Waiting list", waiting_time="Most wait 6 weeks.", waiting_time_reported="March 2025"
    )
    assert "Most wait 6 weeks (reported March 2025)." in words(page_of(client, service))


def test_a_record_past_its_due_date_says_when_it_was_last_checked(client):
    overdue = make_service("Old group", kinds=("peer-support",), last_checked=date(2026, 3, 1))
    recent = make_service("New group", kinds=("peer-support",), last_checked=date(2026, 11, 1))
    with time_machine.travel(datetime(2026, 12, 1, 12, 0, tzinfo=hours.UK)):
        stale = client.get(overdue.get_absolute_url()).content.decode()
        fresh = client.get(recent.get_absolute_url()).content.decode()
    assert "This was last checked 9 months ago." in stale
    assert "last checked" not in fresh.split("About this information")[1]
