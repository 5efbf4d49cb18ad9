"""Who may add which kind of document, and when (issue 9): only officers digitize or attach results, an
applicant cannot claim reuse of a file that is not one of their stored documents, and an applicant uploads only while the
dossier asks for documents. Through the API, as the penetration test did."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import Role
from motcua.dossiers import services
from motcua.dossiers.models import Status
from tests.factories.accounts import api_client as client_for
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import PDF_BYTES, received, setup_procedure, submit_online
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


def upload(client, code, *, source="uploaded", lang="vi", **extra):
    return client.post(
        f"/api/v1/dossiers/{code}/documents/",
        {
            "file": SimpleUploadedFile("to-khai.pdf", PDF_BYTES),
            "component_code": "TK",
            "source": source,
            **extra,
        },
        format="multipart",
        HTTP_ACCEPT_LANGUAGE=lang,
    )


@pytest.fixture
def far():
    """A procedure received regardless of boundary at a centre in another province, with its officer."""
    setup = setup_procedure(boundary_free=True)
    province_two = AgencyFactory(
        code="TINH2", administrative_unit__code="02", administrative_unit__name="Tỉnh khác"
    )
    setup.others["far_officer"] = user_with_role(Role.RECEIVING_OFFICER, province_two)
    setup.others["far_centre"] = province_two
    return setup


def test_an_applicant_cannot_make_an_out_of_area_dossier_receivable(far):
    """The finding: `source=reused` from the applicant gave a digitized document and `receive` then passed."""
    draft = submit_online(far, receiving_agency_code=far.others["far_centre"].code, draft=True)
    assert draft.outside_boundary
    applicant = client_for(far.applicant)

    reused = upload(applicant, draft.code, source="reused")
    assert reused.status_code == 400, reused.json()
    # A file the applicant names "reused" is not a stored document: reuse names one (personal_document).
    assert reused.json()["code"] == "personal_document_required"
    assert "kho dữ liệu cá nhân" in reused.json()["message"]
    assert (
        upload(applicant, draft.code, source="reused", lang="en")
        .json()["message"]
        .startswith("Choose the document of your personal document store")
    )
    digitized = upload(applicant, draft.code, source="digitized")
    assert digitized.status_code == 403
    own = upload(applicant, draft.code)  # the applicant's own file is welcome, but it is not a digitized copy
    assert own.status_code == 201, own.json()
    assert own.json()["digitized"] is False

    dossier = services.dossier_resubmit(code=draft.code, actor=far.applicant, version=draft.version)
    officer = client_for(far.others["far_officer"])
    refused = officer.post(
        f"/api/v1/dossiers/{dossier.code}/actions/receive/", {"version": dossier.version}, format="json"
    )
    assert refused.status_code == 409 and refused.json()["code"] == "digitization_required"

    # The officer digitizes the paper (or reuses a copy the officer has checked): then it is received.
    digitized = upload(officer, dossier.code, source="digitized")
    assert digitized.status_code == 201 and digitized.json()["digitized"] is True
    assert upload(officer, dossier.code, source="reused").json()["digitized"] is True
    accepted = officer.post(
        f"/api/v1/dossiers/{dossier.code}/actions/receive/", {"version": dossier.version}, format="json"
    )
    assert accepted.status_code == 200, accepted.json()


def test_applicants_upload_only_while_the_dossier_asks_for_documents():
    setup = setup_procedure()
    applicant = client_for(setup.applicant)

    draft = submit_online(setup, draft=True)
    assert upload(applicant, draft.code).status_code == 201

    submitted = submit_online(setup)
    closed = upload(applicant, submitted.code)
    assert closed.status_code == 409, closed.json()
    assert closed.json()["code"] == "upload_not_open"
    assert closed.json()["details"] == {"status": "submitted"}
    assert "yêu cầu bổ sung" in closed.json()["message"]
    assert "asked for a supplement" in upload(applicant, submitted.code, lang="en").json()["message"]

    guided = services.dossier_request_completion(
        code=submitted.code, actor=setup.officer, version=submitted.version, items=["Ảnh 4x6"]
    )
    assert guided.status == Status.NEEDS_COMPLETION
    assert upload(applicant, guided.code).status_code == 201

    dossier = received(setup)
    assert upload(applicant, dossier.code).json()["code"] == "upload_not_open"
    dossier = services.dossier_request_supplement(
        code=dossier.code, actor=setup.specialist, version=dossier.version, reason="Thiếu", items=["Bản sao"]
    )
    assert upload(applicant, dossier.code).status_code == 201
    dossier = services.dossier_supplement(code=dossier.code, actor=setup.applicant, version=dossier.version)
    assert upload(applicant, dossier.code).json()["code"] == "upload_not_open"

    # After the result is decided the applicant adds nothing; the officers handling it still may.
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=setup.specialist, version=dossier.version
    )
    assert upload(client_for(setup.leader), dossier.code, source="issued_result").status_code == 201
    dossier = services.dossier_resolve(
        code=dossier.code, actor=setup.leader, version=dossier.version, outcome="approved"
    )
    assert upload(applicant, dossier.code).json()["code"] == "upload_not_open"
    assert upload(client_for(setup.officer), dossier.code).status_code == 201
    dossier = services.dossier_return(code=dossier.code, actor=setup.officer, version=dossier.version)
    assert upload(client_for(setup.officer), dossier.code).json()["code"] == "dossier_closed"


def test_officers_add_documents_only_to_dossiers_they_handle():
    setup = setup_procedure()
    dossier = received(setup)
    assert upload(client_for(setup.specialist), dossier.code, source="digitized").status_code == 201
    # The inspector sees every dossier but never writes.
    assert upload(client_for(setup.inspector), dossier.code).status_code == 403
    # Another applicant, or an officer of an unrelated agency, does not even see the dossier.
    stranger = user_with_role(Role.APPLICANT, None)
    assert upload(client_for(stranger), dossier.code).status_code == 404
    elsewhere = user_with_role(Role.RECEIVING_OFFICER, AgencyFactory(code="KHAC"))
    assert upload(client_for(elsewhere), dossier.code).status_code == 404


def test_a_signed_flag_from_the_client_is_ignored():
    setup = setup_procedure()
    dossier = received(setup)
    response = upload(client_for(setup.leader), dossier.code, source="issued_result", signed="true")
    assert response.status_code == 201, response.json()
    assert response.json()["signed"] is False
