from datetime import timedelta

from django.conf import settings
from django.db import migrations, models


def expire_existing_tokens(apps, schema_editor):
    """Tokens issued before expiry existed get the default lifetime from today (not an immediate cut-off)."""
    from django.utils import timezone

    ApiToken = apps.get_model("accounts", "ApiToken")
    lifetime = timedelta(days=getattr(settings, "MOTCUA_API_TOKEN_DAYS", 90))
    now = timezone.now()
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=now + lifetime)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="hết hạn lúc"),
        ),
        migrations.RunPython(expire_existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="hết hạn lúc"),
        ),
    ]
