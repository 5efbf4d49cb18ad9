from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0007_dossier_status_newest_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("status__in", ["received", "in_progress"])),
                fields=["id"],
                include=("due_at",),
                name="dossier_running_newest",
            ),
        ),
    ]
