"""A draft sent through the API obeys the online form's completeness rule (one rule: `draft_gaps`), and the way
of receiving the result is read and written through the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import Dossier, Status
from tests.api.test_dossier_api import URL, act, client_for, submission
from tests.factories.catalog import RequiredDocumentFactory
from tests.factories.dossiers import PDF_BYTES, setup_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return setup_procedure()


def _upload(client, code: str, component: str):
    file = SimpleUploadedFile(f"{component}.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        f"{URL}{code}/documents/", {"file": file, "component_code": component}, format="multipart"
    )
    assert response.status_code == 201, response.json()


def test_an_incomplete_draft_is_refused_listing_every_gap_in_both_languages(setup):
    RequiredDocumentFactory(version=setup.version, code="ANH", name="Ảnh chân dung", name_en="Portrait photo")
    client = client_for(setup.applicant)
    applicant = {**submission(setup)["applicant"], "phone": "", "email": ""}
    draft = client.post(URL, submission(setup, draft=True, applicant=applicant), format="json").json()
    _upload(client, draft["code"], "ANH")

    response = act(client, draft["code"], "submit", version=draft["version"])
    body = response.json()
    assert response.status_code == 400 and body["code"] == "draft_incomplete"
    assert body["details"]["gaps"] == ["applicant", "documents", "result_delivery"]
    assert body["details"]["missing_documents"] == [{"code": "TK", "name": "Tờ khai", "name_en": ""}]
    assert "số điện thoại hoặc thư điện tử" in body["message"] and "Tờ khai" in body["message"]
    assert "Ảnh chân dung" not in body["message"] and "cách nhận kết quả" in body["message"]
    english = client.post(
        f"{URL}{draft['code']}/actions/submit/",
        {"version": draft["version"]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()["message"]
    assert english.startswith("The dossier is not complete yet. Missing:")
    assert "phone number or an email address" in english and "how to receive the result" in english
    assert Dossier.objects.get(code=draft["code"]).status == Status.DRAFT


def test_a_complete_draft_is_sent_and_the_applicant_details_given_with_it_count_as_confirmed(setup):
    client = client_for(setup.applicant)
    draft = client.post(URL, submission(setup, draft=True), format="json").json()
    assert draft["result_delivery"] == ""
    _upload(client, draft["code"], "TK")

    missing = act(client, draft["code"], "submit", version=draft["version"]).json()
    assert missing["code"] == "draft_incomplete" and missing["details"]["gaps"] == ["result_delivery"]

    changed = client.put(
        f"{URL}{draft['code']}/result-delivery/",
        {"version": draft["version"], "result_delivery": "post"},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["result_delivery"] == "post"
    sent = act(client, draft["code"], "submit", version=changed.json()["version"])
    assert sent.status_code == 200, sent.json()
    assert sent.json()["status"] == "submitted" and sent.json()["result_delivery"] == "post"


def test_the_result_delivery_given_at_creation_is_checked_against_the_procedure(setup):
    client = client_for(setup.applicant)
    setup.version.result_form = "paper"
    setup.version.save(update_fields=["result_form"])
    refused = client.post(URL, submission(setup, draft=True, result_delivery="online"), format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "result_delivery_not_allowed"
    assert refused.json()["details"]["allowed"] == ["post", "centre"]
    unknown = client.post(URL, submission(setup, draft=True, result_delivery="pigeon"), format="json")
    assert unknown.status_code == 400 and "result_delivery" in unknown.json()["details"]

    draft = client.post(URL, submission(setup, draft=True, result_delivery="centre"), format="json").json()
    assert draft["result_delivery"] == "centre" and draft["result_delivery_display"]
    _upload(client, draft["code"], "TK")
    sent = act(client, draft["code"], "submit", version=draft["version"])
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    again = client.put(
        f"{URL}{draft['code']}/result-delivery/",
        {"version": sent.json()["version"], "result_delivery": "post"},
        format="json",
    )
    assert again.status_code == 409 and again.json()["code"] == "not_a_draft"


def test_someone_else_may_neither_change_nor_send_the_draft(setup):
    draft = client_for(setup.applicant).post(URL, submission(setup, draft=True), format="json").json()
    stranger = client_for(setup.inspector)
    body = {"version": draft["version"], "result_delivery": "centre"}
    assert stranger.put(f"{URL}{draft['code']}/result-delivery/", body, format="json").status_code in (
        403,
        404,
    )
    assert act(stranger, draft["code"], "submit", version=draft["version"]).status_code in (403, 404)
    assert Dossier.objects.get(code=draft["code"]).result_delivery == ""


def test_the_schema_documents_result_delivery_and_the_draft_change(setup):
    schema = client_for(setup.applicant).get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    refs = str(components["SubmitRequest"]["properties"]["result_delivery"])
    assert "#/components/schemas/ResultDeliveryEnum" in refs
    assert components["ResultDeliveryEnum"]["enum"] == ["online", "post", "centre"]
    assert "result_delivery" in components["DossierDetail"]["properties"]
    assert set(components["ResultDeliveryChangeRequest"]["required"]) == {"version", "result_delivery"}
    put = schema["paths"]["/api/v1/dossiers/{code}/result-delivery/"]["put"]
    assert put["operationId"] == "dossiers_result_delivery_set"
    assert {"200", "400", "404", "409"} <= set(put["responses"])
    submit = schema["paths"]["/api/v1/dossiers/{code}/actions/submit/"]["post"]
    assert "draft_incomplete" in submit["summary"] + submit.get("description", "")
