"""Take-away lists: the list lives in the address, and the page people keep or print."""

from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.http import QueryDict
from django.urls import reverse

from services.lists import qr
from services.lists.takeaway import MAX_SERVICES, Shortlist
from services.pages.starting_points import starting_points
from tests.factories import make_service

LIST_PAGE = reverse("services:shortlist")
RESULTS = reverse("services:list")


def parse(value: str) -> Shortlist:
    return Shortlist.from_query(QueryDict(urlencode({"s": value})))


# The address round trip


@pytest.mark.parametrize(
    ("value", "slugs", "skipped"),
    [
        ("a,b,c", ("a", "b", "c"), 0),
        ("c,a,b", ("c", "a", "b"), 0),
        ("a,b,a,b", ("a", "b"), 0),
        (" A , b,,", ("a", "b"), 0),
        ("", (), 0),
        ("ok,<script>,x" + "y" * 200, ("ok",), 2),
        (",".join(f"s{n}" for n in range(15)), tuple(f"s{n}" for n in range(12)), 3),
    ],
)
def test_the_list_is_read_from_the_address_in_order_without_repeats(value, slugs, skipped):
    shortlist = parse(value)
    assert shortlist.slugs == slugs
    assert shortlist.skipped == skipped


def test_adding_removing_and_clearing_rebuild_the_address():
    shortlist = parse("a,b")
    assert shortlist.adding("c").slugs == ("a", "b", "c")
    assert shortlist.adding("a").slugs == ("a", "b")
    assert shortlist.removing("a").slugs == ("b",)
    assert shortlist.removing("a").removing("b").url == LIST_PAGE
    assert shortlist.adding("c").url == f"{LIST_PAGE}?s=a,b,c"
    assert parse(shortlist.adding("c").value).slugs == ("a", "b", "c")


def test_a_full_list_takes_no_more():
    full = parse(",".join(f"s{n}" for n in range(MAX_SERVICES)))
    assert full.is_full
    assert full.adding("one-more") == full


# Links on results and service pages


@pytest.mark.django_db
def test_result_cards_add_to_the_list_and_keep_the_search(client):
    make_service("Evening group", slug="evening-group")
    make_service("Text line", slug="text-line")
    html = client.get(RESULTS, {"age": "17", "s": "text-line"}).content.decode()
    assert 'href="/services/?age=17&amp;s=text-line,evening-group#service-evening-group"' in html
    assert 'href="/services/?age=17#service-text-line"' in html  # remove
    assert 'Add<span class="visually-hidden"> Evening group</span> to your list' in html
    assert f'href="{LIST_PAGE}?s=text-line"' in html
    assert '<input type="hidden" name="s" value="text-line">' in html


@pytest.mark.django_db
def test_a_service_page_adds_to_the_list_and_links_to_it(client):
    service = make_service("Evening group", slug="evening-group")
    html = client.get(service.get_absolute_url(), {"s": "other"}).content.decode()
    assert 'href="/services/evening-group/?s=other,evening-group#service-evening-group"' in html


@pytest.mark.django_db
def test_a_full_list_says_so_instead_of_offering_to_add(client):
    make_service("Evening group", slug="evening-group")
    full = ",".join(f"s{n}" for n in range(MAX_SERVICES))
    html = client.get(RESULTS, {"s": full}).content.decode()
    assert "Your list is full (12 services)" in html


# The list page


