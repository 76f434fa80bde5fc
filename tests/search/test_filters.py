import re
from datetime import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from services import hours
from services.models import Audience, Kind, Service
from services.search.filters import TAG_MODELS, search_results
from services.search.searched_for import active_choices
from services.search.vocabulary import Vocabulary
from tests.factories import make_service, tag

pytestmark = pytest.mark.django_db
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=hours.UK)
HOME = reverse("services:home")
RESULTS = reverse("services:list")


def names_for(query: str, now: datetime = MONDAY_NOON) -> set[str]:
    _, results = search_results(QueryDict(query), now=now)
    return set(results.values_list("name", flat=True))


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (17, {"No limits", "Up to 18", "Up to 17"}),
        (18, {"No limits", "Up to 18", "18 and over", "18 to 25"}),
        (25, {"No limits", "18 and over", "18 to 25"}),
        (26, {"No limits", "18 and over"}),
        (0, {"No limits", "Up to 18", "Up to 17"}),
    ],
)
def test_age_filter_keeps_services_whose_limits_include_the_age(age, expected):
    make_service("No limits")
    make_service("Up to 18", max_age=18)
    make_service("Up to 17", max_age=17)
    make_service("18 and over", min_age=18)
    make_service("18 to 25", min_age=18, max_age=25)
    assert names_for(f"age={age}") == expected


def test_self_referral_filter_keeps_only_services_you_can_contact_yourself():
    make_service("Yes", self_referral=True)
    make_service("No", self_referral=False)
    make_service("Unknown", self_referral=None)
    assert names_for("self_referral=yes") == {"Yes"}


def test_ongoing_self_harm_filter_keeps_only_services_that_welcome_it():
    make_service("Welcomes", self_harm_policy="welcomes")
    make_service("Case by case", self_harm_policy="case_by_case")
    make_service("Excludes", self_harm_policy="excludes_recent", self_harm_policy_weeks=4)
    make_service("Unknown")
    assert names_for("ongoing_self_harm=welcome") == {"Welcomes"}


def test_free_filter_keeps_only_free_services():
    make_service("Free", cost="free")
    make_service("Paid", cost="paid")
    make_service("Unknown")
    assert names_for("free=yes") == {"Free"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=text-line", {"Text line"}),
        ("kind=text-line&kind=peer-support", {"Text line", "Group and helpline"}),
        ("kind=helpline", {"Group and helpline"}),
        ("format=phone&format=text", {"Text line", "Group and helpline"}),
        ("format=in-person", {"Group and helpline"}),
        ("audience=women", {"Text line"}),
        ("audience=men&audience=women", {"Text line", "Group and helpline"}),
        ("access=bsl", {"Text line", "Group and helpline"}),
        ("access=bsl&access=wheelchair", {"Group and helpline"}),
    ],
)
def test_tag_filters_match_any_kind_format_and_audience_but_every_access_need(query, expected):
    make_service(
        "Text line", kinds=("text-line",), formats=("text",), audiences=("women",), access=("bsl",)
    )
    make_service(
        "Group and helpline",
        kinds=("peer-support", "helpline"),
        formats=("in-person", "phone"),
        audiences=("men",),
        access=("bsl", "wheelchair"),
    )
    make_service("Neither", kinds=("app",))
    assert names_for(query) == expected


def test_a_service_with_two_matching_tags_appears_once():
    make_service("Both", kinds=("peer-support", "helpline"))
    _, results = search_results(QueryDict("kind=peer-support&kind=helpline"), now=MONDAY_NOON)
    assert results.count() == 1
    assert len(list(results)) == 1


def test_a_tag_ticked_twice_is_one_choice():
    make_service("Helpline", kinds=("helpline",))
    query = QueryDict("kind=helpline&kind=helpline")
    filterset, results = search_results(query, now=MONDAY_NOON)
    assert [choice.value for choice in active_choices(filterset)] == ["Helpline"]
    assert results.count() == 1


def test_the_four_lists_of_tags_are_read_in_one_query_for_the_form():
    make_service("Helpline", kinds=("helpline",), access=("bsl",))
    with CaptureQueriesContext(connection) as captured:
        query = QueryDict("kind=helpline&access=bsl")
        filterset, _ = search_results(query, now=MONDAY_NOON)
        form = filterset.form_for_page()
        active_choices(filterset)
    assert len(captured) == 1
    assert ("helpline", "Helpline") in form.fields["kind"].listed_choices
    assert form.cleaned_data["access"] == ["bsl"]


