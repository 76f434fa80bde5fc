"""Checks are an append-only log: recorded once, never changed or deleted."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db.models.deletion import ProtectedError

from services.curation.models import AppendOnlyError, Check
from tests.factories import make_service

pytestmark = pytest.mark.django_db


def a_check(curator, **fields) -> Check:
    fields = {
        "service": make_service(),
        "checked_on": date(2026, 11, 30),
        "method": Check.Method.PHONE,
        "outcome": Check.Outcome.CONFIRMED,
        "parts": [Check.Part.HOURS],
        "checked_by": curator,
        **fields,
    }
    return Check(**fields)


def test_a_recorded_check_cannot_be_saved_again(curator):
    check = a_check(curator)
    check.save()
    check.note = "Changed my mind"
    with pytest.raises(AppendOnlyError):
        check.save()
    assert Check.objects.get().note == ""


def test_checks_cannot_be_deleted_or_updated_one_by_one_or_in_bulk(curator):
    check = a_check(curator)
    check.save()
    with pytest.raises(AppendOnlyError):
        check.delete()
    with pytest.raises(AppendOnlyError):
        Check.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        Check.objects.update(note="rewritten")
    assert Check.objects.get().note == ""


def test_a_service_with_checks_is_withdrawn_rather_than_deleted(curator):
    check = a_check(curator)
    check.save()
    with pytest.raises(ProtectedError):
        check.service.delete()


def test_parts_are_named_from_the_fixed_list_each_once(curator):
    with pytest.raises(ValidationError, match="surname is not a part"):
        a_check(curator, parts=["hours", "surname"]).full_clean()
    with pytest.raises(ValidationError, match="Each part is checked once"):
        a_check(curator, parts=["hours", "hours"]).full_clean()
    with pytest.raises(ValidationError):
        a_check(curator, parts="hours").save()  # refused even without full_clean
    assert not Check.objects.exists()


@pytest.mark.parametrize(
    ("outcome", "parts", "error"),
    [
        ("confirmed", [], "Say which parts of the record you checked."),
        ("changed", [], "Say which parts of the record you checked."),
        ("could_not_reach", ["hours"], "Nothing was checked when they could not be reached."),
    ],
)
def test_a_check_says_what_it_checked_unless_nobody_was_reached(curator, outcome, parts, error):
    with pytest.raises(ValidationError) as raised:
        a_check(curator, outcome=outcome, parts=parts).full_clean()
    assert raised.value.message_dict["parts"] == [error]


def test_a_check_cannot_be_dated_in_the_future(curator):
    with pytest.raises(ValidationError) as raised:
        a_check(curator, checked_on=date(2099, 1, 1)).full_clean()
    assert "checked_on" in raised.value.message_dict


def test_parts_checked_reads_in_words_in_a_fixed_order(curator):
    check = a_check(curator, parts=["sharing", "contact_details"])
    assert check.parts_checked == ["Contact details", "What happens if you tell them"]
