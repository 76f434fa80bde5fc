"""The curators' roles, as groups: nobody needs to be a superuser to curate.

- curator: edit services and what belongs to them, add organisations, log checks, resolve
  tasks, see the queue. Rows that belong to a service (venues, contact points, opening
  times, sources) can be deleted, as correcting a service needs; services and
  organisations cannot (a service is withdrawn instead). The vocabulary is only seen:
  its slugs are the public query-string contract.
- reviewer: everything a curator may, and approve changes and suggestions.
- administrator: every permission there is when this runs, users and groups included.

The lists are written out here rather than imported, so this migration always does what it
did. A later migration that adds a model grants its permissions to these groups itself.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDIT = ("view", "add", "change")
CORRECT = ("view", "add", "change", "delete")
CURATOR = {
    "services": {
        "service": EDIT,
        "organisation": EDIT,
        "venue": CORRECT,
        "contactpoint": CORRECT,
        "openingtime": CORRECT,
        "source": CORRECT,
        "kind": ("view",),
        "format": ("view",),
        "audience": ("view",),
        "accessfeature": ("view",),
        "referralroute": ("view",),
    },
    "curation": {
        "check": ("view", "add"),
        "task": ("view", "change"),
        "queue": ("view",),
    },
}
REVIEWER_ALSO = [("curation", "approve_change")]


def _permissions_exist(apps, using):
    # Django creates permissions after all migrations have run; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    using = schema_editor.connection.alias
    _permissions_exist(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.using(using)

    def named(app_label, codename):
        return permissions.get(content_type__app_label=app_label, codename=codename)

    curator = [
        named(app_label, f"{action}_{model}")
        for app_label, models in CURATOR.items()
        for model, actions in models.items()
        for action in actions
    ]
    reviewer = [*curator, *(named(app_label, code) for app_label, code in REVIEWER_ALSO)]
    for name, granted in [
        ("curator", curator),
        ("reviewer", reviewer),
        ("administrator", list(permissions.all())),
    ]:
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(granted)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=["curator", "reviewer", "administrator"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0001_initial"),
        ("services", "0002_truthful_records"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
