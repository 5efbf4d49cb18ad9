"""An apology's new appointment lies after the due moment and no later than the procedure's maximum extension
(default: twice the processing time) counted with the working calendar, and never years away (issue 9)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from motcua.core.errors import ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.apology import APOLOGY_ABSOLUTE_LIMIT
from tests.factories.dossiers import received, setup_procedure

pytestmark = pytest.mark.django_db

HN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=HN)  # received then: 5 working days -> due Monday 16/3 09:00
APOLOGY_DAY = datetime(2026, 3, 11, 9, 0, tzinfo=HN)  # three working days before the due moment
ONE_MINUTE = timedelta(minutes=1)


def _received(**version_fields) -> tuple:
    setup = setup_procedure(**version_fields)
    with time_machine.travel(MONDAY, tick=False):
        dossier = received(setup)
    assert dossier.due_at == datetime(2026, 3, 16, 9, 0, tzinfo=HN)
    return setup, dossier


def _apologize(setup, dossier: Dossier, new_due_at: datetime) -> Dossier:
    with time_machine.travel(APOLOGY_DAY, tick=False):
        return services.dossier_apologize(
            code=dossier.code,
            actor=setup.leader,
            version=dossier.version,
            reason="Chờ kết quả xác minh",
            new_due_at=new_due_at,
        )


def _refusal(setup, dossier: Dossier, new_due_at: datetime) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as refused:
        _apologize(setup, dossier, new_due_at)
    dossier.refresh_from_db()
    assert dossier.rescheduled_due_at is None  # refused: the one apology allowed is still to give
    return refused.value


def test_the_default_bound_is_twice_the_processing_time_after_the_due_moment():
    setup, dossier = _received()  # 5 working days: at most 10 more, to Monday 30/3 09:00
    latest = datetime(2026, 3, 30, 9, 0, tzinfo=HN)
    error = _refusal(setup, dossier, latest + ONE_MINUTE)
    assert error.code == "new_appointment_too_late"
    assert error.details["latest_allowed"] == latest.isoformat()
    assert "09:00 30/03/2026" in error.message("vi") and "2026-03-30 09:00" in error.message("en")
    dossier = _apologize(setup, dossier, latest)  # exactly at the limit
    assert dossier.rescheduled_due_at == latest and dossier.appointment == latest


def test_a_configured_bound_counts_in_the_procedures_own_unit_with_the_calendar():
    setup, dossier = _received(max_extension=3)  # 3 working days after Monday 16/3 09:00: Thursday 19/3 09:00
    latest = datetime(2026, 3, 19, 9, 0, tzinfo=HN)
    assert _refusal(setup, dossier, latest + ONE_MINUTE).code == "new_appointment_too_late"
    assert _apologize(setup, dossier, latest).rescheduled_due_at == latest


def test_a_bound_that_crosses_a_weekend_skips_it():
    setup, dossier = _received(
        max_extension=5
    )  # Monday 16/3 + 5 working days: Monday 23/3, not Saturday 21/3
    latest = datetime(2026, 3, 23, 9, 0, tzinfo=HN)
    assert _refusal(setup, dossier, latest + ONE_MINUTE).details["latest_allowed"] == latest.isoformat()
    assert _apologize(setup, dossier, latest).rescheduled_due_at == latest


def test_a_huge_configured_extension_is_still_bounded_absolutely():
    setup, dossier = _received(max_extension=1_000_000)
    latest = dossier.due_at + APOLOGY_ABSOLUTE_LIMIT
    error = _refusal(setup, dossier, latest + ONE_MINUTE)
    assert datetime.fromisoformat(error.details["latest_allowed"]) == latest


@pytest.mark.parametrize("offset", [timedelta(0), -ONE_MINUTE])
def test_the_new_appointment_comes_after_the_current_due_moment(offset):
    setup, dossier = _received()
    error = _refusal(setup, dossier, dossier.due_at + offset)
    assert error.code == "invalid_new_due"


@pytest.mark.parametrize(
    "new_due_at", ["9999-12-31T23:59:59-12:00", "9999-12-31T00:00:00+07:00", "2100-01-01T09:00:00+07:00"]
)
def test_far_future_appointments_are_a_400_through_the_api_and_leave_the_apology_possible(new_due_at):
    setup, dossier = _received()
    client = APIClient()
    client.force_authenticate(setup.leader)
    with time_machine.travel(APOLOGY_DAY, tick=False):
        answer = client.post(
            f"/api/v1/dossiers/{dossier.code}/actions/apologize/",
            {"version": dossier.version, "reason": "Chậm", "new_due_at": new_due_at},
            format="json",
        )
        assert answer.status_code == 400, answer.content
        assert answer.json()["code"] in {"new_appointment_too_late", "validation_failed"}
        assert "new_due_at" in answer.json()["details"]
        retry = client.post(
            f"/api/v1/dossiers/{dossier.code}/actions/apologize/",
            {"version": dossier.version, "reason": "Chậm", "new_due_at": "2026-03-30T09:00:00+07:00"},
            format="json",
        )
    assert retry.status_code == 200, retry.json()
    public = APIClient().get(f"/api/v1/lookup/{dossier.code}/").json()
    assert public["appointment"] == "2026-03-30T09:00:00+07:00"
