"""An index on each venue's postcode in capitals, for finding venues by the start of their
postcode (search.alternatives._postcode_in), on PostgreSQL.

text_pattern_ops lets LIKE 'EX4 %' use it whatever the database's collation. Django's
Index cannot say this on SQLite, so the index is made here and is not in the model; SQLite
reads the venues as before."""

from django.db import migrations

INDEX = "venue_postcode_prefix"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON services_venue (upper(postcode) text_pattern_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0007_search_document"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
