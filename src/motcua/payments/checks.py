"""`check --deploy`: the demo provider marks fees paid without any money moving (its page lets the payer choose
"success"), so a production site must name its real provider."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

DEMO_PROVIDER = "motcua.payments.providers.DemoProvider"


@register(Tags.security, deploy=True)
def demo_payment_provider(app_configs, **kwargs) -> list[Warning]:
    if settings.MOTCUA_PAYMENT_PROVIDER != DEMO_PROVIDER:
        return []
    return [
        Warning(
            "The demo payment provider is configured: anyone paying online can mark the fees paid without paying.",
            hint="Set MOTCUA_PAYMENT_PROVIDER to your payment provider's class and MOTCUA_PAYMENT_SECRET to the "
            "secret agreed with it (docs/payments.md).",
            id="motcua.W001",
        )
    ]
