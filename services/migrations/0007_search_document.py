"""Each service's full-text documents, with their GIN indexes, on PostgreSQL
(services.word_index).

On SQLite the columns are added and stay empty: words are matched there as before."""

import django.contrib.postgres.search
from django.db import migrations

# fastupdate off: the directory is written rarely and read all the time; with it on, rows
# written since the last vacuum wait in a pending list that every search reads through.
INDEXES = {"service_search_document": "search_document", "service_name_document": "name_document"}


def index_and_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The documents as word_index writes them today: a later change to what they hold
    # comes with a migration of its own that calls refresh again.
    from services import word_index

    for index, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX {index} ON services_service USING gin ({column}) WITH (fastupdate = off)"
        )
    word_index.refresh()


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0006_uuids_unique"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="service",
            name="name_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index_and_fill, drop_indexes),
    ]
