"""Files only through the scoped file view, and checksums only for the officers handling the dossier (issue 9:
uploaded files were reachable at /media/ without signing in, and the sha256 was shown to every viewer)."""

from __future__ import annotations

import importlib
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, resolve
from rest_framework.test import APIClient

import motcua.urls
from motcua.accounts.models import Role
from motcua.documents.models import DocumentRecord
from motcua.dossiers import services
from tests.factories.accounts import api_client as client_for
from tests.factories.accounts import user_with_role
from tests.factories.catalog import RequiredDocumentFactory
from tests.factories.dossiers import PDF_BYTES, PNG_BYTES, setup_procedure, submit_online
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db
NAME = "Giấy khai sinh bản sao.pdf"


@pytest.fixture
def filed():
    """A received dossier with the applicant's own file (uploaded while a draft) and the officer's scan."""
    setup = setup_procedure()
    draft = submit_online(setup, draft=True)
    own = services.dossier_add_document(
        code=draft.code,
        actor=setup.applicant,
        file=SimpleUploadedFile(NAME, PDF_BYTES),
        component_code="TK",
    )
    dossier = services.dossier_resubmit(code=draft.code, actor=setup.applicant, version=draft.version)
    dossier = services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)
    scan = services.dossier_add_document(
        code=dossier.code,
        actor=setup.officer,
        file=SimpleUploadedFile("anh.txt", PNG_BYTES),
        component_code="TK",
        source="digitized",
    )
    setup.others["own"], setup.others["scan"] = own, scan
    setup.others["code"] = dossier.code
    return setup


def file_url(setup, record) -> str:
    return f"/api/v1/dossiers/{setup.others['code']}/documents/{record.pk}/file/"


def test_the_owner_downloads_the_file_with_safe_headers(filed):
    response = client_for(filed.applicant).get(file_url(filed, filed.others["own"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote(NAME)}" in disposition


def test_a_file_keeps_the_extension_of_its_real_type(filed):
    response = client_for(filed.specialist).get(file_url(filed, filed.others["scan"]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert 'filename="anh.txt.png"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PNG_BYTES


def test_nobody_outside_the_dossier_reads_its_files(filed):
    url = file_url(filed, filed.others["own"])
    assert APIClient().get(url).status_code in (401, 403)
    stranger = client_for(user_with_role(Role.APPLICANT, None)).get(url)
    assert stranger.status_code == 404 and stranger.json()["code"] == "dossier_not_found"
    elsewhere = user_with_role(Role.SPECIALIST, AgencyFactory(code="KHAC"))
    assert client_for(elsewhere).get(url).status_code == 404
    # A document id of another dossier, through a dossier the caller may see, is as unknown as none at all.
    other = submit_online(filed, draft=True)
    foreign = f"/api/v1/dossiers/{other.code}/documents/{filed.others['own'].pk}/file/"
    missing = client_for(filed.applicant).get(foreign)
    assert missing.status_code == 404 and missing.json()["code"] == "document_not_found"
    huge = f"/api/v1/dossiers/{filed.others['code']}/documents/{10**30}/file/"
    assert client_for(filed.applicant).get(huge).status_code == 404
    # An Accept header that names something else still gets the file (or a JSON error), never a 406.
    answer = client_for(filed.applicant).get(url, HTTP_ACCEPT="application/pdf")
    assert answer.status_code == 200


def test_files_are_not_served_from_the_media_path(filed, settings):
    record = filed.others["own"]
    assert (settings.MEDIA_ROOT / record.file.name).exists()
    assert Client().get(f"/media/{record.file.name}").status_code == 404
    # Not even in development: the URL configuration read with DEBUG on has no route for MEDIA_URL.
    settings.DEBUG = True
    try:
        importlib.reload(motcua.urls)
        with pytest.raises(Resolver404):
            resolve(f"/media/{record.file.name}", urlconf=motcua.urls)
    finally:
        settings.DEBUG = False
        importlib.reload(motcua.urls)


def test_behind_nginx_the_answer_names_the_internal_location(filed, settings):
    settings.MOTCUA_FILES_X_ACCEL_REDIRECT = "/protected-files/"
    record = filed.others["own"]
    response = client_for(filed.applicant).get(file_url(filed, record))
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-files/{record.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment;" in response["Content-Disposition"]


def test_the_detail_links_each_file_to_the_scoped_view(filed):
    documents = (
        client_for(filed.applicant).get(f"/api/v1/dossiers/{filed.others['code']}/").json()["documents"]
    )
    assert [d["file_url"] for d in documents] == [
        file_url(filed, filed.others["own"]),
        file_url(filed, filed.others["scan"]),
    ]
    assert all("/media/" not in d["file_url"] for d in documents)


def test_checksums_only_for_the_officers_handling_the_dossier(filed):
    code = filed.others["code"]
    hashes = {record.pk: record.sha256 for record in DocumentRecord.objects.all()}
    for user in (filed.officer, filed.specialist, filed.leader):
        documents = client_for(user).get(f"/api/v1/dossiers/{code}/").json()["documents"]
        assert {d["id"]: d["sha256"] for d in documents} == hashes
        events = client_for(user).get(f"/api/v1/dossiers/{code}/events/").json()
        assert events["verified"] is True
        added = [e["payload"] for e in events["events"] if e["kind"] == "document_added"]
        assert sorted(p["sha256"] for p in added) == sorted(hashes.values())
    for user in (filed.applicant, filed.inspector):
        body = client_for(user).get(f"/api/v1/dossiers/{code}/")
        assert [d["sha256"] for d in body.json()["documents"]] == [None, None]
        events = client_for(user).get(f"/api/v1/dossiers/{code}/events/").json()
        assert events["verified"] is True and events["broken_at"] is None  # verified on the full records
        added = [e["payload"] for e in events["events"] if e["kind"] == "document_added"]
        assert len(added) == 2 and all("sha256" not in p for p in added)
        assert all(p["source"] for p in added)
        text = body.content.decode() + str(events)
        assert not any(digest in text for digest in hashes.values())


def test_the_schema_documents_the_file_view():
    schema = APIClient().get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/dossiers/{code}/documents/{document_id}/file/"]["get"]
    assert operation["operationId"] == "dossiers_document_file"
    content = operation["responses"]["200"]["content"]
    assert content["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
    assert "404" in operation["responses"]


def test_blank_forms_are_public_through_their_own_view_not_media(settings):
    setup = setup_procedure()
    procedure = setup.version.procedure.code
    form = setup.version.documents.get(code="TK")
    form.template.save("to-khai-mau.pdf", ContentFile(PDF_BYTES), save=True)
    RequiredDocumentFactory(version=setup.version, code="ANH", name="Ảnh 4x6")  # no template
    url = f"/api/v1/procedures/{procedure}/documents/TK/template/"

    response = Client().get(url)  # no sign-in: the catalog is public
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="to-khai-mau.pdf"' in response["Content-Disposition"]
    assert Client().get(f"/media/{form.template.name}").status_code == 404

    detail = APIClient().get(f"/api/v1/procedures/{procedure}/").json()
    assert {d["code"]: d["template_url"] for d in detail["documents"]} == {"TK": url, "ANH": None}
    page = Client().get(f"/thu-tuc/{procedure}/").content.decode()
    assert f'href="{url}"' in page and "/media/" not in page

    missing = Client().get(f"/api/v1/procedures/{procedure}/documents/ANH/template/")
    assert missing.status_code == 404 and missing.json()["code"] == "template_not_found"
    assert Client().get("/api/v1/procedures/NOPE/documents/TK/template/").status_code == 404
