"""How the open dossiers stand now per competent agency, from an index alone (the running period's indicators).

Without it the count of the open dossiers read the dossier table (a sequential scan of every dossier at ten
million). Built CONCURRENTLY on PostgreSQL (outside a transaction, hence `atomic = False`), so that an upgrade
does not hold back writes to a large dossier table while it is built; other databases build it as usual.
"""

from django.db import migrations, models

INDEX = models.Index(
    condition=models.Q(
        ("procedure_version__isnull", False),
        ("status__in", ["received", "in_progress", "awaiting_supplement"]),
    ),
    fields=["competent_agency", "status", "due_at"],
    name="dossier_open_split",
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.add_index(apps.get_model("dossiers", "Dossier"), INDEX)
        return
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX.name} ON dossiers_dossier "
        "(competent_agency_id, status, due_at) WHERE procedure_version_id IS NOT NULL "
        "AND status IN ('received', 'in_progress', 'awaiting_supplement')"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.remove_index(apps.get_model("dossiers", "Dossier"), INDEX)
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX.name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("dossiers", "0016_queue_results_waiting_and_name_search_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="dossier", index=INDEX)],
            database_operations=[migrations.RunPython(create_index, drop_index, atomic=False)],
        ),
    ]
