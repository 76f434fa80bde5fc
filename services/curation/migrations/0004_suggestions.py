"""Suggestions from readers, and the scrambled codes behind the hourly limit on them.

Curators see suggestions; reviewers also resolve them (with curation.approve_change, which
they hold already). The administrator role gets the new permissions from the post_migrate
handler in apps.py. The codes have no permissions at all: nobody reads them.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

CURATOR = [("curation", "view_suggestion")]
REVIEWER = [*CURATOR, ("curation", "change_suggestion")]


def _permissions_exist(apps, using):
    # Django creates permissions after all migrations have run; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = None


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    _permissions_exist(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, granted in [("curator", CURATOR), ("reviewer", REVIEWER)]:
        group = Group.objects.using(using).filter(name=role).first()
        if group is None:
            continue
        group.permissions.add(
            *(
                Permission.objects.using(using).get(
                    content_type__app_label=app_label, codename=codename
                )
                for app_label, codename in granted
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0003_proposed_changes"),
        ("services", "0003_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RecentSender",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=64)),
                ("sent_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "default_permissions": (),
                "indexes": [
                    models.Index(fields=["code", "sent_at"], name="recent_sender_code_time")
                ],
            },
        ),
        migrations.CreateModel(
            name="Suggestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "topic",
                    models.CharField(
                        choices=[
                            ("phone", "The phone number is wrong"),
                            ("hours", "The opening times are wrong"),
                            ("closed", "The service has closed"),
                            ("who_and_how", "Who it is for, or how to get in, is wrong"),
                            ("other", "Something else"),
                        ],
                        max_length=16,
                    ),
                ),
                ("details", models.TextField(max_length=2000)),
                (
                    "email",
                    models.EmailField(
                        blank=True,
                        help_text="Only for a reply. Blanked after 30 days.",
                        max_length=254,
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                (
                    "resolution",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("corrected", "Done: record corrected"),
                            ("no_change", "No change needed"),
                            ("not_about_listing", "Not about the listing (spam or unrelated)"),
                        ],
                        max_length=20,
                        verbose_name="decision",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="A short note on what you did, for other curators.",
                        max_length=500,
                    ),
                ),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="suggestions_resolved",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="suggestions",
                        to="services.service",
                    ),
                ),
            ],
            options={
                "ordering": ["created_at", "pk"],
                "default_permissions": ("view", "change", "delete"),
                "indexes": [
                    models.Index(
                        condition=models.Q(("resolved_at__isnull", True)),
                        fields=["created_at"],
                        name="suggestion_open_oldest",
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("topic__in", ["phone", "hours", "closed", "who_and_how", "other"])
                        ),
                        name="suggestion_topic_is_known",
                    ),
                    models.CheckConstraint(
                        condition=django.db.models.lookups.LessThanOrEqual(
                            django.db.models.functions.text.Length("details"), 2000
                        ),
                        name="suggestion_details_fit",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("resolution", ""),
                                ("resolved_at__isnull", True),
                                ("resolved_by__isnull", True),
                            ),
                            models.Q(
                                ("resolved_at__isnull", False),
                                ("resolved_by__isnull", False),
                                ("resolution__in", ["corrected", "no_change", "not_about_listing"]),
                            ),
                            _connector="OR",
                        ),
                        name="suggestion_resolved_all_or_nothing",
                    ),
                ],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
