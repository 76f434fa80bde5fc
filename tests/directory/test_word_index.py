"""Words find services through each service's search document (services.word_index) on
PostgreSQL, and by LIKE on SQLite: the same answers either way for what people type."""

import pytest
from django.db import connection
from django.http import QueryDict

from services import word_index
from services.models import Kind, Organisation, Service
from services.search.filters import search_results
from tests.factories import make_service, tag

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search document is PostgreSQL's"
)


def names_in_order(words: str) -> list[str]:
    _, results = search_results(QueryDict(f"q={words}"), now=None)
    return list(results.values_list("name", flat=True))


def names_for(words: str) -> set[str]:
    return set(names_in_order(words))


def test_word_parts_split_words_as_the_document_does():
    assert word_index.word_parts("Self-harm  SUPPORT self") == ["self", "harm", "support"]
    assert word_index.word_parts("o'neil & co.") == ["o", "neil", "co"]
    assert word_index.word_parts("?!") == []


def three_services():
    make_service("Self-harm peer group", summary="Meet people.", kinds=("peer-support",))
    make_service("Talking therapies", summary="Counselling on the NHS.", kinds=("counselling",))
    make_service("Night texts", summary="Texting support at weekends.")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("harm", {"Self-harm peer group"}),  # part of a hyphenated word
        ("self-harm", {"Self-harm peer group"}),
        ("couns", {"Talking therapies"}),  # the start of a word, as someone types it
        ("texting", {"Night texts"}),  # in the summary
        ("the", {"Talking therapies"}),  # a stop word in English still matches as typed
        ("harm group", {"Self-harm peer group"}),  # every word must match
        ("harm texts", set()),
        ("?!", set()),  # only punctuation: nothing to look for, and no error
    ],
)
def test_words_find_the_services_whose_words_start_with_them(words, expected):
    three_services()
    assert names_for(words) == expected


@on_postgresql
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("groups", {"Self-harm peer group"}),  # English stem: groups finds group
        ("meetings", {"Self-harm peer group"}),  # stems alike: meet
        ("port", set()),  # the middle of a word is not looked for
    ],
)
def test_on_postgresql_words_match_by_stem_and_never_mid_word(words, expected):
    three_services()
    assert names_for(words) == expected


def test_services_whose_name_has_every_word_come_first():
    make_service("Aardvark line", summary="Support for carers.")
    make_service("Carers support", summary="A group.")
    make_service("Zebra carers", summary="Help and support.")
    assert names_in_order("support carers") == ["Carers support", "Aardvark line", "Zebra carers"]


def test_a_renamed_organisation_or_kind_is_found_by_its_new_name():
    make_service("Evening line", organisation="Old charity name", kinds=("helpline",))
    assert names_for("old charity") == {"Evening line"}
    organisation = Organisation.objects.get(name="Old charity name")
    organisation.name = "Brighter Days"
    organisation.save()
    assert names_for("brighter") == {"Evening line"}
    assert names_for("old charity") == set()
    kind = Kind.objects.get(slug="helpline")
    kind.name = "Listening line"
    kind.save()
    assert names_for("listening") == {"Evening line"}


def test_kinds_added_removed_or_deleted_are_found_or_forgotten():
    service = make_service("Evening line", kinds=())
    cafe = tag(Kind, "crisis-cafe")
    assert names_for("cafe") == set()
    service.kinds.add(cafe)
    assert names_for("cafe") == {"Evening line"}
    service.kinds.remove(cafe)
    assert names_for("cafe") == set()
    cafe.services.add(service)  # from the kind's side
    assert names_for("cafe") == {"Evening line"}
    cafe.delete()
    assert names_for("cafe") == set()


def test_an_edited_service_is_found_by_its_new_words():
    service = make_service("Evening line", summary="Talk to someone.")
    service.summary = "Listening from volunteers."
    service.save()
    assert names_for("volunteers") == {"Evening line"}
    assert names_for("someone") == set()


@on_postgresql
def test_services_written_in_bulk_are_found_once_refreshed():
    made = make_service("Bulk line", summary="Made in bulk.")
    Service.objects.filter(pk=made.pk).update(search_document=None)  # as bulk_create leaves it
    assert names_for("bulk") == set()  # bulk writes send no signals: the writer refreshes
    word_index.refresh()
    assert names_for("bulk") == {"Bulk line"}


@on_postgresql
def test_the_search_can_use_the_gin_index():
    make_service("Evening line")
    results = Service.objects.search("evening").values("pk")
    with connection.cursor() as cursor:
        # With so few rows the planner would read the table; forbid that to see that the
        # index answers the words.
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = results.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "service_search_document" in plan or "service_name_document" in plan
