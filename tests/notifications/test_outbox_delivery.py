from datetime import timedelta

import pytest
import time_machine

from motcua.core import clock
from motcua.notifications import services
from motcua.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _message(**payload) -> OutboxMessage:
    return services.outbox_put(
        event_id=OutboxMessage.objects.count() + 1,
        type="received",
        dossier_id=None,
        payload={
            "code": "X-261123-0001",
            "subject": "Hồ sơ X-261123-0001 đã được tiếp nhận",
            "text": "Hồ sơ X-261123-0001 đã được tiếp nhận. Hẹn trả kết quả: 08:00 27/11/2026.",
            **payload,
        },
        at=clock.now(),
    )


def test_delivered_message_sends_mail_once(mailoutbox):
    message = _message(email="an@example.vn")
    assert services.deliver_pending() == 1
    assert services.deliver_pending() == 0
    message.refresh_from_db()
    assert message.delivered_at is not None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Hồ sơ X-261123-0001 đã được tiếp nhận"
    assert mailoutbox[0].body == "Hồ sơ X-261123-0001 đã được tiếp nhận. Hẹn trả kết quả: 08:00 27/11/2026."
    assert mailoutbox[0].to == ["an@example.vn"]


def test_a_message_without_text_is_delivered_to_nobody(mailoutbox):
    message = _message(email="an@example.vn", text="")
    assert services.deliver_pending() == 1
    message.refresh_from_db()
    assert message.delivered_at is not None
    assert mailoutbox == []


def test_failing_message_backs_off_then_gives_up(monkeypatch):
    message = _message(email="an@example.vn")
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(services, "send_mail", broken)
    with time_machine.travel("2026-11-23 08:00 +07:00", tick=False) as traveller:
        services.deliver_pending()
        # Retried only once its back-off has passed, not on every delivery run.
        services.deliver_pending()
        assert len(calls) == 1
        for _ in range(services.MAX_ATTEMPTS + 2):
            traveller.shift(timedelta(minutes=services.MAX_BACKOFF_MINUTES))
            services.deliver_pending()
    message.refresh_from_db()
    assert len(calls) == services.MAX_ATTEMPTS
    assert message.failed_at is not None and message.delivered_at is None
    assert "mail server down" in message.last_error
