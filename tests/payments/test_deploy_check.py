"""`check --deploy` warns while the demo payment provider (fees marked paid without money) is configured."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def test_the_demo_provider_is_a_deploy_warning_and_a_real_one_is_not(settings):
    settings.MOTCUA_PAYMENT_PROVIDER = "motcua.payments.providers.DemoProvider"
    with pytest.raises(SystemCheckError, match="motcua.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
    settings.MOTCUA_PAYMENT_PROVIDER = "example.payments.NationalPaymentPlatform"
    try:
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
    except SystemCheckError as error:
        assert "motcua.W001" not in str(error)
