"""The leaders' results waiting for approval, and (on PostgreSQL) the queues' search by part of a name.

The trigram index serves `UPPER(applicant_name) LIKE UPPER('%...%')` (Django's icontains) on the dossiers the
queues hold (waiting for intake, open, waiting to be returned): without it the search reads every open dossier
of the agency (100,000 rows at a busy one). GIN is PostgreSQL's: SQLite migrates without it and searches the
same rows by scanning them.

The trigram index is built CONCURRENTLY (outside a transaction, hence `atomic = False`): on a table of millions
of dossiers the build takes minutes, during which a plain CREATE INDEX would hold back every write to the
dossiers.
"""

from django.db import migrations, models

NAME_INDEX = "dossier_queue_name_trgm"
QUEUE_STATUSES = ("submitted", "received", "in_progress", "awaiting_supplement", "resolved")


def create_name_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    statuses = ", ".join(f"'{status}'" for status in QUEUE_STATUSES)
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {NAME_INDEX} ON dossiers_dossier "
        f"USING gin ((UPPER(applicant_name::text)) gin_trgm_ops) WHERE status IN ({statuses})"
    )


def drop_name_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {NAME_INDEX}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("catalog", "0003_postgres_unaccent_trigram_search"),  # the pg_trgm extension
        ("dossiers", "0015_event_kinds_paid_and_apology_proposals"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(
                    ("current_step__isnull", True),
                    ("group__isnull", True),
                    ("status__in", ["received", "in_progress"]),
                ),
                fields=["competent_agency", "due_at", "id"],
                name="dossier_results_waiting",
            ),
        ),
        migrations.RunPython(create_name_index, drop_name_index, atomic=False),
    ]