def test_a_tag_a_curator_adds_is_offered_once_a_published_service_has_it(client):
    make_service("Helpline", kinds=("helpline",))
    Kind.objects.create(slug="crisis-cafe", name="Crisis cafe", position=9)
    assert 'value="crisis-cafe"' not in client.get(HOME).content.decode()
    make_service("Cafe", kinds=("crisis-cafe",))
    assert 'value="crisis-cafe"' in client.get(HOME).content.decode()


def offered(html: str, name: str) -> set[str]:
    return set(re.findall(rf'<input type="checkbox" name="{name}" value="([^"]+)"', html))


def test_the_form_offers_only_tags_some_published_service_has_in_every_list(client):
    make_service(
        "Published",
        kinds=("helpline",),
        formats=("phone",),
        audiences=("women",),
        access=("bsl",),
    )
    make_service(
        "Draft",
        status=Service.Status.DRAFT,
        kinds=("app",),
        formats=("video",),
        audiences=("men",),
        access=("wheelchair",),
    )
    # Who a service also supports is not who it is set up for: the audience search does
    # not find it, so the box is not offered.
    also = make_service("Also supports", kinds=("helpline",))
    also.also_supports.set([tag(Audience, "parents-carers")])
    Kind.objects.create(slug="crisis-cafe", name="Crisis cafe")
    for page in (HOME, RESULTS):
        html = client.get(page).content.decode()
        assert offered(html, "kind") == {"helpline"}
        assert offered(html, "format") == {"phone"}
        assert offered(html, "audience") == {"women"}
        assert offered(html, "access") == {"bsl"}


def test_a_tag_from_an_old_link_that_matches_nothing_still_searches_and_can_be_unticked(client):
    make_service("Helpline", kinds=("helpline",))
    Kind.objects.create(slug="crisis-cafe", name="Crisis cafe")
    html = client.get(RESULTS, {"kind": "crisis-cafe"}).content.decode()
    assert "We found 0 services." in html
    assert "not on our list" not in html
    assert "Kind of support: <strong>Crisis cafe</strong>" in html  # What you searched for
    assert "Search without it" in html
    # Shown, ticked, while the link has it: the reader can see it and untick it.
    assert re.search(r'name="kind" value="crisis-cafe" id="id_kind_\d+" checked>', html)
    assert offered(html, "kind") == {"helpline", "crisis-cafe"}


def test_only_a_tag_that_does_not_exist_gets_the_not_on_our_list_message(client):
    make_service("Helpline", kinds=("helpline",))
    html = client.get(RESULTS, {"kind": "no-such-kind"}).content.decode()
    assert "One of the kinds of support in the link is not on our list" in html
    assert "no-such-kind" not in offered(html, "kind")


def test_every_list_and_what_each_offers_are_read_in_one_query(django_assert_num_queries):
    make_service("Helpline", kinds=("helpline",), access=("bsl",))
    make_service("Draft app", kinds=("app",), status=Service.Status.DRAFT)
    Kind.objects.create(slug="crisis-cafe", name="Crisis cafe")
    vocabulary = Vocabulary(TAG_MODELS)
    with django_assert_num_queries(1):
        assert {slug for slug, _ in vocabulary.choices("kind")} == {
            "helpline",
            "app",
            "crisis-cafe",
        }
        assert vocabulary.offered("kind") == {"helpline"}
        assert vocabulary.offered("access") == {"bsl"}
        assert vocabulary.offered("format") == set()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("samaritans", {"Samaritans helpline"}),
        ("SAMARITANS", {"Samaritans helpline"}),
        ("young text", {"Night texts"}),
        ("peer", {"Peer group"}),  # matches the kind's name
        ("Mind", {"Mind Infoline"}),  # matches the organisation
        ("nothing-like-this", set()),
    ],
)
def test_free_text_matches_every_word_in_names_organisations_summaries_and_kinds(words, expected):
    make_service("Samaritans helpline", summary="Talk any time.")
    make_service("Night texts", summary="Texting support for young people.", kinds=("text-line",))
    make_service("Peer group", kinds=("peer-support",), summary="Meet others.")
    make_service("Mind Infoline", organisation="Mind", summary="Information.")
    assert names_for(f"q={words}") == expected


OPENING_CASES = [
    # Monday 2026-11-23. Slots: evenings run to midnight; Friday night runs into Saturday.
    ("2026-11-23T16:59", {"24 hours", "App", "Office hours"}),
    ("2026-11-23T17:00", {"24 hours", "App", "Evenings"}),
    ("2026-11-23T23:59", {"24 hours", "App", "Evenings"}),
    ("2026-11-24T00:00", {"24 hours", "App"}),
    ("2026-11-27T23:00", {"24 hours", "App", "Evenings", "Friday night"}),
    ("2026-11-28T01:30", {"24 hours", "App", "Friday night"}),
    ("2026-11-28T02:00", {"24 hours", "App"}),
    ("2026-11-23T10:00", {"24 hours", "App", "Office hours"}),
]


