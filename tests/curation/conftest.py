import pytest

from tests.curation.accounts import member_of


@pytest.fixture
def curator(db):
    return member_of("curator")


@pytest.fixture
def reviewer(db):
    return member_of("reviewer")


@pytest.fixture
def administrator(db):
    return member_of("administrator")
