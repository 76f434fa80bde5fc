"""Records made before ids were published get one each, and their history the same one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("services", "0005_uuids")]
AFTER = [("services", "0006_uuids_unique")]


@pytest.mark.django_db(transaction=True)
def test_existing_records_and_their_versions_get_their_ids():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation = old.get_model("services", "Organisation").objects.create(name="A charity")
    old.get_model("services", "HistoricalOrganisation").objects.create(
        id=organisation.pk,
        name="A charity",
        history_date="2026-11-01T00:00:00Z",
        history_type="+",
    )
    service_model = old.get_model("services", "Service")
    service = service_model.objects.create(
        slug="a-helpline", name="A helpline", summary="A helpline.", last_checked="2026-11-01"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    given = new.get_model("services", "Organisation").objects.get(pk=organisation.pk).uuid
    assert given is not None
    version = new.get_model("services", "HistoricalOrganisation").objects.get(id=organisation.pk)
    assert version.uuid == given
    assert new.get_model("services", "Service").objects.get(pk=service.pk).uuid is not None
    # Back to the latest state for the tests after this one.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
