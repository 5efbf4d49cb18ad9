"""The personal document store: owner scope, checks on upload, removal rules, results stored when a dossier is
approved, and reuse in a new dossier (only one's own documents, only for a component that accepts that kind)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.core.errors import ValidationFailed
from motcua.documents import store
from motcua.documents.errors import PersonalDocumentNotDeletable, PersonalDocumentNotFound, UploadRejected
from motcua.documents.models import Source, StoredFrom
from motcua.documents.signing_keys import agencies_that_resolve, create_signing_keys
from motcua.dossiers import services
from tests.factories.accounts import user_with_role
from tests.factories.catalog import RequiredDocumentFactory
from tests.factories.dossiers import PDF_BYTES, PNG_BYTES, received, setup_procedure, submit_online

pytestmark = pytest.mark.django_db


def upload(owner, *, kind="id_card", name="cccd.pdf", content=PDF_BYTES, **metadata):
    return store.personal_document_upload(
        owner=owner,
        file=SimpleUploadedFile(name, content),
        metadata=store.Metadata(title=metadata.pop("title", "Căn cước"), kind=kind, **metadata),
    )


@pytest.fixture
def setup():
    setup = setup_procedure()
    RequiredDocumentFactory(version=setup.version, code="CCCD", name="Thẻ căn cước", reusable_kind="id_card")
    return setup


def test_a_document_is_seen_only_by_its_owner(setup):
    mine = upload(setup.applicant)
    other = user_with_role("applicant", None)
    assert list(store.personal_documents_of(owner=setup.applicant)) == [mine]
    assert list(store.personal_documents_of(owner=other)) == []
    with pytest.raises(PersonalDocumentNotFound):
        store.personal_document_of(owner=other, document_id=mine.pk)
    with pytest.raises(PersonalDocumentNotFound):
        store.personal_document_remove(owner=other, document_id=mine.pk)
    assert mine.stored_from == StoredFrom.UPLOADED and mine.content_type == "application/pdf"
    assert mine.file.name.startswith(f"personal/{setup.applicant.pk}/")


def test_uploads_pass_the_content_checks_and_the_metadata_rules(setup):
    with pytest.raises(UploadRejected) as refused:
        upload(setup.applicant, name="cccd.pdf", content=b"<html><script>alert(1)</script></html>")
    assert refused.value.code == "upload_type_not_allowed"
    with pytest.raises(ValidationFailed) as unknown:
        upload(setup.applicant, kind="made_up")
    assert unknown.value.code == "invalid_kind"
    with pytest.raises(ValidationFailed) as blank:
        upload(setup.applicant, title="  ")
    assert blank.value.details == {"title": ["required"]}
    assert not store.personal_documents_of(owner=setup.applicant).exists()


def test_own_uploads_can_be_removed_but_issued_results_cannot(setup):
    mine = upload(setup.applicant)
    store.personal_document_remove(owner=setup.applicant, document_id=mine.pk)
    assert not store.personal_documents_of(owner=setup.applicant).exists()
    with pytest.raises(PersonalDocumentNotFound):  # gone from the store: not reusable, not downloadable
        store.personal_document_of(owner=setup.applicant, document_id=mine.pk)

    result = _approved_with_result(setup)
    (stored,) = store.personal_documents_of(owner=setup.applicant)
    with pytest.raises(PersonalDocumentNotDeletable):
        store.personal_document_remove(owner=setup.applicant, document_id=stored.pk)
    assert stored.source_dossier_code == result.code


def _approved_with_result(setup):
    create_signing_keys(agencies=agencies_that_resolve())
    dossier = received(setup)
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=setup.specialist, version=dossier.version, outcome="Đủ điều kiện"
    )
    services.dossier_issue_result(code=dossier.code, actor=setup.leader)
    dossier.refresh_from_db()
    return services.dossier_resolve(
        code=dossier.code, actor=setup.leader, version=dossier.version, outcome="approved"
    )


def test_an_approved_signed_result_enters_the_applicants_store_with_the_resolution(setup):
    dossier = _approved_with_result(setup)
    (stored,) = store.personal_documents_of(owner=setup.applicant)
    assert stored.stored_from == StoredFrom.ISSUED_RESULT and stored.signed
    assert stored.issuer == setup.department.name and stored.issued_on is not None
    record = dossier.documents.get(source=Source.ISSUED_RESULT)
    assert stored.sha256 == record.sha256
    with stored.file.open("rb") as handle:
        assert handle.read()[:5] == b"%PDF-"
    assert not store.personal_documents_of(owner=setup.leader).exists()


def test_a_denied_dossier_stores_nothing(setup):
    dossier = received(setup)
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=setup.specialist, version=dossier.version, outcome="Không đủ điều kiện"
    )
    services.dossier_resolve(
        code=dossier.code, actor=setup.leader, version=dossier.version, outcome="denied", reasons="Thiếu"
    )
    assert not store.personal_documents_of(owner=setup.applicant).exists()


def test_reuse_attaches_a_copy_of_ones_own_document_to_a_component_of_its_kind(setup):
    mine = upload(setup.applicant, name="anh-cccd.png", content=PNG_BYTES)
    draft = submit_online(setup, draft=True)
    record = services.dossier_add_document(
        code=draft.code,
        actor=setup.applicant,
        component_code="CCCD",
        source=Source.REUSED,
        personal_document_id=mine.pk,
    )
    assert record.source == Source.REUSED and record.personal_document_id == mine.pk
    assert record.sha256 == mine.sha256 and record.file.name.startswith(f"dossiers/{draft.pk}/")
    assert record.original_name == "anh-cccd.png"
    # The citizen's own paper is not a digitized copy (that would make an out-of-area dossier receivable).
    assert record.digitized is False
    # Removing it from the store later leaves the dossier's copy.
    store.personal_document_remove(owner=setup.applicant, document_id=mine.pk)
    with record.file.open("rb") as handle:
        assert handle.read() == PNG_BYTES


def test_reuse_refuses_another_persons_document_a_wrong_kind_and_a_claim_without_a_document(setup):
    other = user_with_role("applicant", None)
    theirs = upload(other)
    draft = submit_online(setup, draft=True)

    def reuse(document_id, component="CCCD"):
        return services.dossier_add_document(
            code=draft.code,
            actor=setup.applicant,
            component_code=component,
            source=Source.REUSED,
            personal_document_id=document_id,
        )

    with pytest.raises(ValidationFailed) as foreign:
        reuse(theirs.pk)
    assert foreign.value.code == "personal_document_not_found"
    mine = upload(setup.applicant, kind="")
    with pytest.raises(ValidationFailed) as kind:
        reuse(mine.pk)
    assert kind.value.code == "reuse_not_allowed"
    right_kind = upload(setup.applicant)
    with pytest.raises(ValidationFailed) as not_reusable:
        reuse(right_kind.pk, component="TK")  # the form is filled in, never reused
    assert not_reusable.value.code == "reuse_not_allowed"
    with pytest.raises(ValidationFailed) as bare:
        services.dossier_add_document(
            code=draft.code,
            actor=setup.applicant,
            file=SimpleUploadedFile("x.pdf", PDF_BYTES),
            component_code="CCCD",
            source=Source.REUSED,
        )
    assert bare.value.code == "personal_document_required"
    assert not draft.documents.exists()


def test_an_issued_result_is_reusable_and_counts_as_digitized(setup):
    _approved_with_result(setup)
    (result,) = store.personal_documents_of(owner=setup.applicant)
    assert list(store.reusable_for(owner=setup.applicant, kind="id_card")) == [result]
    assert not store.reusable_for(owner=setup.applicant, kind="").exists()
    draft = submit_online(setup, draft=True)
    record = services.dossier_add_document(
        code=draft.code,
        actor=setup.applicant,
        component_code="CCCD",
        source=Source.REUSED,
        personal_document_id=result.pk,
    )
    assert record.digitized and record.signed
