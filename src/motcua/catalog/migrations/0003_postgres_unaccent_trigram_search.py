"""On PostgreSQL: the unaccent and pg_trgm extensions and trigram GIN indexes on the normalized search columns.

CreateExtension does nothing on other databases; the indexes are created only on PostgreSQL, so SQLite
migrates unchanged and searches the same normalized columns with LIKE.
"""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

INDEXES = {
    "catalog_procedure_search_text_trgm": "search_text",
    "catalog_procedure_search_name_trgm": "search_name",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON catalog_procedure USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_procedure_search_names"),
    ]

    operations = [
        CreateExtension("unaccent"),
        CreateExtension("pg_trgm"),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
