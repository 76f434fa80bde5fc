"""The roles the data migration made: curator, reviewer, administrator. Nobody needs to be a
superuser to curate."""

import pytest
from django.contrib.auth.models import Group, Permission

pytestmark = pytest.mark.django_db


def permissions_of(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_a_curator_edits_services_logs_checks_and_resolves_tasks():
    curator = permissions_of("curator")
    assert {
        "services.view_service",
        "services.add_service",
        "services.change_service",
        "services.add_organisation",
        "services.change_venue",
        "services.delete_openingtime",  # correcting a service can mean removing a slot
        "curation.add_check",
        "curation.view_check",
        "curation.change_task",
        "curation.view_queue",
        "services.view_kind",
    } <= curator


def test_a_curator_withdraws_rather_than_deletes_and_leaves_the_vocabulary_alone():
    curator = permissions_of("curator")
    for permission in (
        "services.delete_service",
        "services.delete_organisation",
        "services.add_kind",
        "services.change_kind",
        "curation.approve_change",
        "auth.change_user",
    ):
        assert permission not in curator


def test_a_reviewer_may_do_all_a_curator_may_and_approve():
    # Resolving a reader's suggestion is a change to it: a curator only reads them.
    assert permissions_of("reviewer") == permissions_of("curator") | {
        "curation.approve_change",
        "curation.change_suggestion",
    }


def test_an_administrator_has_every_permission_including_users():
    administrator = permissions_of("administrator")
    assert administrator == {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    assert {"auth.add_user", "auth.change_user", "auth.change_group"} <= administrator


def test_no_change_or_delete_permission_for_checks_exists_to_be_given():
    codenames = set(
        Permission.objects.filter(content_type__app_label="curation").values_list(
            "codename", flat=True
        )
    )
    assert {"add_check", "view_check", "approve_change"} <= codenames
    assert not {"change_check", "delete_check"} & codenames
