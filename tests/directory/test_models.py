from datetime import time

import pytest
from django.db import IntegrityError, transaction

from services.models import OpeningTime, Venue
from tests.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"min_age": 19, "max_age": 18},
        {"self_harm_policy": "excludes_recent"},
        {"self_harm_policy": "excludes_recent", "self_harm_policy_weeks": 0},
        {
            "self_harm_policy": "excludes_recent",
            "self_harm_policy_weeks": 4,
            "self_harm_policy_qualifier": "",
        },
        {"self_harm_policy": "welcomes", "self_harm_policy_weeks": 4},
        {"open_24_hours": True, "any_time": True},
        {"status": "maybe"},
    ],
)
def test_the_database_refuses_records_that_break_the_rules(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_service(**fields)


@pytest.mark.parametrize(
    "fields",
    [
        {"min_age": 18, "max_age": 18},
        {"min_age": 18},
        {"max_age": 17},
        {"self_harm_policy": "excludes_recent", "self_harm_policy_weeks": 4},
    ],
)
def test_the_database_accepts_records_that_keep_the_rules(fields):
    make_service(**fields)


def test_an_opening_slot_must_have_a_length():
    service = make_service()
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningTime.objects.create(service=service, weekday=0, opens_at=time(9), closes_at=time(9))


def test_a_venue_has_both_coordinates_or_neither():
    service = make_service()
    with pytest.raises(IntegrityError), transaction.atomic():
        Venue.objects.create(service=service, address="Somewhere", latitude=50.0)
