"""Kho giấy tờ của tôi: the store's pages (upload with metadata kept on error, list, detail, download through
the scoped file view, removal) and the wizard's "Chọn từ kho giấy tờ" choice, without JavaScript."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.documents import store
from motcua.documents.models import Source
from motcua.dossiers.models import Dossier, Status
from tests.factories.accounts import api_client, user_with_role
from tests.factories.catalog import RequiredDocumentFactory
from tests.factories.dossiers import PDF_BYTES, PNG_BYTES, setup_procedure, submit_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    s = setup_procedure()
    s.department.one_stop_section = s.centre
    s.department.save(update_fields=["one_stop_section"])
    RequiredDocumentFactory(version=s.version, code="CCCD", name="Thẻ căn cước", reusable_kind="id_card")
    return s


def store_upload(client, **fields):
    data = {
        "title": "Căn cước của tôi",
        "kind": "id_card",
        "issuer": "Cục Cảnh sát QLHC về TTXH",
        "issued_on": "12/03/2024",
        "valid_until": "12/03/2039",
        "file": SimpleUploadedFile("cccd.pdf", PDF_BYTES),
    }
    data.update(fields)
    return client.post("/kho-giay-to/them/", data)


def test_upload_list_detail_download_and_remove(client, setup):
    client.force_login(setup.applicant)
    response = store_upload(client)
    assert response.status_code == 302
    (document,) = store.personal_documents_of(owner=setup.applicant)
    assert response["Location"] == f"/kho-giay-to/{document.pk}/"
    assert str(document.issued_on) == "2024-03-12" and document.kind == "id_card"

    listing = client.get("/kho-giay-to/").content.decode()
    assert "Căn cước của tôi" in listing and "Thẻ căn cước" in listing  # the kind, named as the catalog does
    detail = client.get(f"/kho-giay-to/{document.pk}/").content.decode()
    assert "12/03/2039" in detail and f"/api/v1/personal-documents/{document.pk}/file/" in detail
    download = client.get(f"/api/v1/personal-documents/{document.pk}/file/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert download["Cache-Control"] == "private, no-store"

    other = user_with_role("applicant", None)
    client.force_login(other)
    assert client.get(f"/kho-giay-to/{document.pk}/").status_code == 404
    assert client.get(f"/api/v1/personal-documents/{document.pk}/file/").status_code == 404
    assert client.post(f"/kho-giay-to/{document.pk}/xoa/").status_code == 404

    client.force_login(setup.applicant)
    assert client.post(f"/kho-giay-to/{document.pk}/xoa/").status_code == 302
    assert "Kho của bạn chưa có giấy tờ nào." in client.get("/kho-giay-to/").content.decode()


def test_a_refused_upload_keeps_what_was_typed_and_says_why(client, setup):
    client.force_login(setup.applicant)
    response = store_upload(
        client,
        title="Căn cước",
        issued_on="12/03/2024",
        valid_until="01/01/2020",
        file=SimpleUploadedFile("cccd.pdf", PDF_BYTES),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ngày hết giá trị phải sau ngày cấp." in page
    assert 'href="#id_valid_until"' in page and 'value="Căn cước"' in page
    broken = store_upload(client, file=SimpleUploadedFile("cccd.pdf", b"%PDF-1.4 broken"))
    assert broken.status_code == 400 and "PDF" in broken.content.decode()
    assert not store.personal_documents_of(owner=setup.applicant).exists()


def test_the_wizard_offers_my_stored_documents_for_a_reusable_component_and_attaches_the_chosen_one(
    client, setup
):
    client.force_login(setup.applicant)
    mine = store.personal_document_upload(
        owner=setup.applicant,
        file=SimpleUploadedFile("anh-cccd.png", PNG_BYTES),
        metadata=store.Metadata(title="Ảnh căn cước", kind="id_card"),
    )
    client.post(f"/nop-ho-so/{setup.version.procedure.code}/")
    draft = Dossier.objects.get(applicant=setup.applicant, status=Status.DRAFT)
    page = client.get(f"/nop-ho-so/ho-so/{draft.code}/giay-to/").content.decode()
    assert page.count('name="reuse-CCCD-personal_document"') == 1  # only the reusable component offers it
    assert "Ảnh căn cước" in page and 'name="reuse-TK-personal_document"' not in page

    missing = client.post(f"/nop-ho-so/ho-so/{draft.code}/giay-to/", {"component": "CCCD", "reuse": "1"})
    assert missing.status_code == 400
    assert 'href="#id_reuse-CCCD-personal_document_0"' in missing.content.decode()

    chosen = client.post(
        f"/nop-ho-so/ho-so/{draft.code}/giay-to/",
        {"component": "CCCD", "reuse": "1", "reuse-CCCD-personal_document": str(mine.pk)},
    )
    assert chosen.status_code == 302
    (record,) = draft.documents.all()
    assert record.source == Source.REUSED and record.personal_document_id == mine.pk
    assert "Dùng lại từ kho giấy tờ" in client.get(f"/nop-ho-so/ho-so/{draft.code}/giay-to/").content.decode()


def test_the_api_reuses_only_ones_own_stored_document(setup):
    other = user_with_role("applicant", None)
    theirs = store.personal_document_upload(
        owner=other,
        file=SimpleUploadedFile("cccd.pdf", PDF_BYTES),
        metadata=store.Metadata(title="Căn cước", kind="id_card"),
    )
    applicant = api_client(setup.applicant)
    listed = applicant.get("/api/v1/personal-documents/").json()
    assert listed["count"] == 0
    assert applicant.get(f"/api/v1/personal-documents/{theirs.pk}/").status_code == 404
    created = applicant.post(
        "/api/v1/personal-documents/",
        {"file": SimpleUploadedFile("cccd.pdf", PDF_BYTES), "title": "Căn cước", "kind": "id_card"},
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["deletable"] is True and created.json()["stored_from"] == "uploaded"
    code = submit_online(setup, draft=True).code

    def reuse(document_id):
        return applicant.post(
            f"/api/v1/dossiers/{code}/documents/reuse/",
            {"component_code": "CCCD", "personal_document": document_id},
            format="json",
        )

    foreign = reuse(theirs.pk)
    assert foreign.status_code == 400 and foreign.json()["code"] == "personal_document_not_found"
    own = reuse(created.json()["id"])
    assert own.status_code == 201, own.json()
    assert own.json()["source"] == "reused" and own.json()["digitized"] is False
    # Naming a file "reused" in the plain upload is not reuse: a stored document is named through reuse/.
    bare = applicant.post(
        f"/api/v1/dossiers/{code}/documents/",
        {"file": SimpleUploadedFile("cccd.pdf", PDF_BYTES), "component_code": "CCCD", "source": "reused"},
        format="multipart",
    )
    assert bare.status_code == 400 and bare.json()["code"] == "personal_document_required"
