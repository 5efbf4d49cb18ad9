"""insert_new writes exactly the row that Model.save() writes, and refuses what it does not handle."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db.models.signals import post_save

from motcua.core.row_insert import insert_new
from motcua.dossiers.models import Dossier, IdempotencyKey
from motcua.notifications.models import OutboxMessage
from tests.factories.accounts import UserFactory
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db
AT = datetime(2026, 12, 2, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _row(model, pk) -> dict:
    row = model.objects.filter(pk=pk).values().get()
    row.pop("id")
    return row


def _twins(model, unique: str, values: tuple, **fields):
    """The same row written by save() and by insert_new(), apart from a unique column; both read back."""
    by_save = model.objects.create(**{unique: values[0]}, **fields)
    by_insert = insert_new(model(**{unique: values[1]}, **fields))
    assert by_insert.pk is not None and by_insert.pk != by_save.pk
    assert not by_insert._state.adding and by_insert._state.db == "default"
    first, second = _row(model, by_save.pk), _row(model, by_insert.pk)
    assert (first.pop(unique), second.pop(unique)) == values
    return first, second


def test_a_dossier_row_is_the_same_as_by_save():
    agency = AgencyFactory()
    owner = UserFactory()
    common = {
        "applicant": owner,
        "applicant_name": "Nguyễn Văn An",
        "applicant_personal_id": "001203012345",
        "applicant_phone": "+84912345678",
        "channel": "online",
        "receiving_agency": agency,
        "competent_agency": agency,
        "current_agency": agency,
        "status": "submitted",
        "submitted_at": AT,
        "fee_total": 50000,
        "lookup_secret": "AB12CD34",
        "filed_by": owner,
        "created_at": AT,
    }
    first, second = _twins(Dossier, "code", ("A-261202-0001", "A-261202-0002"), **common)
    assert first == second
    assert second["missing_items"] == [] and second["version"] == 1  # model defaults applied
    assert second["submitted_at"] == AT


def test_json_and_foreign_keys_round_trip():
    user = UserFactory()
    first, second = _twins(
        OutboxMessage,
        "event_id",
        (7, 8),
        type="received",
        dossier_id=None,
        payload={"code": "X-1", "appointment": "08:00 07/12/2026", "nested": [1, "hai"]},
        created_at=AT,
    )
    assert first == second and second["payload"]["nested"] == [1, "hai"]
    first, second = _twins(
        IdempotencyKey,
        "key",
        ("k1", "k2"),
        user=user,
        request_hash="h",
        response_status=201,
        response_body={"a": 1},
        created_at=AT,
    )
    assert first == second and second["user_id"] == user.pk


def test_post_save_listeners_hear_of_the_insert():
    heard = []

    def listener(sender, instance, created, **kwargs):
        heard.append((instance.pk, created))

    post_save.connect(listener, sender=OutboxMessage)
    try:
        message = insert_new(OutboxMessage(event_id=1, type="x", payload={}, created_at=AT))
    finally:
        post_save.disconnect(listener, sender=OutboxMessage)
    assert heard == [(message.pk, True)]


def test_only_new_rows_of_plain_models():
    message = insert_new(OutboxMessage(event_id=1, type="x", payload={}, created_at=AT))
    with pytest.raises(ValueError, match="new rows only"):
        insert_new(message)
    with pytest.raises(ValueError, match="new rows only"):
        insert_new(OutboxMessage(id=999, event_id=1, type="x", payload={}, created_at=AT))
    assert OutboxMessage.objects.count() == 1
