"""A submission that fails after its day number was taken leaves nothing behind, with or without a key."""

import pytest
from rest_framework.test import APIClient

from motcua.accounts.services import api_token_issue
from motcua.core.errors import ValidationFailed
from motcua.dossiers.models import Dossier, Event, IdempotencyKey
from motcua.dossiers.services import events as dossier_events
from tests.api.test_dossier_api import URL, submission
from tests.factories.dossiers import setup_procedure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("idempotency_key", ["retry-1", ""])
def test_failure_after_the_number_rolls_back_everything_and_a_retry_succeeds(monkeypatch, idempotency_key):
    setup = setup_procedure()
    _, token = api_token_issue(user=setup.applicant)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_IDEMPOTENCY_KEY=idempotency_key)
    original = dossier_events._announce

    def failing(dossier, event):
        raise ValidationFailed("Lỗi thử.", "Test failure.", code="test_failure")

    monkeypatch.setattr(dossier_events, "_announce", failing)
    failed = client.post(URL, submission(setup), format="json")
    assert failed.status_code == 400 and failed.json()["code"] == "test_failure"
    assert (Dossier.objects.count(), Event.objects.count(), IdempotencyKey.objects.count()) == (0, 0, 0)
    monkeypatch.setattr(dossier_events, "_announce", original)
    retried = client.post(URL, submission(setup), format="json")
    assert retried.status_code == 201, retried.json()
    assert retried.json()["code"].endswith("-0001")  # the failed attempt's number was rolled back too
    assert Dossier.objects.count() == 1
