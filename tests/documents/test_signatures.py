"""A document counts as signed only when its PDF signature verifies with pyHanko against the configured trust
roots: never because a client says so (issue 9)."""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from rest_framework.test import APIClient

from motcua.documents.models import DocumentRecord
from motcua.documents.signatures import Reason, verify_pdf_signature
from tests.factories.dossiers import received, setup_procedure
from tests.factories.signing import SIGNER_NAME, SigningAuthority, plain_pdf


@pytest.fixture(scope="module")
def authority():
    return SigningAuthority.create()


@pytest.fixture(scope="module")
def signed_pdf(authority):
    return authority.sign(plain_pdf())


@pytest.fixture
def trusted(settings, tmp_path, authority):
    settings.MOTCUA_SIGNATURE_TRUST_ROOTS = [authority.root_pem_path(tmp_path)]


def check(data: bytes):
    return verify_pdf_signature(io.BytesIO(data))


def test_a_trusted_intact_signature_verifies_with_its_signer_and_time(trusted, signed_pdf):
    result = check(signed_pdf)
    assert result.valid, result
    assert result.signer_name == SIGNER_NAME
    assert result.signed_at is not None and result.reason == ""


def test_nothing_counts_as_signed_without_configured_trust_roots(settings, signed_pdf):
    settings.MOTCUA_SIGNATURE_TRUST_ROOTS = []
    result = check(signed_pdf)
    assert not result.valid and result.reason == Reason.NO_TRUST_ROOTS


def test_a_signature_from_an_untrusted_root_does_not_count(settings, tmp_path, signed_pdf):
    other = SigningAuthority.create(root_name="Another Root CA")
    settings.MOTCUA_SIGNATURE_TRUST_ROOTS = [other.root_pem_path(tmp_path)]
    result = check(signed_pdf)
    assert not result.valid and result.reason == Reason.UNTRUSTED


def test_a_byte_changed_after_signing_breaks_the_signature(trusted, signed_pdf):
    at = signed_pdf.index(b"/MediaBox [ 0 0 595 842 ]") + len(b"/MediaBox [ 0 0 59")
    tampered = signed_pdf[:at] + b"4" + signed_pdf[at + 1 :]  # 595 -> 594: still a well-formed PDF
    assert tampered != signed_pdf
    result = check(tampered)
    assert not result.valid and result.reason == Reason.NOT_INTACT


def test_content_added_after_signing_does_not_count(trusted, signed_pdf):
    writer = PdfWriter(io.BytesIO(signed_pdf), incremental=True)
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(signed_pdf)  # an incremental update: the signed bytes are all there
    result = check(out.getvalue())
    assert not result.valid and result.reason == Reason.MODIFIED_AFTER_SIGNING, result


def test_an_unsigned_or_unreadable_file_is_not_signed(trusted):
    assert check(plain_pdf()).reason == Reason.NO_SIGNATURE
    assert not check(b"%PDF-1.7 nothing else").valid


def test_a_missing_trust_root_file_trusts_nothing(settings, tmp_path, signed_pdf):
    settings.MOTCUA_SIGNATURE_TRUST_ROOTS = [str(tmp_path / "missing.pem")]
    assert check(signed_pdf).reason == Reason.NO_TRUST_ROOTS


@pytest.mark.django_db
def test_the_api_sets_signed_from_the_verified_signature_only(trusted, signed_pdf, settings, tmp_path):
    setup = setup_procedure()
    dossier = received(setup)
    client = APIClient()
    client.force_authenticate(setup.leader)
    url = f"/api/v1/dossiers/{dossier.code}/documents/"

    def post(data: bytes, **extra):
        return client.post(
            url,
            {"file": SimpleUploadedFile("ket-qua.pdf", data), "source": "issued_result", **extra},
            format="multipart",
        )

    claimed = post(plain_pdf(), signed="true")
    assert claimed.status_code == 201, claimed.json()
    assert claimed.json()["signed"] is False
    genuine = post(signed_pdf)
    assert genuine.status_code == 201, genuine.json()
    assert genuine.json()["signed"] is True
    assert DocumentRecord.objects.get(pk=genuine.json()["id"]).signed is True

    settings.MOTCUA_SIGNATURE_TRUST_ROOTS = [SigningAuthority.create().root_pem_path(tmp_path)]
    assert post(signed_pdf).json()["signed"] is False


def test_verification_works_where_an_event_loop_is_running(trusted, signed_pdf):
    """An ASGI server, or a browser test earlier in the same process, runs a loop in the thread."""

    async def inside_a_loop():
        return check(signed_pdf)

    with ThreadPoolExecutor(max_workers=1) as pool:  # a thread of its own, whatever runs in this one
        assert pool.submit(lambda: asyncio.run(inside_a_loop())).result().valid
