"""End to end through the API: a 3-step procedure across 2 agencies, around Tết 2026 (16-20 February off),
with one supplement round and an apology. Every due moment is checked against the working calendar."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from motcua.deadlines.selectors import due_moment, working_minutes_elapsed
from tests.factories.dossiers import PDF_BYTES, setup_procedure

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")


def hn(*args) -> datetime:
    return datetime(*args, tzinfo=HN)


def iso(moment: datetime) -> str:
    return moment.isoformat()


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_three_steps_two_agencies_supplement_and_apology_around_tet():
    setup = setup_procedure(
        amount=6,
        steps=[
            ("centre", "receiving_officer", Decimal("0.5")),
            ("department", "specialist", Decimal("4")),
            ("department", "leader", Decimal("1.5")),
        ],
    )
    applicant, officer = client_for(setup.applicant), client_for(setup.officer)
    specialist, leader = client_for(setup.specialist), client_for(setup.leader)

    def act(client, action, **body):
        response = client.post(
            f"/api/v1/dossiers/{code}/actions/{action}/", {"version": version, **body}, format="json"
        )
        assert response.status_code == 200, response.json()
        return response.json()

    with time_machine.travel(hn(2026, 2, 11, 10, 0), tick=False):  # Wednesday before Tết
        created = applicant.post(
            "/api/v1/dossiers/",
            {
                "procedure": setup.version.procedure.code,
                "receiving_agency": "TTHCC",
                "applicant": {"name": "Nguyễn Văn An"},
            },
            format="json",
            HTTP_IDEMPOTENCY_KEY="e2e-1",
        ).json()
        code, version = created["code"], created["version"]
        assert code == "TTHCC-260211-0001"
        body = act(officer, "receive")
        version = body["version"]
    # 6 working days from Wed 11/2 10:00: 12, 13, (Tết 16-20), 23, 24, 25, 26 -> Thursday 26/2 10:00.
    assert body["due_at"] == iso(hn(2026, 2, 26, 10, 0))
    assert body["due_at"] == iso(due_moment(start=hn(2026, 2, 11, 10, 0), kind="working_days", amount=6))
    steps = body["steps"]
    assert [s["agency"] for s in steps] == ["TTHCC", "STP", "STP"]
    assert steps[0]["due_at"] == iso(hn(2026, 2, 11, 15, 0))  # half a day: 2 h before lunch, 2 h after
    assert steps[0]["finished_at"] is not None  # received at the counter
    assert steps[1]["due_at"] == iso(hn(2026, 2, 24, 15, 0))  # 4.5 days in total
    assert steps[2]["due_at"] == iso(hn(2026, 2, 26, 10, 0))
    assert body["current_step"] == 2 and body["current_agency"] == "STP"

    with time_machine.travel(hn(2026, 2, 12, 9, 0), tick=False):
        body = act(
            specialist,
            "request_supplement",
            reason="Thiếu giấy tờ",
            items=["Bản sao giấy khai sinh", "Ảnh 4x6"],
        )
        version = body["version"]
        assert body["status"] == "awaiting_supplement" and body["timing"] == "paused"
        again = specialist.post(
            f"/api/v1/dossiers/{code}/actions/request_supplement/",
            {"version": version, "reason": "x", "items": ["y"]},
            format="json",
        )
        assert again.status_code == 409  # the state no longer allows it (and it is once per agency anyway)

    with time_machine.travel(hn(2026, 2, 24, 9, 0), tick=False):  # Tuesday after Tết
        body = act(applicant, "supplement", note="Đã bổ sung")
        version = body["version"]
    # Paused: 12/2 09-17 (420 min) + 13/2 (480) + 23/2 (480) + 24/2 08-09 (60) = 1440 working minutes = 3 days.
    assert working_minutes_elapsed(start=hn(2026, 2, 12, 9, 0), end=hn(2026, 2, 24, 9, 0)) == 1440
    assert body["due_at"] == iso(hn(2026, 3, 3, 10, 0))
    assert [s["due_at"] for s in body["steps"][1:]] == [
        iso(hn(2026, 2, 27, 15, 0)),
        iso(hn(2026, 3, 3, 10, 0)),
    ]
    assert body["status"] == "in_progress"

    with time_machine.travel(hn(2026, 2, 25, 10, 0), tick=False):
        body = act(specialist, "forward", outcome="Đủ điều kiện", to_user=setup.leader.username)
        version = body["version"]
        assert body["current_step"] == 3 and body["assignee"] == setup.leader.username

    with time_machine.travel(hn(2026, 3, 2, 10, 0), tick=False):
        # 1 working day + 0 minutes left (Mon 10:00 -> Tue 10:00): still allowed, exactly at the limit.
        body = act(leader, "apologize", reason="Chờ kết quả xác minh", new_due_at=iso(hn(2026, 3, 5, 10, 0)))
        version = body["version"]
        assert body["rescheduled_due_at"] == iso(hn(2026, 3, 5, 10, 0))
        assert body["appointment"] == iso(hn(2026, 3, 5, 10, 0))
        assert body["due_at"] == iso(hn(2026, 3, 3, 10, 0))  # indicators keep the legal due moment

    with time_machine.travel(hn(2026, 3, 3, 9, 0), tick=False):
        upload = leader.post(
            f"/api/v1/dossiers/{code}/documents/",
            {
                "file": SimpleUploadedFile("ket-qua.pdf", PDF_BYTES),
                "source": "issued_result",
                "signed": "true",
            },
            format="multipart",
        )
        assert upload.status_code == 201, upload.json()
        body = act(leader, "resolve", outcome="approved")
        version = body["version"]
        assert body["timing"] == "resolved_on_time"
        body = act(officer, "return")
        assert body["status"] == "returned"

    events = applicant.get(f"/api/v1/dossiers/{code}/events/").json()
    assert events["verified"] is True
    assert [e["kind"] for e in events["events"]] == [
        "submitted",
        "received",
        "supplement_requested",
        "supplemented",
        "forwarded",
        "apologized",
        "document_added",
        "resolved",
        "returned",
    ]
    lookup = APIClient().get(f"/api/v1/lookup/{code}/").json()
    assert lookup["status"] == "returned" and lookup["appointment"] == iso(hn(2026, 3, 5, 10, 0))