def _opening_services():
    make_service("24 hours", open_24_hours=True)
    make_service("App", any_time=True)
    make_service("Evenings", slots=tuple((day, "17:00", "00:00") for day in range(7)))
    make_service("Friday night", slots=((4, "22:00", "02:00"),))
    make_service("Office hours", slots=tuple((day, "09:00", "17:00") for day in range(5)))
    make_service("Hours unknown")


@pytest.mark.parametrize(("moment", "expected"), OPENING_CASES)
def test_open_at_filter_finds_services_open_at_that_uk_time(moment, expected):
    _opening_services()
    assert names_for(f"open_at={moment}") == expected


@pytest.mark.parametrize(("moment", "expected"), OPENING_CASES)
def test_open_now_filter_uses_the_current_moment(moment, expected):
    _opening_services()
    now = datetime.fromisoformat(moment).replace(tzinfo=hours.UK)
    assert names_for("open=now", now=now) == expected


@pytest.mark.parametrize(("moment", "_expected"), OPENING_CASES)
def test_database_and_python_agree_on_what_is_open(moment, _expected):
    _opening_services()
    now = datetime.fromisoformat(moment).replace(tzinfo=hours.UK)
    in_python = {s.name for s in Service.objects.with_related() if hours.is_open(s.schedule, now)}
    assert names_for(f"open_at={moment}") == in_python


def test_open_now_is_right_across_the_spring_clock_change():
    make_service("Early Sunday", slots=((6, "02:00", "03:00"),))
    before = datetime.fromisoformat("2026-03-29T00:30+00:00")  # 00:30 GMT
    after = datetime.fromisoformat("2026-03-29T01:30+00:00")  # 02:30 BST
    assert names_for("open=now", now=before) == set()
    assert names_for("open=now", now=after) == {"Early Sunday"}


def test_open_now_is_right_across_the_autumn_clock_change():
    make_service("Saturday evening", slots=((5, "20:00", "00:00"),))
    assert names_for("open=now", now=datetime.fromisoformat("2026-10-24T22:30+00:00")) == {
        "Saturday evening"
    }
    assert names_for("open=now", now=datetime.fromisoformat("2026-10-24T23:30+00:00")) == set()


def test_out_of_hours_filter_keeps_services_open_outside_office_hours():
    _opening_services()
    make_service("Saturday morning", slots=((5, "10:00", "12:00"),))
    assert names_for("open=out_of_hours") == {
        "24 hours",
        "App",
        "Evenings",
        "Friday night",
        "Saturday morning",
    }
    in_python = {
        s.name for s in Service.objects.with_related() if hours.is_open_out_of_hours(s.schedule)
    }
    assert names_for("open=out_of_hours") == in_python


def test_only_published_services_are_found():
    make_service("Published")
    make_service("Draft", status=Service.Status.DRAFT)
    make_service("Withdrawn", status=Service.Status.WITHDRAWN)
    assert names_for("") == {"Published"}


@pytest.mark.parametrize(
    "query",
    [
        "age=abc",
        "age=-3",
        "age=16.5",
        "age=1e9",
        "age=NaN",
        "open_at=yesterday",
        "open_at=2026-13-45T99:99",
        "open=sometimes",
        "kind=not-a-kind",
        "self_referral=maybe",
        "q=" + "x" * 10_000,
        "q=nul%00byte",
    ],
)
def test_bad_input_is_reported_and_the_rest_of_the_search_still_runs(query):
    make_service("Free one", cost="free")
    make_service("Paid one", cost="paid")
    filterset, results = search_results(QueryDict(f"{query}&free=yes"), now=MONDAY_NOON)
    assert filterset.form.errors
    assert set(results.values_list("name", flat=True)) == {"Free one"}


def test_a_list_with_no_tag_in_use_is_left_off_the_form(client):
    make_service("Helpline", kinds=("helpline",))
    Kind.objects.create(slug="crisis-cafe", name="Crisis cafe")
    html = client.get(HOME).content.decode()
    assert "<legend>Kind of support</legend>" in html
    assert "<legend>Access needs</legend>" not in html
    # A link naming a tag that does not exist still gets its message there.
    html = client.get(RESULTS, {"access": "no-such-need"}).content.decode()
    assert "<legend>Access needs</legend>" in html
    assert "One of the access needs in the link is not on our list" in html
