"""services.provenance: how each part of a record was checked, as readers are told it."""

from datetime import date

import pytest

from services.choices import CheckedPart, CheckMethod
from services.provenance import HOW_IT_READS, newer_part_check, part_check, provenance
from tests.language import blocked_words, reading_problems


def test_each_checked_part_reads_with_its_method_and_day_in_the_usual_order():
    said = provenance(
        {
            "hours": part_check(date(2026, 3, 2), CheckMethod.WEBSITE),
            "contact_details": part_check(date(2026, 3, 12), CheckMethod.PHONE),
        }
    )
    assert [checked.sentence for checked in said.parts] == [
        "Contact details: checked by phoning the service, 12 March 2026.",
        "Opening times: checked on the service's own website, 2 March 2026.",
    ]
    assert said.rest_not_checked_with_service


def test_nothing_checked_says_nothing_part_by_part():
    said = provenance({})
    assert said.parts == ()
    assert said.rest_not_checked_with_service


def test_the_rest_is_not_mentioned_once_every_part_was_checked_with_the_service():
    every_part = {part: part_check(date(2026, 3, 12), "email") for part in CheckedPart.values}
    assert not provenance(every_part).rest_not_checked_with_service
    every_part["address"] = part_check(date(2026, 3, 12), "website")
    assert provenance(every_part).rest_not_checked_with_service


def test_an_entry_no_longer_understood_is_left_out_not_guessed():
    said = provenance({"hours": part_check(date(2026, 3, 2), "carrier_pigeon"), "fax": {}})
    assert said.parts == ()


@pytest.mark.parametrize(
    ("stored", "on", "method", "newer"),
    [
        (None, date(2026, 1, 1), "website", True),
        (part_check(date(2026, 3, 1), "phone"), date(2026, 2, 1), "phone", False),
        (part_check(date(2026, 3, 1), "website"), date(2026, 3, 2), "website", True),
        (part_check(date(2026, 3, 1), "website"), date(2026, 3, 1), "phone", True),
        (part_check(date(2026, 3, 1), "phone"), date(2026, 3, 1), "website", False),
        (part_check(date(2026, 3, 1), "phone"), date(2026, 3, 1), "email", False),
    ],
)
def test_a_late_entry_never_takes_a_part_back_and_asking_them_outranks_their_website(
    stored, on, method, newer
):
    assert newer_part_check(stored, on, method) is newer


def test_every_method_reads_plainly():
    assert set(HOW_IT_READS) == set(CheckMethod)
    sentences = [f"Contact details: {words}, 12 March 2026." for words in HOW_IT_READS.values()]
    assert blocked_words(("provenance", sentence) for sentence in sentences) == []
    for sentence in sentences:
        assert reading_problems("provenance", sentence) == []
