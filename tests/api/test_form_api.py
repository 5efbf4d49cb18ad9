"""`GET /api/v1/dossiers/{code}/forms/{form}.pdf`: the PDF for callers in scope (404 for anyone else), 409 for a
form the dossier has not reached, JSON errors even to a client that accepts PDF only, the schema's contract."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from rest_framework.test import APIClient

from motcua.accounts.models import Role
from motcua.accounts.services import api_token_issue
from tests.factories import forms as lc
from tests.factories.accounts import user_with_role
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle():
    return lc.life_cycle()


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(code: str, form: str) -> str:
    return f"/api/v1/dossiers/{code}/forms/{form}.pdf"


def text_of(response) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages)


def test_the_applicant_gets_the_receipt_as_a_pdf_named_after_the_dossier(cycle):
    d = cycle.returned
    response = client_for(cycle.setup.applicant).get(url(d.code, "receipt"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{d.code}-bien-nhan.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-")
    text = text_of(response)
    assert d.code in text and "NGUYỄN THỊ ÁNH TUYẾT" in text and d.lookup_secret in text


@pytest.mark.parametrize(
    ("form", "which", "file_end"),
    [
        ("completion", "returned", "yeu-cau-bo-sung"),
        ("refusal", "refused", "tu-choi-tiep-nhan"),
        ("apology", "returned", "xin-loi-hen-lai"),
        ("stop", "stopped", "dung-giai-quyet"),
        ("control", "returned", "phieu-kiem-soat"),
    ],
)
def test_each_form_with_a_bearer_token_and_accept_pdf(cycle, form, which, file_end):
    d = getattr(cycle, which)
    _, key = api_token_issue(user=cycle.setup.officer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = client.get(url(d.code, form), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(f'filename="{d.code}-{file_end}.pdf"')
    assert d.code in text_of(response)


def test_another_citizen_and_an_unrelated_agency_get_404(cycle):
    d = cycle.returned
    stranger = user_with_role(Role.APPLICANT, None)
    unrelated = user_with_role(Role.RECEIVING_OFFICER, AgencyFactory())
    for user in (stranger, unrelated):
        response = client_for(user).get(url(d.code, "receipt"), HTTP_ACCEPT="application/pdf")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["code"] == "dossier_not_found"


def test_errors_stay_json_for_a_client_that_accepts_pdf_only(cycle):
    d = cycle.received
    response = client_for(cycle.setup.officer).get(
        url(d.code, "refusal"), HTTP_ACCEPT="application/pdf", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409  # not 406
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "form_not_available"
    assert body["message"] == "The dossier has no such form yet: the step that issues it has not happened."
    assert body["details"] == {"form": "refusal", "status": "received"}


def test_a_form_not_available_yet_answers_409_in_vietnamese_by_default(cycle):
    response = client_for(cycle.setup.applicant).get(url(cycle.submitted.code, "receipt"))
    assert response.status_code == 409
    assert response.json()["message"] == "Hồ sơ chưa có văn bản này: bước tạo ra văn bản chưa diễn ra."


def test_an_unknown_form_is_404(cycle):
    response = client_for(cycle.setup.applicant).get(url(cycle.returned.code, "tracking"))
    assert response.status_code == 404
    assert response.json()["code"] == "form_not_found"


def test_signing_in_is_required(cycle):
    response = APIClient().get(url(cycle.returned.code, "receipt"), HTTP_ACCEPT="application/pdf")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_authenticated"


def test_the_secret_is_left_out_for_officers_of_other_handling_agencies(cycle):
    d = cycle.returned
    response = client_for(cycle.setup.specialist).get(url(d.code, "receipt"))
    assert response.status_code == 200
    assert d.lookup_secret not in text_of(response)


def test_the_pdf_is_vietnamese_for_an_english_client(cycle):
    response = client_for(cycle.setup.applicant).get(
        url(cycle.returned.code, "receipt"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text_of(response)


def test_the_schema_documents_the_pdf_and_the_json_errors():
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/dossiers/{code}/forms/{form}.pdf"]["get"]
    assert operation["operationId"] == "dossiers_form"
    assert operation["responses"]["200"]["content"] == {
        "application/pdf": {"schema": {"type": "string", "format": "binary"}}
    }
    for status in ("401", "403", "404", "409", "503"):
        assert list(operation["responses"][status]["content"]) == ["application/json"]
    form = next(p for p in operation["parameters"] if p["name"] == "form")
    assert form["schema"]["enum"] == ["apology", "completion", "control", "receipt", "refusal", "stop"]
    assert not any(p["in"] == "query" for p in operation["parameters"])
