"""Suggest a change: readers tell curators what is wrong with a listing, from any service page.

It never changes the directory and never sets a cookie; it refuses posts from other sites,
floods, programs and oversized or empty messages with a page that says why, keeping nothing;
reply emails are forgotten after 30 days; reviewers resolve suggestions in the admin.
"""

import hashlib
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import IntegrityError
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse

from services import hours
from services.curation.choices import SuggestionResolution, SuggestionTopic
from services.curation.models import RecentSender, Suggestion
from services.curation.queue import SUGGESTION, queue
from services.curation.suggestions import SENT_PER_HOUR_LIMIT, sender_code
from services.curation.views import client_address
from services.models import Service
from tests.curation.accounts import verified_login
from tests.factories import make_service
from tests.language import blocked_words, reading_problems
from tests.pages.test_safety import parsed

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=hours.UK)
HERE = "http://testserver"
FROM_HERE = {"Origin": HERE, "Sec-Fetch-Site": "same-origin"}
GOOD = {"topic": "phone", "details": "The number is now 01803 000000.", "email": ""}


@pytest.fixture
def service():
    return make_service("Evening group", slug="evening-group")


def form_url(service) -> str:
    return reverse("curation:suggest", kwargs={"slug": service.slug})


def thanks_url(service) -> str:
    return reverse("curation:suggest_thanks", kwargs={"slug": service.slug})


def send(client, service, data=GOOD, headers=FROM_HERE, **extra):
    return client.post(form_url(service), data, headers=headers, **extra)


# Taking a suggestion in


@time_machine.travel(NOW, tick=False)
def test_a_suggestion_is_kept_and_waits_in_the_curators_queue(client, service):
    response = send(client, service, {**GOOD, "email": "reader@example.org"})
    assert response.status_code == 303
    assert response["Location"] == thanks_url(service)
    suggestion = Suggestion.objects.get()
    assert (suggestion.service, suggestion.topic, suggestion.details, suggestion.email) == (
        service,
        SuggestionTopic.PHONE,
        GOOD["details"],
        "reader@example.org",
    )
    assert suggestion.is_open
    [item] = [item for item in queue(NOW) if item.reason == SUGGESTION]
    assert (item.service_name, item.since, item.suggestion_id) == (
        "Evening group",
        NOW.date(),
        suggestion.pk,
    )
    # The reader's words stay in the admin: the daily job's mail gives the topic only.
    assert item.detail == "suggested: the phone number is wrong"
    assert GOOD["details"] not in item.line


def test_unresolved_suggestions_are_in_the_queue_oldest_first_and_leave_it_once_resolved(
    client, service, reviewer
):
    other = make_service("Helpline", slug="a-helpline")
    for day, about in ((3, service), (1, other), (2, service)):
        with time_machine.travel(datetime(2026, 11, day, 12, 0, tzinfo=hours.UK), tick=False):
            send(client, about, REMOTE_ADDR=f"10.0.0.{day}")
    waiting = [(item.since.day, item.service_name) for item in queue(NOW)]
    assert [entry for entry in waiting if entry[0] in (1, 2, 3)] == [
        (1, "Helpline"),
        (2, "Evening group"),
        (3, "Evening group"),
    ]
    verified_login(client, reviewer)
    oldest = Suggestion.objects.earliest("created_at")
    client.post(
        reverse("admin:curation_suggestion_change", args=[oldest.pk]),
        {"resolution": SuggestionResolution.CORRECTED, "note": "New number added."},
    )
    assert oldest.pk not in [item.suggestion_id for item in queue(NOW)]


def test_a_suggestion_never_changes_the_service(client, service):
    before = model_to_dict(Service.objects.get(pk=service.pk))
    history = service.history.count()
    send(client, service, {**GOOD, "topic": "closed", "details": "They have closed."})
    assert Suggestion.objects.count() == 1
    after = Service.objects.get(pk=service.pk)
    assert model_to_dict(after) == before
    assert after.status == Service.Status.PUBLISHED
    assert service.history.count() == history


