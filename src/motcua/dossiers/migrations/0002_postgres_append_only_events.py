from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION dossiers_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'process-control events are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS dossiers_event_append_only ON dossiers_event;
CREATE TRIGGER dossiers_event_append_only BEFORE UPDATE OR DELETE ON dossiers_event
    FOR EACH ROW EXECUTE FUNCTION dossiers_event_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS dossiers_event_append_only ON dossiers_event;
DROP FUNCTION IF EXISTS dossiers_event_append_only();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    """On PostgreSQL the database itself refuses to change or delete an event (the models refuse it too)."""

    dependencies = [("dossiers", "0001_dossiers_steps_events_sequences")]

    operations = [migrations.RunPython(_on_postgres(CREATE), _on_postgres(DROP))]
