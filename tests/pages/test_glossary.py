"""Words services use are explained where readers meet them: in a service's summary, its
kinds and the text we write about it, in one and many, and by their abbreviations."""

import re

import pytest
import textstat
from django.urls import reverse
from django.utils.safestring import mark_safe

from config.jinja2 import link_glossary_terms
from services.models import Kind
from services.pages.glossary import ENTRIES
from tests.factories import make_service, tag
from tests.language import blocked_words

pytestmark = pytest.mark.django_db
GLOSSARY = reverse("services:glossary")
SLUGS = {entry.slug for entry in ENTRIES}


def linked(html: str) -> list[tuple[str, str]]:
    """(entry, words) for each glossary link, in order."""
    return re.findall(r'<a href="/glossary/#([a-z-]+)">([^<]+)</a>', html)


# The glossary itself


@pytest.mark.parametrize(
    "term",
    [
        "Child and adolescent mental health services (CAMHS)",
        "Community mental health team (CMHT)",
        "Liaison team",
        "Social prescribing",
        "Link worker",
        "Counselling",
        "Single point of access",
        "Advocacy",
        "Befriending",
        "Peer-led",
    ],
)
def test_the_glossary_explains_the_words_services_use(client, term):
    html = client.get(GLOSSARY).content.decode()
    (entry,) = [entry for entry in ENTRIES if entry.term == term]
    assert f'<dt id="{entry.slug}">{term}</dt>' in html


def test_glossary_entries_are_in_alphabetical_order_and_say_what_else_they_are_called(client):
    html = client.get(GLOSSARY).content.decode()
    terms = re.findall(r"<dt id=[^>]+>([^<]+)</dt>", html)
    assert terms == sorted(terms, key=str.casefold)
    assert "Also called liaison psychiatry or psychiatric liaison or mental health liaison." in (
        html
    )


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.slug)
def test_every_entry_is_in_plain_short_sentences(entry):
    text = f"{entry.meaning} {entry.for_you}"
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        assert len(sentence.split()) < 20, sentence
    assert textstat.flesch_reading_ease(text) >= 70
    assert textstat.flesch_kincaid_grade(text) <= 6
    assert blocked_words([(entry.term, text)]) == []


def test_no_two_entries_answer_to_the_same_name():
    names = [name.casefold() for entry in ENTRIES for name in entry.names]
    assert len(names) == len(set(names))


# Linking words where readers meet them


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ask for referrals.", [("referral", "referrals")]),
        ("Local crisis teams can help.", [("crisis-team", "crisis teams")]),
        (
            "Talk to CAMHS or the CMHT.",
            [
                ("child-and-adolescent-mental-health-services-camhs", "CAMHS"),
                ("community-mental-health-team-cmht", "CMHT"),
            ],
        ),
        ("Two CMHTs cover it.", [("community-mental-health-team-cmht", "CMHTs")]),
        ("A talking therapy.", [("talking-therapies", "talking therapy")]),
        ("Ask for liaison psychiatry.", [("liaison-team", "liaison psychiatry")]),
        (
            "See a social prescribing link worker.",
            [("link-worker", "social prescribing link worker")],
        ),
        ("Call the SPA.", [("single-point-of-access", "SPA")]),
        (
            "A peer-led group with befrienders.",
            [("peer-led", "peer-led"), ("befriending", "befrienders")],
        ),
        # The longest name wins: a self-referral is not a referral.
        ("A self-referral.", [("self-referral", "self-referral")]),
        # Abbreviations only in capitals; words inside other words or addresses are not links.
        ("A spa day.", []),
        ("Go to example.org/counselling or www.counselling.org.", []),
        ("Referrals-only.", []),
    ],
)
def test_glossary_words_are_linked_in_one_and_many_and_by_abbreviation(text, expected):
    assert linked(link_glossary_terms(text)) == expected


def test_each_word_is_linked_once_a_paragraph_at_its_first_mention():
    html = link_glossary_terms(
        "A referral is needed. Your GP sends the referral. Referrals take time."
    )
    assert linked(html) == [("referral", "referral")]
    assert html.endswith("Your GP sends the referral. Referrals take time.")
    # Another name of the same entry is not linked again either.
    assert linked(link_glossary_terms("CAMHS (child and adolescent mental health services)")) == [
        ("child-and-adolescent-mental-health-services-camhs", "CAMHS")
    ]


def test_text_is_escaped_first_and_a_link_is_never_put_inside_a_link():
    assert link_glossary_terms("<b>Help</b> & counselling") == (
        '&lt;b&gt;Help&lt;/b&gt; &amp; <a href="/glossary/#counselling">counselling</a>'
    )
    already_html = mark_safe('<a href="/x">Counselling</a> and counselling')
    assert link_glossary_terms(already_html) == (
        '<a href="/x">Counselling</a> and <a href="/glossary/#counselling">counselling</a>'
    )


def test_a_service_page_links_words_in_its_summary_kinds_and_our_text(client):
    tag(Kind, "counselling", "Counselling")
    service = make_service(
        "Young minds",
        kinds=("counselling",),
        summary="Help from CAMHS and local crisis teams.",
        who_for="Young people. Ask a link worker about befriending.",
        referral_note="Your GP or the SPA can make a referral. Referrals take 2 weeks.",
        route_in="Ask your GP for a referral.",
        status_note="The peer-led group has moved.",
    )
    html = client.get(service.get_absolute_url()).content.decode()
    found = set(linked(html))
    for pair in [
        ("counselling", "Counselling"),  # the name of its kind
        ("child-and-adolescent-mental-health-services-camhs", "CAMHS"),
        ("crisis-team", "crisis teams"),
        ("link-worker", "link worker"),
        ("befriending", "befriending"),
        ("single-point-of-access", "SPA"),
        ("referral", "referral"),
        ("peer-led", "peer-led"),
    ]:
        assert pair in found
    (paragraph,) = re.findall(r"<dd>Your GP or the .*?</dd>", html)
    assert [slug for slug, _ in linked(paragraph)] == ["single-point-of-access", "referral"]
    assert {slug for slug, _ in linked(html)} <= SLUGS


def test_a_services_own_words_are_quoted_as_they_are_without_links(client):
    service = make_service(
        "Quoted",
        self_harm_policy="case_by_case",
        self_harm_policy_wording="Our CMHT takes referrals.",
    )
    html = client.get(service.get_absolute_url()).content.decode()
    assert "<blockquote><p>Our CMHT takes referrals.</p>" in html