def test_the_thank_you_page_says_what_happens_next_with_the_crisis_contacts(client, service):
    response = client.get(send(client, service)["Location"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "What happens next" in html
    assert "check with the service before they change the listing" in html
    assert "If you need to talk to someone now" in html
    assert "tel:116123" in html
    assert "no-store" in response["Cache-Control"]


# No cookies, and how the page lets its post say where it came from


def test_the_form_and_its_answers_set_no_cookies(client, service):
    responses = [
        client.get(form_url(service)),
        send(client, service),
        send(client, service, {**GOOD, "details": ""}),
        send(client, service, headers={"Origin": "https://evil.example"}),
        client.get(thanks_url(service)),
    ]
    for response in responses:
        assert not response.cookies, response.status_code
        assert "Set-Cookie" not in response.headers
    assert not client.cookies


def test_the_form_page_lets_its_post_carry_this_sites_origin_and_only_it(client, service):
    response = client.get(form_url(service))
    html = response.content.decode()
    assert response["Referrer-Policy"] == "same-origin"
    assert '<meta name="referrer" content="same-origin">' in html
    assert "no-store" in response["Cache-Control"]
    # Every other public page still sends no referrer.
    page = client.get(service.get_absolute_url())
    assert page["Referrer-Policy"] == "no-referrer"
    assert '<meta name="referrer" content="no-referrer">' in page.content.decode()


# Where a post came from: (headers, kept?)
ORIGINS = [
    ({"Origin": HERE}, True),
    ({"Origin": HERE.upper()}, True),
    ({"Origin": "https://evil.example"}, False),
    ({"Origin": "https://evil.example", "Sec-Fetch-Site": "same-origin"}, False),
    ({"Origin": "http://testserver.evil.example"}, False),
    ({"Origin": "https://testserver"}, False),  # another scheme is another site
    ({"Sec-Fetch-Site": "same-origin"}, True),
    ({"Sec-Fetch-Site": "cross-site"}, False),
    ({"Sec-Fetch-Site": "same-site"}, False),
    ({"Sec-Fetch-Site": "none"}, False),
    ({"Origin": "null", "Sec-Fetch-Site": "same-origin"}, True),
    ({"Origin": "null", "Sec-Fetch-Site": "cross-site"}, False),
    ({"Origin": "null"}, False),
    ({"Referer": HERE + "/services/evening-group/suggest-a-change/"}, True),
    ({"Referer": "https://evil.example/services/evening-group/suggest-a-change/"}, False),
    ({"Referer": "not a web address"}, False),
    ({}, False),
]


@pytest.mark.parametrize(("headers", "kept"), ORIGINS)
def test_only_posts_from_this_sites_own_page_are_kept(client, service, headers, kept):
    response = send(client, service, headers=headers)
    assert Suggestion.objects.exists() is kept
    if kept:
        assert response.status_code == 303
    else:
        assert response.status_code == 403
        html = response.content.decode()
        assert "We only take messages sent from the form on this site." in html
        assert "We have not kept anything you sent." in html
        assert "If you need to talk to someone now" in html


def test_over_https_the_origin_must_be_https_too(client, service):
    assert send(client, service, headers={"Origin": HERE}, secure=True).status_code == 403
    assert send(client, service, headers={"Origin": "https://testserver"}, secure=True)
    assert Suggestion.objects.count() == 1


# Programs, bad input and oversized posts


def test_a_filled_hidden_field_is_thanked_and_nothing_is_kept(client, service):
    html = client.get(form_url(service)).content.decode()
    hidden = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S)
    assert hidden, "the hidden field is hidden from eyes and screen readers"
    assert 'name="homepage"' in hidden.group(1)
    assert 'tabindex="-1"' in hidden.group(1)
    assert 'autocomplete="off"' in hidden.group(1)
    assert "Leave this box empty" in hidden.group(1)
    response = send(client, service, {**GOOD, "homepage": "https://spam.example"})
    assert response.status_code == 303
    assert response["Location"] == thanks_url(service)
    assert not Suggestion.objects.exists()
    assert not RecentSender.objects.exists()


def test_an_empty_message_is_asked_for_again_keeping_what_was_typed(client, service):
    response = send(client, service, {"topic": "hours", "details": "   ", "email": "me@x.org"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert '<a href="#id_details">Tell us what is wrong</a>' in html
    assert 'aria-describedby="id_details-hint id_details-error"' in html
    assert 'value="hours" id="id_topic_1" checked' in html
    assert 'value="me@x.org"' in html
    assert "<title>Error: " in html
    assert not Suggestion.objects.exists()


def test_a_missing_topic_and_a_bad_email_each_say_what_to_do(client, service):
    response = send(client, service, {"details": "Closed on Fridays now.", "email": "not-mail"})
    html = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_topic_0">Choose what is wrong, or choose “Something else”</a>' in html
    assert '<a href="#id_email">Enter an email address like name@example.com</a>' in html
    assert "Closed on Fridays now.</textarea>" in html
    assert 'value="not-mail"' in html
    assert not Suggestion.objects.exists()


def test_a_message_over_2000_characters_is_kept_on_the_page_to_shorten(client, service):
    words = "x" * 2001
    response = send(client, service, {**GOOD, "details": words})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Use 2,000 characters or fewer. You have used 2001." in html
    assert f">{words}</textarea>" in html
    assert not Suggestion.objects.exists()


def test_a_100_kb_post_is_refused_unread_with_a_page_that_says_why(client, service):
    response = send(client, service, {**GOOD, "details": "x" * 100_000})
    html = response.content.decode()
    assert response.status_code == 413
    assert "Your message was too long for us to read." in html
    assert "Use 2,000 characters or fewer" in html
    assert "If you need to talk to someone now" in html
    assert not Suggestion.objects.exists()


def test_a_post_of_thousands_of_fields_is_refused_with_a_page_not_an_error(client, service):
    body = "&".join(f"f{number}=1" for number in range(1500))
    response = client.post(
        form_url(service),
        body,
        content_type="application/x-www-form-urlencoded",
        headers=FROM_HERE,
    )
    assert response.status_code == 400
    assert "We could not read what your browser sent." in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_script_is_kept_as_words_and_always_shown_as_words(client, service, reviewer):
    script = '<script>alert("hi")</script> & <b>bold</b>'
    send(client, service, {**GOOD, "details": script})
    assert Suggestion.objects.get().details == script
    again = send(client, service, {**GOOD, "details": script, "email": "bad"}).content.decode()
    assert "<script>alert" not in again
    assert "&lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt; &amp; &lt;b&gt;" in again
    verified_login(client, reviewer)
    for page in (
        reverse("admin:curation_suggestion_changelist"),
        reverse("admin:curation_suggestion_change", args=[Suggestion.objects.get().pk]),
    ):
        html = client.get(page).content.decode()
        assert "<script>alert" not in html, page
        assert "&lt;script&gt;alert(" in html, page


# The hourly limit


def test_the_sixth_suggestion_in_an_hour_from_one_address_is_refused_kindly(client, service):
    with time_machine.travel(NOW, tick=False):
        for _ in range(SENT_PER_HOUR_LIMIT):
            assert send(client, service, REMOTE_ADDR="203.0.113.9").status_code == 303
        refused = send(client, service, REMOTE_ADDR="203.0.113.9")
        assert refused.status_code == 429
        assert refused["Retry-After"] == "3600"
        html = refused.content.decode()
        assert "You have sent several messages in the last hour." in html
        assert "If you need to talk to someone now" in html
        assert Suggestion.objects.count() == SENT_PER_HOUR_LIMIT
        # Someone else is not held up.
        assert send(client, service, REMOTE_ADDR="198.51.100.7").status_code == 303
    with time_machine.travel(NOW + timedelta(hours=1, minutes=1), tick=False):
        assert send(client, service, REMOTE_ADDR="203.0.113.9").status_code == 303


def test_the_limit_keeps_no_address_only_codes_that_are_soon_deleted(client, service):
    address = "203.0.113.9"
    with time_machine.travel(NOW, tick=False):
        send(client, service, REMOTE_ADDR=address)
        send(client, service, REMOTE_ADDR="198.51.100.7")
    stored = list(RecentSender.objects.values_list("code", flat=True))
    plain_hashes = {
        getattr(hashlib, name)(address.encode()).hexdigest() for name in ("md5", "sha1", "sha256")
    }
    assert len(stored) == 2
    for code in stored:
        assert address not in code
        assert code not in plain_hashes
    assert not any(address in str(value) for value in Suggestion.objects.values_list())
    # A code for the same address on another day is unrelated.
    assert sender_code(address, NOW.date()) != sender_code(address, NOW.date() + timedelta(1))
    # The next suggestion, over an hour later, deletes the codes the limit no longer needs.
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        send(client, service, REMOTE_ADDR="192.0.2.1")
    assert RecentSender.objects.count() == 1


def test_the_limit_holds_across_midnight_when_the_codes_change(client, service):
    before_midnight = datetime(2026, 12, 1, 23, 40, tzinfo=UTC)
    with time_machine.travel(before_midnight, tick=False):
        for _ in range(SENT_PER_HOUR_LIMIT):
            send(client, service)
    with time_machine.travel(before_midnight + timedelta(minutes=30), tick=False):
        assert send(client, service).status_code == 429


def test_the_address_is_the_last_one_a_proxy_added(rf: RequestFactory, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    request = rf.post("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "203.0.113.9"
    settings.CLIENT_ADDRESS_HEADER = "REMOTE_ADDR"
    assert client_address(request) == "10.0.0.1"
    request = rf.post("/", HTTP_X_FORWARDED_FOR="1.2.3.4, not an address")
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_address(request) == ""


# Forgetting reply emails


def test_reply_emails_are_deleted_after_30_days_by_the_daily_jobs(client, service):
    with time_machine.travel(NOW, tick=False):
        send(client, service, {**GOOD, "email": "reader@example.org"})
    with time_machine.travel(NOW + timedelta(days=29), tick=False):
        call_command("forget_old_suggestion_emails", stdout=StringIO())
    assert Suggestion.objects.get().email == "reader@example.org"
    with time_machine.travel(NOW + timedelta(days=30, minutes=1), tick=False):
        out = StringIO()
        call_command("forget_old_suggestion_emails", stdout=out)
    assert out.getvalue() == "Deleted 1 reply emails older than 30 days.\n"
    suggestion = Suggestion.objects.get()
    assert suggestion.email == ""
    assert suggestion.details == GOOD["details"]


def test_due_for_check_forgets_old_reply_emails_too(client, service):
    with time_machine.travel(NOW, tick=False):
        send(client, service, {**GOOD, "email": "reader@example.org"})
    with time_machine.travel(NOW + timedelta(days=31), tick=False):
        call_command("due_for_check", stdout=StringIO())
    assert Suggestion.objects.get().email == ""
    assert not RecentSender.objects.exists()


# Which services, and which methods


def test_unknown_draft_and_withdrawn_services_have_no_form(client, service):
    draft = make_service("Draft", status=Service.Status.DRAFT)
    withdrawn = make_service("Withdrawn", status=Service.Status.WITHDRAWN)
    forms = [
        reverse("curation:suggest", kwargs={"slug": "no-such-service"}),
        form_url(draft),
        form_url(withdrawn),
    ]
    for url in [*forms, thanks_url(draft), thanks_url(withdrawn)]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "We could not find that page" in response.content.decode()
    for url in forms:
        assert client.post(url, GOOD, headers=FROM_HERE).status_code == 404
    assert not Suggestion.objects.exists()


def test_other_methods_get_the_sites_405_page(client, service):
    response = client.put(form_url(service))
    assert response.status_code == 405
    assert "If you need to talk to someone now" in response.content.decode()
    assert client.post(thanks_url(service), headers=FROM_HERE).status_code == 405


def test_every_service_page_links_to_the_form(client, service):
    html = client.get(service.get_absolute_url()).content.decode()
    assert f'<a href="{form_url(service)}">Something wrong or out of date? Tell us</a>' in html


def test_the_form_is_labelled_with_its_topics_in_a_fieldset(client, service):
    html = client.get(form_url(service)).content.decode()
    assert "<legend>What is wrong?</legend>" in html
    for number, (value, label) in enumerate(SuggestionTopic.choices):
        assert f'<input type="radio" name="topic" value="{value}" id="id_topic_{number}">' in html
        assert f'<label for="id_topic_{number}">{label}</label>' in html
    assert '<label for="id_details">Tell us more</label>' in html
    assert '<label for="id_email">Your email address (optional)</label>' in html
    assert "We delete it after 30 days." in html
    assert f'href="{reverse("services:privacy")}#suggestions"' in html


def test_the_database_refuses_a_message_longer_than_the_form_allows(service):
    with pytest.raises(IntegrityError):
        Suggestion.objects.create(service=service, topic="other", details="x" * 2001)


# Reviewers resolve, curators read


def sent_suggestion(service, **fields) -> Suggestion:
    fields = {"topic": "hours", "details": "Open on Sundays now.", **fields}
    return Suggestion.objects.create(service=service, **fields)


def test_a_reviewer_resolves_a_suggestion_with_a_note(client, service, reviewer):
    suggestion = sent_suggestion(service)
    verified_login(client, reviewer)
    url = reverse("admin:curation_suggestion_change", args=[suggestion.pk])
    assert "Decision" in client.get(url).content.decode()
    response = client.post(url, {"resolution": "no_change", "note": "Sundays were right."})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.resolution, suggestion.note, suggestion.resolved_by) == (
        SuggestionResolution.NO_CHANGE,
        "Sundays were right.",
        reviewer,
    )
    assert suggestion.resolved_at is not None
    assert suggestion.details == "Open on Sundays now."
    # The decision stands: the page now only shows it.
    page = client.get(url).content.decode()
    assert 'name="resolution"' not in page
    assert "Sundays were right." in page
    assert client.post(url, {"resolution": "corrected", "note": "x"}).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.resolution == SuggestionResolution.NO_CHANGE


def test_a_curator_reads_suggestions_but_cannot_resolve_them(client, service, curator):
    suggestion = sent_suggestion(service)
    verified_login(client, curator)
    changelist = client.get(reverse("admin:curation_suggestion_changelist"))
    assert changelist.status_code == 200
    assert "mark_not_about_the_listing" not in changelist.content.decode()
    url = reverse("admin:curation_suggestion_change", args=[suggestion.pk])
    page = client.get(url).content.decode()
    assert "Open on Sundays now." in page
    assert 'name="resolution"' not in page
    assert client.post(url, {"resolution": "no_change"}).status_code == 403
    assert Suggestion.objects.get().is_open


def test_a_reviewer_clears_spam_in_bulk_and_nobody_adds_suggestions_in_the_admin(
    client, service, reviewer
):
    spam = [sent_suggestion(service) for _ in range(3)]
    verified_login(client, reviewer)
    changelist = reverse("admin:curation_suggestion_changelist")
    client.post(
        changelist,
        {"action": "mark_not_about_the_listing", "_selected_action": [s.pk for s in spam[:2]]},
    )
    resolutions = [s.resolution for s in Suggestion.objects.order_by("pk")]
    assert resolutions == ["not_about_listing", "not_about_listing", ""]
    assert client.get(reverse("admin:curation_suggestion_changelist") + "add/").status_code in (
        403,
        404,
    )


def test_the_admin_lists_unresolved_first_oldest_first(client, service, reviewer):
    with time_machine.travel(datetime(2026, 11, 1, tzinfo=UTC), tick=False):
        resolved = sent_suggestion(service, details="First, resolved.")
    resolved.resolution, resolved.resolved_by = "no_change", reviewer
    resolved.resolved_at = datetime(2026, 11, 2, tzinfo=UTC)
    resolved.save()
    for day, words in ((5, "Newest waiting."), (3, "Oldest waiting.")):
        with time_machine.travel(datetime(2026, 11, day, tzinfo=UTC), tick=False):
            sent_suggestion(service, details=words)
    verified_login(client, reviewer)
    html = client.get(reverse("admin:curation_suggestion_changelist")).content.decode()
    order = [html.index(words) for words in ("Oldest waiting.", "Newest waiting.", "First, r")]
    assert order == sorted(order)


# Words readers see


class MainText(HTMLParser):
    """The text of each heading, paragraph, list item, legend and label inside <main>."""

    BLOCKS = {"h1", "h2", "h3", "p", "li", "legend", "label"}

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self.depth = 0
        self.in_main = False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        if tag in self.BLOCKS and self.in_main:
            self.depth += 1
            if self.depth == 1:
                self.texts.append("")

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        if tag in self.BLOCKS and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.texts[-1] += data


def texts_of(html: str) -> list[str]:
    parser = MainText()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.texts if text.strip()]


def test_every_page_of_the_form_and_the_privacy_page_read_plainly(client, service):
    pages = {
        "form": client.get(form_url(service)),
        "form with problems": send(client, service, {"details": "", "email": "bad"}),
        "thanks": client.get(thanks_url(service)),
        "not from here": send(client, service, headers={}),
        "too long": send(client, service, {**GOOD, "details": "x" * 40_000}),
        "privacy": client.get(reverse("services:privacy")),
    }
    with time_machine.travel(NOW, tick=False):
        for _ in range(SENT_PER_HOUR_LIMIT):
            send(client, service, REMOTE_ADDR="192.0.2.50")
        pages["too many"] = send(client, service, REMOTE_ADDR="192.0.2.50")
    body = "&".join(f"f{number}=1" for number in range(1500))
    pages["unreadable"] = client.post(
        form_url(service), body, content_type="application/x-www-form-urlencoded", headers=FROM_HERE
    )
    problems = []
    for name, response in pages.items():
        texts = texts_of(response.content.decode())
        assert texts, name
        problems += blocked_words((name, text) for text in texts)
        problems += [problem for text in texts for problem in reading_problems(name, text)]
    assert problems == [], "\n".join(problems)


def test_the_privacy_page_says_what_the_form_keeps_and_for_how_long(client):
    html = client.get(reverse("services:privacy")).content.decode()
    section = html[html.index('id="suggestions"') :]
    for words in (
        "what you said is wrong, the words you wrote and the date you sent it",
        "we keep it for 30 days so we can reply. Then we delete it.",
        "Only the people who look after the list can read your message.",
        "We do not keep your internet address.",
        "we delete it within a day",
        "The form does not set a cookie.",
    ):
        assert words in section


def test_the_forms_pages_load_nothing_from_elsewhere_and_have_no_inline_code(client, service):
    for response in (
        client.get(form_url(service)),
        send(client, service, {**GOOD, "details": ""}),
        client.get(thanks_url(service)),
        send(client, service, headers={}),
    ):
        page = parsed(response.content.decode())
        assert all(resource.startswith("/") for resource in page.loaded)
        assert (page.inline_scripts, page.style_attributes, page.style_elements) == (0, 0, 0)
        # The way out is still the first thing a keyboard reaches.
        assert page.focusable[0]["class"] == "skip-link"


def test_the_queue_page_links_each_waiting_suggestion(client, service, curator):
    suggestion = sent_suggestion(service)
    verified_login(client, curator)
    html = client.get(reverse("admin:curation_queue_changelist")).content.decode()
    link = reverse("admin:curation_suggestion_change", args=[suggestion.pk])
    assert f'<a href="{link}">The suggestion</a>' in html
    assert "Suggested: the opening times are wrong" in html
