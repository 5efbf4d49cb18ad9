"""POST dossiers/{code}/result/: the leader's signed result, visible among the dossier's documents."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.documents.signing_keys import agencies_that_resolve, create_signing_keys
from tests.factories.dossiers import PNG_BYTES, received, setup_procedure
from tests.factories.signing import plain_pdf

from .test_dossier_api import URL, act, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    setup = setup_procedure()
    create_signing_keys(agencies=agencies_that_resolve())
    return setup


def test_the_leader_signs_a_generated_result_then_approves_it(setup):
    dossier = received(setup)
    specialist, leader = client_for(setup.specialist), client_for(setup.leader)
    answer = act(specialist, dossier.code, "complete_step", version=dossier.version, outcome="Đủ điều kiện")
    assert answer.status_code == 200, answer.json()
    answer = leader.post(f"{URL}{dossier.code}/result/")
    assert answer.status_code == 201, answer.json()
    assert answer.json()["source"] == "issued_result" and answer.json()["signed"] is True
    detail = leader.get(f"{URL}{dossier.code}/").json()
    results = [d for d in detail["documents"] if d["source"] == "issued_result"]
    assert [(d["id"], d["signed"]) for d in results] == [(answer.json()["id"], True)]
    # Until the leader decides, the result is the officers' draft: not listed to the applicant.
    applicant = client_for(setup.applicant).get(f"{URL}{dossier.code}/").json()
    assert not any(d["source"] == "issued_result" for d in applicant["documents"])
    answer = act(leader, dossier.code, "resolve", version=detail["version"], outcome="approved")
    assert answer.status_code == 200, answer.json()
    applicant = client_for(setup.applicant).get(f"{URL}{dossier.code}/").json()
    assert any(d["signed"] and d["source"] == "issued_result" for d in applicant["documents"])


def test_an_uploaded_pdf_is_signed_and_a_picture_is_refused(setup):
    dossier = received(setup)
    leader = client_for(setup.leader)
    picture = SimpleUploadedFile("kq.png", PNG_BYTES, content_type="image/png")
    answer = leader.post(f"{URL}{dossier.code}/result/", {"file": picture}, format="multipart")
    assert answer.status_code == 400 and answer.json()["code"] == "result_not_pdf"
    pdf = SimpleUploadedFile("kq.pdf", plain_pdf(), content_type="application/pdf")
    answer = leader.post(f"{URL}{dossier.code}/result/", {"file": pdf}, format="multipart")
    assert answer.status_code == 201 and answer.json()["signed"] is True


def test_409_when_the_dossier_cannot_be_resolved_and_403_for_another_role(setup):
    dossier = received(setup)
    answer = client_for(setup.specialist).post(f"{URL}{dossier.code}/result/")
    assert answer.status_code == 403
    act(
        client_for(setup.leader),
        dossier.code,
        "stop",
        version=dossier.version,
        reasons="Người nộp đề nghị dừng.",
    )
    answer = client_for(setup.leader).post(f"{URL}{dossier.code}/result/", HTTP_ACCEPT_LANGUAGE="vi")
    assert answer.status_code == 409 and answer.json()["code"] == "action_not_allowed"
    assert client_for(setup.applicant).post(f"{URL}{dossier.code}/result/").status_code == 403


def test_409_when_the_agency_has_no_signing_key():
    setup = setup_procedure()
    dossier = received(setup)
    answer = client_for(setup.leader).post(f"{URL}{dossier.code}/result/")
    assert answer.status_code == 409 and answer.json()["code"] == "signing_key_missing"
