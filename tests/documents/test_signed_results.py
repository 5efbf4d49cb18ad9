"""Signed results end to end: demo keys, the leader's result, and what a tampered or foreign file shows."""

from __future__ import annotations

import io
import stat

import pytest
from pypdf import PdfReader

from motcua.core.errors import ActionNotAllowed, PermissionDenied
from motcua.documents.errors import SignatureNotTrusted, SigningKeyMissing
from motcua.documents.models import Source
from motcua.documents.signatures import Reason, verify_pdf_signature
from motcua.documents.signing import RESULT_REASON, sign_pdf
from motcua.documents.signing_keys import (
    agencies_that_resolve,
    create_signing_keys,
    demo_ca_path,
    signing_dir,
)
from motcua.dossiers import services
from tests.factories.dossiers import pdf_file, received, setup_procedure, submit_online
from tests.factories.signing import SigningAuthority, plain_pdf

pytestmark = pytest.mark.django_db


def check(data: bytes):
    return verify_pdf_signature(io.BytesIO(data))


@pytest.fixture
def setup():
    setup = setup_procedure()
    create_signing_keys(agencies=agencies_that_resolve())
    return setup


def ready_to_resolve(setup):
    dossier = received(setup)
    return services.dossier_complete_step(
        code=dossier.code, actor=setup.specialist, version=dossier.version, outcome="Đủ điều kiện"
    )


def test_keys_are_made_once_for_each_agency_with_a_leader_and_kept_private(setup):
    folder = signing_dir()
    assert demo_ca_path().exists()
    key = folder / "agencies" / f"{setup.department.code}.key"
    assert key.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")  # PKCS#8
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / "demo-ca.key").stat().st_mode) == 0o600
    assert not (folder / "agencies" / f"{setup.centre.code}.key").exists()  # no leader there
    before = key.read_bytes(), demo_ca_path().read_bytes()
    again = create_signing_keys(agencies=agencies_that_resolve())
    assert not again.ca_created and again.agencies_created == []
    assert (key.read_bytes(), demo_ca_path().read_bytes()) == before


def test_a_pdf_signed_by_the_agency_verifies_with_the_demo_ca_and_a_changed_byte_does_not(setup):
    signed = sign_pdf(pdf=plain_pdf(), agency_code=setup.department.code, signer_name=setup.department.name)
    result = check(signed)
    assert result.valid and result.signer_name == setup.department.name and result.signed_at is not None
    assert PdfReader(io.BytesIO(signed)).get_fields()["KetQua"]["/V"]["/Reason"] == RESULT_REASON
    at = signed.index(b"/MediaBox")
    tampered = signed[:at] + signed[at:].replace(b"595", b"596", 1)
    assert not check(tampered).valid


def test_a_signature_from_an_unknown_ca_is_not_trusted(setup):
    foreign = SigningAuthority.create(root_name="Unknown Root").sign(plain_pdf())
    assert check(foreign).reason == Reason.UNTRUSTED


def test_the_leaders_result_is_a_signed_issued_result_in_the_dossiers_documents(setup):
    dossier = ready_to_resolve(setup)
    record = services.dossier_issue_result(code=dossier.code, actor=setup.leader)
    assert record.source == Source.ISSUED_RESULT and record.signed
    with record.file.open("rb") as handle:
        data = handle.read()
    assert check(data).valid
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert dossier.code in text and "NGUYỄN" in text
    assert list(dossier.documents.filter(source=Source.ISSUED_RESULT)) == [record]
    dossier.refresh_from_db()
    resolved = services.dossier_resolve(
        code=dossier.code, actor=setup.leader, version=dossier.version, outcome="approved"
    )
    assert resolved.status == "resolved"


def test_an_uploaded_unsigned_pdf_is_signed_before_it_is_attached(setup):
    dossier = ready_to_resolve(setup)
    record = services.dossier_issue_result(code=dossier.code, actor=setup.leader, file=pdf_file())
    assert record.signed and record.original_name == f"{dossier.code}-ket-qua.pdf"


def test_only_a_leader_of_the_competent_agency_with_the_dossier_resolvable(setup):
    dossier = submit_online(setup)
    with pytest.raises(ActionNotAllowed):  # not received yet
        services.dossier_issue_result(code=dossier.code, actor=setup.leader)
    dossier = ready_to_resolve(setup)
    with pytest.raises(PermissionDenied):
        services.dossier_issue_result(code=dossier.code, actor=setup.specialist)
    assert not dossier.documents.filter(source=Source.ISSUED_RESULT).exists()


def test_a_certificate_from_a_root_that_is_not_trusted_attaches_nothing(setup, settings, tmp_path):
    settings.MOTCUA_SIGNATURE_TRUST_ROOTS = [SigningAuthority.create().root_pem_path(tmp_path)]
    dossier = ready_to_resolve(setup)
    with pytest.raises(SignatureNotTrusted):
        services.dossier_issue_result(code=dossier.code, actor=setup.leader)
    assert not dossier.documents.exists()
    assert not list((tmp_path / "media").rglob("*.pdf"))


def test_an_agency_without_keys_cannot_sign(settings):
    setup = setup_procedure()
    dossier = ready_to_resolve(setup)
    with pytest.raises(SigningKeyMissing):
        services.dossier_issue_result(code=dossier.code, actor=setup.leader)


def test_a_real_certificate_as_pkcs12_with_its_passphrase_signs_and_verifies(settings, tmp_path):
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    authority = SigningAuthority.create(root_name="Real Root", signer_name="Sở Tư pháp")
    settings.MOTCUA_SIGNATURE_TRUST_ROOTS = [authority.root_pem_path(tmp_path)]
    settings.MOTCUA_SIGNING_PASSPHRASE = "bí mật"
    folder = signing_dir() / "agencies"
    folder.mkdir(parents=True)
    (folder / "HN.STP.p12").write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"stp",
            authority.signer_key,
            authority.signer_certificate,
            [authority.root],
            BestAvailableEncryption("bí mật".encode()),
        )
    )
    result = check(sign_pdf(pdf=plain_pdf(), agency_code="HN.STP", signer_name="Sở Tư pháp"))
    assert result.valid and result.signer_name == "Sở Tư pháp"
