"""The dossier API: submit (idempotent), list and detail (scoped, masked), actions, documents, events, rating."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from motcua.accounts.models import Role
from motcua.accounts.services import api_token_issue
from motcua.dossiers.models import Dossier
from tests.factories.accounts import CITIZEN_NAME, user_with_role
from tests.factories.dossiers import PDF_BYTES, PNG_BYTES, setup_procedure
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
URL = "/api/v1/dossiers/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def submission(setup, **extra):
    body = {
        "procedure": setup.version.procedure.code,
        "channel": "online",
        "receiving_agency": setup.centre.code,
        "applicant": {
            "name": CITIZEN_NAME,  # the caller's own person (filing for someone else needs `on_behalf`)
            "personal_id": "001190012345",
            "birth_date": "1990-05-01",
            "sex": "female",
            "phone": "0912 345 678",
            "email": "binh@example.vn",
        },
    }
    body.update(extra)
    return body


def act(client, code, action, **body):
    return client.post(f"{URL}{code}/actions/{action}/", body, format="json")


@pytest.fixture
def setup():
    return setup_procedure()


def test_submit_with_a_bearer_token_and_idempotency_key_returns_the_first_result(setup):
    _, key = api_token_issue(user=setup.applicant)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_IDEMPOTENCY_KEY="abc-123")
    first = client.post(URL, submission(setup), format="json")
    assert first.status_code == 201, first.json()
    again = client.post(URL, submission(setup), format="json")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert Dossier.objects.count() == 1
    body = first.json()
    assert body["code"].startswith("TTHCC-")
    assert body["applicant"]["phone"] == "+84912345678"  # the owner sees it in full, in E.164
    assert body["status"] == "submitted"
    different = client.post(URL, submission(setup, channel="online", draft=True), format="json")
    assert different.status_code == 409
    assert different.json()["code"] == "idempotency_key_reused"


def test_a_retry_after_the_procedure_was_withdrawn_still_gets_the_first_result(setup):
    client = client_for(setup.applicant)
    first = client.post(URL, submission(setup), format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    assert first.status_code == 201
    procedure = setup.version.procedure
    procedure.is_active = False
    procedure.save(update_fields=["is_active"])
    again = client.post(URL, submission(setup), format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    assert again.status_code == 201 and again.json() == first.json()
    fresh = client.post(URL, submission(setup), format="json", HTTP_IDEMPOTENCY_KEY="retry-2")
    assert fresh.status_code == 404, fresh.json()  # a new submission is refused: the procedure is gone
    assert Dossier.objects.count() == 1


def test_counter_intake_received_at_once_answers_what_a_later_read_shows():
    setup = setup_procedure(
        steps=[
            ("centre", "receiving_officer", Decimal("0.5")),
            ("department", "specialist", Decimal("3")),
            ("department", "leader", Decimal("1")),
        ]
    )
    officer = client_for(setup.officer)
    body = submission(setup, channel="counter", on_behalf_consent=True, receive=True)
    created = officer.post(URL, body, format="json")
    assert created.status_code == 201, created.json()
    answer = created.json()
    assert answer["status"] == "received" and answer["due_at"]
    assert [(s["order"], s["agency"], s["assignee"]) for s in answer["steps"]] == [
        (1, "TTHCC", setup.officer.username),
        (2, "STP", None),
        (3, "STP", None),
    ]
    assert answer["current_step"] == 2 and answer["current_agency"] == "STP"
    assert answer == officer.get(f"{URL}{answer['code']}/").json()


def test_invalid_personal_id_and_phone_are_clear_400s(setup):
    client = client_for(setup.applicant)
    body = submission(setup)
    body["applicant"]["personal_id"] = "001090012345"  # says born in 1990... as a man
    response = client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "personal_id_sex_mismatch"
    body = submission(setup)
    body["applicant"]["phone"] = "0123456789"
    response = client.post(URL, body, format="json")
    assert response.status_code == 400 and response.json()["code"] == "invalid_phone"
    assert client.post(URL, {"applicant": "x"}, format="json").status_code == 400
    assert Dossier.objects.count() == 0


def test_scoping_masking_and_404_for_an_officer_of_another_agency(setup):
    code = client_for(setup.applicant).post(URL, submission(setup), format="json").json()["code"]
    other = user_with_role(Role.SPECIALIST, AgencyFactory())
    assert client_for(other).get(f"{URL}{code}/").status_code == 404
    assert client_for(other).get(URL).json()["count"] == 0
    stranger = user_with_role(Role.APPLICANT, None)
    assert client_for(stranger).get(f"{URL}{code}/").status_code == 404
    officer_view = client_for(setup.officer).get(f"{URL}{code}/").json()
    assert officer_view["applicant"]["personal_id"] == "001190012345"
    inspector_view = client_for(setup.inspector).get(f"{URL}{code}/").json()
    # The last three digits only, as on the workspace's pages: two screens together never show more.
    assert inspector_view["applicant"]["personal_id"] == "*********345"
    assert inspector_view["lookup_secret"] is None
    assert client_for(setup.specialist).get(URL, {"status": "submitted"}).json()["count"] == 1
    assert client_for(setup.applicant).get(URL).json()["count"] == 1
    assert client_for(setup.inspector).get(URL, {"timing": "nonsense"}).status_code == 400


def test_actions_version_conflicts_roles_and_events(setup):
    applicant = client_for(setup.applicant)
    created = applicant.post(URL, submission(setup), format="json").json()
    code = created["code"]
    assert act(applicant, code, "receive", version=created["version"]).status_code == 403
    officer = client_for(setup.officer)
    assert act(officer, code, "receive", version=created["version"] + 5).json()["code"] == "stale_version"
    received = act(officer, code, "receive", version=created["version"])
    assert received.status_code == 200, received.json()
    body = received.json()
    assert body["status"] == "received" and body["due_at"]
    again = act(officer, code, "receive", version=body["version"])
    assert again.status_code == 409 and again.json()["code"] == "action_not_allowed"
    assert act(officer, code, "fly", version=body["version"]).status_code == 409
    assert act(officer, code, "receive").status_code == 400  # version is required
    events = applicant.get(f"{URL}{code}/events/").json()
    assert events["verified"] is True
    assert [e["kind"] for e in events["events"]] == ["submitted", "received"]
    assert events["events"][1]["previous_hash"] == events["events"][0]["hash"]


def test_document_upload_checks_content_not_name_and_size(setup, settings):
    applicant = client_for(setup.applicant)
    code = applicant.post(URL, submission(setup, draft=True), format="json").json()["code"]
    upload = f"{URL}{code}/documents/"
    fake = SimpleUploadedFile("to-khai.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = applicant.post(upload, {"file": fake, "component_code": "TK"}, format="multipart")
    assert response.status_code == 400 and response.json()["code"] == "upload_type_not_allowed"
    png = SimpleUploadedFile("anh.txt", PNG_BYTES, content_type="text/plain")
    response = applicant.post(upload, {"file": png, "component_code": "TK"}, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["content_type"] == "application/pdf"  # an applicant's photo is kept as a PDF page
    assert response.json()["sha256"] is None  # checksums are for the officers handling the dossier
    response = applicant.post(
        upload, {"file": SimpleUploadedFile("x.pdf", PDF_BYTES), "component_code": "ZZ"}, format="multipart"
    )
    assert response.json()["code"] == "invalid_component"
    settings.MOTCUA_MAX_UPLOAD_BYTES = 10
    response = applicant.post(upload, {"file": SimpleUploadedFile("x.pdf", PDF_BYTES)}, format="multipart")
    assert response.status_code == 400 and response.json()["code"] == "upload_too_large"
    # An applicant may not add an "issued result".
    settings.MOTCUA_MAX_UPLOAD_BYTES = 10_000
    response = applicant.post(
        upload,
        {"file": SimpleUploadedFile("x.pdf", PDF_BYTES), "source": "issued_result"},
        format="multipart",
    )
    assert response.status_code == 403


def test_lookup_without_secret_has_no_personal_data_and_with_secret_a_timeline(setup):
    created = client_for(setup.applicant).post(URL, submission(setup), format="json").json()
    public = APIClient().get(f"/api/v1/lookup/{created['code']}/").json()
    assert public["status"] == "submitted"
    assert "timeline" not in public
    text = str(public)
    assert "Bình" not in text and "0912" not in text and "001190012345" not in text
    wrong = APIClient().get(f"/api/v1/lookup/{created['code']}/", {"secret": "nope"})
    assert wrong.status_code == 403
    right = APIClient().get(f"/api/v1/lookup/{created['code']}/", {"secret": created["lookup_secret"]}).json()
    assert [step["kind"] for step in right["timeline"]] == ["submitted"]
    assert "Bình" not in str(right)
    assert APIClient().get("/api/v1/lookup/NOPE-000000-0001/").status_code == 404


def test_lookup_is_throttled_per_client_so_secrets_cannot_be_guessed(setup, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"lookup": "5/minute"})
    cache.clear()
    created = client_for(setup.applicant).post(URL, submission(setup), format="json").json()
    guesses = [
        APIClient().get(f"/api/v1/lookup/{created['code']}/", {"secret": f"{n:08X}"}).status_code
        for n in range(6)
    ]
    assert guesses == [403] * 5 + [429]
    blocked = APIClient().get(
        f"/api/v1/lookup/{created['code']}/", {"secret": created["lookup_secret"]}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert blocked.status_code == 429
    assert blocked.json()["code"] == "throttled" and "try again" in blocked.json()["message"]
    cache.clear()


@time_machine.travel(datetime(2026, 3, 9, 9, 0, tzinfo=HN), tick=False)
def test_rating_only_by_the_owner_once_after_the_result(setup):
    applicant = client_for(setup.applicant)
    created = applicant.post(URL, submission(setup), format="json").json()
    code = created["code"]
    rating = f"{URL}{code}/rating/"
    assert applicant.post(rating, {"level": "satisfied"}, format="json").json()["code"] == "not_resolved"
    body = act(client_for(setup.officer), code, "receive", version=created["version"]).json()
    body = act(client_for(setup.specialist), code, "complete_step", version=body["version"]).json()
    body = act(
        client_for(setup.leader),
        code,
        "resolve",
        version=body["version"],
        outcome="denied",
        reasons="Không đủ điều kiện",
    ).json()
    assert body["status"] == "resolved"
    assert client_for(setup.officer).post(rating, {"level": "satisfied"}, format="json").status_code == 403
    assert (
        applicant.post(rating, {"level": "very_satisfied", "comment": "Nhanh"}, format="json").status_code
        == 201
    )
    assert applicant.post(rating, {"level": "satisfied"}, format="json").status_code == 409