@pytest.mark.django_db
def test_the_list_page_keeps_the_order_and_skips_unknown_and_withdrawn_services(client):
    make_service("First", slug="first")
    make_service("Second", slug="second")
    make_service("Withdrawn", slug="withdrawn", status="withdrawn")
    response = client.get(LIST_PAGE, {"s": "second,gone,withdrawn,first"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Second") < html.index("First")
    assert "Withdrawn" not in html
    assert "We could not find 2 of the services in this link" in html
    # Links on the page use the cleaned list.
    assert f'href="{LIST_PAGE}?s=first"' in html  # remove "second"
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_empty_list_says_how_to_add_services(client):
    html = client.get(LIST_PAGE).content.decode()
    assert "There are no services on this list yet" in html
    assert "If you need to talk to someone now" in html


@pytest.mark.django_db
def test_the_list_writes_out_contacts_self_referral_and_key_facts(client):
    make_service(
        "Text line",
        slug="text-line",
        self_referral=True,
        website="https://textline.example/",
        contacts=(
            {"method": "text", "value": "85258", "keyword": "SHOUT"},
            {"method": "phone", "value": "0800 000 000"},
        ),
    )
    make_service("Referred", slug="referred", self_referral=False)
    html = client.get(LIST_PAGE, {"s": "text-line,referred"}).content.decode()
    assert "85258</a> (send the word SHOUT)" in html
    assert "0800 000 000" in html
    assert "<strong>Website:</strong> https://textline.example/" in html
    assert "Yes, you can refer yourself." in html
    assert "No, someone else needs to refer you" in html
    assert "click here" not in html.lower()
    # Nothing on the list asks for, or could print, the person's name or details.
    main = html.split("<main")[1].split("</main>")[0]
    assert "<form" not in main
    assert "<input" not in main


# Monday 23 November 2026 is a Monday; the group meets Sundays 22:00 to 02:00 and Tuesdays.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "status", "first_day"),
    [
        # Monday 20:00: next opening is tomorrow evening.
        (datetime(2026, 11, 23, 20, 0, tzinfo=UTC), "Opens tomorrow at 19:00", "Tuesday 24"),
        # Sunday 23:30: open past midnight.
        (datetime(2026, 11, 29, 23, 30, tzinfo=UTC), "Open now until 02:00", "Sunday 29"),
        # Monday 01:00: still open from Sunday night.
        (datetime(2026, 11, 30, 1, 0, tzinfo=UTC), "Open now until 02:00", "Tuesday 1"),
        # Saturday 12:00: next opening is Sunday.
        (datetime(2026, 11, 28, 12, 0, tzinfo=UTC), "Opens tomorrow at 22:00", "Sunday 29"),
    ],
)
def test_the_list_shows_next_opening_and_the_week_ahead_across_midnight_and_weekends(
    client, moment, status, first_day
):
    make_service(
        "Night group", slug="night-group", slots=((6, "22:00", "02:00"), (1, "19:00", "21:00"))
    )
    with time_machine.travel(moment, tick=False):
        html = client.get(LIST_PAGE, {"s": "night-group"}).content.decode()
    assert status in html
    week = html.split('class="sheet__week"')[1].split("</ul>")[0]
    assert week.split("<li>")[1].startswith(first_day)
    assert "02:00 (next day)" in week
    assert week.count("<li>") == 2


@pytest.mark.django_db
def test_the_list_has_a_qr_code_of_its_own_address_and_the_date(client):
    make_service("Night group", slug="night-group")
    with time_machine.travel(datetime(2026, 11, 23, 2, 14, tzinfo=UTC), tick=False):
        html = client.get(LIST_PAGE, {"s": "night-group,unknown"}).content.decode()
    address = f"http://testserver{LIST_PAGE}?s=night-group"
    assert qr.svg(address) in html
    assert address in html
    assert "List made on Monday 23 November 2026 at 02:14" in html


# Starting points for professionals


@pytest.mark.parametrize(
    ("moment", "tonight"),
    [
        (datetime(2026, 11, 23, 14, 0, tzinfo=UTC), "open_at=2026-11-23T21%3A00"),
        (datetime(2026, 11, 23, 22, 30, tzinfo=UTC), "open=now"),
        (datetime(2026, 11, 24, 3, 0, tzinfo=UTC), "open=now"),
        # Summer time: 20:30 in London is 19:30 UTC, still before 9pm.
        (datetime(2026, 7, 1, 19, 30, tzinfo=UTC), "open_at=2026-07-01T21%3A00"),
    ],
)
def test_open_tonight_asks_for_9pm_today_or_now_when_it_is_late(moment, tonight):
    points = {point.label: point.url for point in starting_points(moment)}
    assert points["Open tonight"] == f"{RESULTS}?{tonight}"
    assert points["For young people"] == f"{RESULTS}?audience=young-people"
    assert points["For parents and carers"] == f"{RESULTS}?audience=parents-carers"
    assert points["You can refer yourself"] == f"{RESULTS}?self_referral=yes"


@pytest.mark.django_db
def test_the_home_page_offers_the_starting_points_and_each_one_searches(client):
    from services.models import Audience

    Audience.objects.get_or_create(slug="young-people", defaults={"name": "Young people"})
    Audience.objects.get_or_create(slug="parents-carers", defaults={"name": "Parents"})
    make_service("Young group", audiences=("young-people",), self_referral=True)
    html = client.get(reverse("services:home")).content.decode()
    for point in starting_points(datetime.now(UTC)):
        assert point.label in html
        response = client.get(point.url)
        assert response.status_code == 200
        assert "need a look" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["x" * 100_000, ",,,," * 5_000, "<b>é</b>", "a,%00,b"])
def test_hostile_lists_get_a_working_page(client, value):
    make_service("Evening group", slug="evening-group")
    for url in (LIST_PAGE, RESULTS):
        response = client.get(url, {"s": value})
        assert response.status_code == 200
        assert "<b>é</b>" not in response.content.decode()
