"""The columns a service is exchanged in: Open Referral names that exist, and every field
of a service either exchanged or left out for a stated reason."""

import json
from pathlib import Path

from services.hsds import NOT_EXCHANGED, SERVICE_COLUMNS
from services.models import Service

HSDS_SERVICE_SCHEMA = Path(__file__).parent.parent / "data/openreferral/hsds-3.0-service.json"


def test_every_hsds_name_is_a_field_of_the_hsds_service_schema():
    hsds_fields = set(json.loads(HSDS_SERVICE_SCHEMA.read_text())["properties"])
    named = {column.name for column in SERVICE_COLUMNS if column.hsds}
    assert named - hsds_fields == set()


def test_our_own_names_do_not_borrow_an_hsds_name():
    hsds_fields = set(json.loads(HSDS_SERVICE_SCHEMA.read_text())["properties"])
    ours = {column.name for column in SERVICE_COLUMNS if not column.hsds}
    assert ours & hsds_fields == set()


def test_every_field_of_a_service_is_exchanged_or_left_out_for_a_reason():
    fields = {
        field.name
        for field in Service._meta.get_fields()
        if field.concrete or (field.many_to_many and not field.auto_created)
    }
    exchanged = {column.field for column in SERVICE_COLUMNS if column.field is not None}
    assert exchanged & set(NOT_EXCHANGED) == set()
    assert fields == exchanged | set(NOT_EXCHANGED)
    assert all(reason.strip() for reason in NOT_EXCHANGED.values())


def test_column_names_are_unique_and_each_has_a_meaning():
    names = [column.name for column in SERVICE_COLUMNS]
    assert len(names) == len(set(names))
    assert all(column.meaning.strip() for column in SERVICE_COLUMNS)
