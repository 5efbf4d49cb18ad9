"""Uploads are judged by their whole content: what the penetration test got past the first-bytes check is refused
through the API, real documents still pass, names are cleaned and each dossier holds a bounded number of files."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from rest_framework.test import APIClient

from motcua.documents.checks import clean_file_name
from motcua.documents.models import DocumentRecord
from motcua.dossiers import services
from tests.factories.dossiers import PDF_BYTES, PNG_BYTES, setup_procedure, submit_online

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture
def upload():
    """`upload(data, name=...)`: the receiving officer posts the file to a submitted dossier's documents."""
    setup = setup_procedure()
    dossier = submit_online(setup)
    client = APIClient()
    client.force_authenticate(setup.officer)

    def _upload(
        data: bytes,
        *,
        name: str = "giay-to.pdf",
        content_type: str = "application/pdf",
        lang="vi",
        source="uploaded",
    ):
        file = SimpleUploadedFile(name, data, content_type=content_type)
        return client.post(
            f"/api/v1/dossiers/{dossier.code}/documents/",
            {"file": file, "component_code": "TK", "source": source},
            format="multipart",
            HTTP_ACCEPT_LANGUAGE=lang,
        )

    _upload.setup = setup
    _upload.dossier = dossier
    return _upload


def pdf(build=None) -> bytes:
    """A one-page PDF written by pypdf; `build(writer)` adds to it first."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if build:
        build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image(fmt: str, size=(4, 4), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white").save(out, fmt)
    return out.getvalue()


def refused(response, code: str) -> dict:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == code, body
    return body


# -- what must pass ------------------------------------------------------------------------------------------


def test_real_pdfs_and_images_are_accepted(upload):
    with_link = pdf(lambda w: w.add_uri(0, "https://dichvucong.gov.vn/", [0, 0, 100, 100]))
    for data, name, mime in [
        (PDF_BYTES, "to-khai.pdf", "application/pdf"),
        (with_link, "co-lien-ket.pdf", "application/pdf"),
        (PNG_BYTES, "anh.png", "image/png"),
        (image("PNG", (300, 200)), "scan.png", "image/png"),
        (image("JPEG", (300, 200)), "anh-chup.jpg", "image/jpeg"),
    ]:
        response = upload(data, name=name, content_type=mime)
        assert response.status_code == 201, (name, response.json())
        # The applicant's photos are kept as PDF pages (documents.photos), checked again as PDFs.
        assert response.json()["content_type"] == "application/pdf"
        scan = upload(data, name=name, content_type=mime, source="digitized")
        assert scan.status_code == 201 and scan.json()["content_type"] == mime  # an officer's scan as it is


# -- PDFs -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.",  # seven bytes that only look like a PDF
        b"%PDF-1.4\n" + bytes(range(256)) * 40,  # a PDF header before anything else
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",  # no cross-reference, no catalog
    ],
    ids=["seven-bytes", "header-then-junk", "no-catalog"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(upload, data):
    body = refused(upload(data), "pdf_unreadable")
    assert "PDF" in body["message"]


def test_a_pdf_without_pages_is_refused(upload):
    writer = PdfWriter()
    out = io.BytesIO()
    writer.write(out)
    refused(upload(out.getvalue()), "pdf_no_pages")


def _open_action(action: dict):
    def build(writer: PdfWriter) -> None:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject(k): (NameObject(v) if v.startswith("/") else TextStringObject(v))
                for k, v in action.items()
            }
        )

    return build


def _document_javascript(writer: PdfWriter) -> None:
    """Document-level JavaScript: the catalog's name tree, run when the file opens."""
    js = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("x"), writer._add_object(js)])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})


def _page_additional_action(writer: PdfWriter) -> None:
    js = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): js})


@pytest.mark.parametrize(
    ("build", "found"),
    [
        (_document_javascript, "javascript"),
        (_open_action({"/S": "/JavaScript", "/JS": "app.alert(1)"}), "javascript"),
        (_open_action({"/S": "/Launch", "/F": "cmd.exe"}), "launch"),
        (_page_additional_action, "javascript"),
        (lambda w: w.add_attachment("payload.exe", b"MZ\x90\x00"), "embedded_file"),
    ],
    ids=[
        "names-javascript",
        "open-action-javascript",
        "open-action-launch",
        "page-aa-javascript",
        "embedded",
    ],
)
def test_a_pdf_with_active_content_is_refused_with_a_clear_message(upload, build, found):
    body = refused(upload(pdf(build)), "pdf_active_content")
    assert body["details"] == {"found": found}
    assert "JavaScript" in body["message"] and "tệp đính kèm" in body["message"]
    english = refused(upload(pdf(build), lang="en"), "pdf_active_content")
    assert english["message"].startswith("The PDF contains active content")


def test_an_escaped_action_name_is_read_as_the_viewer_reads_it(upload):
    """`/L#61unch` is `/Launch` to a PDF viewer: a byte search would miss it, the parsed object does not."""
    data = pdf(_open_action({"/S": "/Launch", "/F": "cmd.exe"})).replace(b"/Launch", b"/L#61unch")
    assert b"/Launch" not in data
    refused(upload(data), "pdf_active_content")


def test_an_encrypted_pdf_is_refused(upload):
    refused(upload(pdf(lambda w: w.encrypt("mat-khau"))), "pdf_encrypted")


def test_a_pdf_html_polyglot_is_refused(upload):
    """A real, parseable PDF that a browser would also render as a page running a script."""
    data = pdf().replace(
        b"%PDF-1.3\n", b"%PDF-1.3\n%<html><body><script>alert(document.cookie)</script>\n", 1
    )
    refused(upload(data), "upload_markup")
    tail = pdf() + b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"
    refused(upload(tail), "upload_markup")


# -- images ---------------------------------------------------------------------------------------------------


def test_a_png_header_before_a_script_is_refused(upload):
    data = PNG_BYTES[:16] + b"<script>alert(1)</script>" + b"\x00" * 64
    refused(upload(data, name="anh.png", content_type="image/png"), "upload_markup")
    refused(
        upload(PNG_BYTES[:33] + b"\x00" * 40, name="anh.png", content_type="image/png"), "image_unreadable"
    )


def test_an_image_must_decode_fully_in_the_type_its_bytes_declare(upload):
    jpeg = image("JPEG", (400, 300))
    truncated = jpeg[: len(jpeg) // 2]
    body = refused(upload(truncated, name="anh.jpg", content_type="image/jpeg"), "image_unreadable")
    assert "JPEG" in body["message"]
    # JPEG's first bytes announce JPEG; what follows is a PNG: not a JPEG a viewer can show.
    mixed = jpeg[:4] + image("PNG", (40, 40))
    refused(upload(mixed, name="anh.jpg", content_type="image/jpeg"), "image_unreadable")


def test_a_decompression_bomb_is_refused_before_it_is_decoded(upload):
    bomb = image("PNG", (10_000, 10_000), mode="1")  # 100 megapixels in a few kilobytes
    assert len(bomb) < 100_000
    refused(upload(bomb, name="bom.png", content_type="image/png"), "image_too_large")


# -- size, count, names ---------------------------------------------------------------------------------------


def test_nineteen_megabytes_of_zeros_are_refused(upload, settings):
    assert settings.MOTCUA_MAX_UPLOAD_BYTES == 10 * MB  # the default
    body = refused(upload(bytes(19 * MB)), "upload_too_large")
    assert body["details"] == {"max_bytes": 10 * MB, "size": 19 * MB}
    settings.MOTCUA_MAX_UPLOAD_BYTES = 25 * MB  # a larger limit: zeros are still no document
    refused(upload(bytes(19 * MB)), "upload_type_not_allowed")


def test_a_dossier_holds_at_most_the_configured_number_of_documents(upload, settings):
    assert settings.MOTCUA_MAX_DOCUMENTS_PER_DOSSIER == 50  # the default
    settings.MOTCUA_MAX_DOCUMENTS_PER_DOSSIER = 2
    assert upload(PDF_BYTES).status_code == 201
    assert upload(PNG_BYTES, name="a.png", content_type="image/png").status_code == 201
    response = upload(PDF_BYTES)
    assert response.status_code == 409, response.json()
    assert response.json()["code"] == "too_many_documents"
    assert response.json()["details"] == {"max_documents": 2}
    assert DocumentRecord.objects.filter(dossier=upload.dossier).count() == 2


def test_the_result_document_is_attached_even_at_the_limit(upload, settings):
    settings.MOTCUA_MAX_DOCUMENTS_PER_DOSSIER = 1
    assert upload(PDF_BYTES).status_code == 201
    record = services.dossier_add_document(
        code=upload.dossier.code,
        actor=upload.setup.officer,
        file=ContentFile(PDF_BYTES, name="ket-qua.pdf"),
        source="issued_result",
    )
    assert record.pk and DocumentRecord.objects.filter(dossier=upload.dossier).count() == 2


def test_file_names_are_stored_normalised(upload):
    decomposed = unicodedata.normalize("NFD", "Giấy khai sinh")
    name = f"{decomposed}\u202egpj.exe\x00\x07\u200b.pdf"
    response = upload(PDF_BYTES, name=name)
    assert response.status_code == 201, response.json()
    stored = response.json()["original_name"]
    assert stored == "Giấy khai sinhgpj.exe.pdf"
    assert unicodedata.is_normalized("NFC", stored)
    assert DocumentRecord.objects.get().original_name == stored


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("to-khai.pdf", "to-khai.pdf"),
        ("C:\\Users\\an\\to khai.pdf", "to khai.pdf"),
        ("../../etc/passwd", "passwd"),
        ("a\u2066b\u2069c\u202d.pdf", "abc.pdf"),
        ("  dòng\tmới\n.pdf ", "dòng mới .pdf"),
        ("", ""),
    ],
)
def test_clean_file_name(raw, clean):
    assert clean_file_name(raw) == clean


def test_a_long_name_is_capped_and_keeps_its_extension():
    cleaned = clean_file_name("đ" * 500 + ".pdf")
    assert len(cleaned) == 200 and cleaned.endswith("đ.pdf")
