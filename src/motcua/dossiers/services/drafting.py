"""A draft, step by step: the applicant's details, how to receive the result, and sending it.

The draft is a real dossier in status draft (created by `dossier_submit(draft=True)`); only who may submit it
changes it (its owner online; for a counter, postal or home draft, a receiving officer of its receiving agency),
and each saved step is a "drafted" event on its trail, so the draft's progress is read from the trail.
"""

from __future__ import annotations

from django.db import transaction

from motcua.accounts.models import User
from motcua.catalog.models import Channel
from motcua.core import clock
from motcua.core.errors import ActionNotAllowed, PermissionDenied, StaleVersion, ValidationFailed
from motcua.core.text import nfc

from .. import filing, workflow
from ..delivery import ensure_result_delivery_allowed
from ..models import Dossier, EventKind, FeeStatus, Status
from ..selectors_drafts import (
    STEP_APPLICANT,
    STEP_FEE_AT_COUNTER,
    STEP_RESULT_DELIVERY,
    DraftGaps,
    draft_gaps,
)
from ..workflow import Action
from .common import _change, _lock
from .intake import ApplicantData, dossier_resubmit, ensure_counter_consent

APPLICANT_FIELDS = (
    "applicant_name",
    "applicant_personal_id",
    "applicant_birth_date",
    "applicant_sex",
    "applicant_phone",
    "applicant_email",
    "address_street",
    "address_unit_text",
    "address_province",
    "on_behalf_consent",
    "on_behalf_relationship",
    "on_behalf_consent_at",
    "on_behalf_note",
)


def _draft_locked(*, code: str, actor: User, version: int | None) -> Dossier:
    dossier = _lock(code)
    if not workflow.may_act(dossier, Action.SUBMIT, actor):
        raise PermissionDenied()
    if dossier.status != Status.DRAFT:
        raise ActionNotAllowed(
            "Hồ sơ đã được gửi nên không còn sửa được ở đây.",
            "The dossier has been sent and can no longer be changed here.",
            code="not_a_draft",
            details={"status": dossier.status},
        )
    if version is None or int(version) != dossier.version:
        raise StaleVersion(
            "Hồ sơ nháp vừa được thay đổi ở một cửa sổ khác. Hãy tải lại trang rồi thử lại.",
            "The draft was just changed in another window. Reload the page and try again.",
            details={"expected": dossier.version, "given": version},
        )
    return dossier


@transaction.atomic
def dossier_draft_applicant_set(
    *,
    code: str,
    actor: User,
    version: int,
    applicant: ApplicantData,
    on_behalf: filing.OnBehalf | None = None,
    on_behalf_consent: bool = False,
) -> Dossier:
    """Save who the dossier is for: online, the account's own person, or someone else with the relationship
    named and their consent confirmed (the filing rules of `dossiers.filing`); at a counter, the applicant the
    officer enters with the applicant's `on_behalf_consent`."""
    dossier = _draft_locked(code=code, actor=actor, version=version)
    data = applicant.cleaned()
    counter = dossier.channel != Channel.ONLINE
    ensure_counter_consent(channel=dossier.channel, on_behalf_consent=on_behalf_consent)
    # Online, the dossier's news goes to a phone or an address; at a counter the applicant may take it in hand.
    if not counter and not (data.phone or data.email):
        raise ValidationFailed(
            "Nhập số điện thoại hoặc thư điện tử để nhận thông báo về hồ sơ.",
            "Enter a phone number or an email address to hear about the dossier.",
            code="contact_required",
            details={"phone": ["Nhập số điện thoại hoặc thư điện tử để nhận thông báo về hồ sơ."]},
        )
    filing.ensure_may_file(
        actor=actor,
        channel=dossier.channel,
        name=data.name,
        personal_id=data.personal_id,
        on_behalf=on_behalf,
    )
    now = clock.now()
    consented = on_behalf is not None or counter
    dossier.applicant_name = data.name
    dossier.applicant_personal_id = data.personal_id
    dossier.applicant_birth_date = data.birth_date
    dossier.applicant_sex = data.sex
    dossier.applicant_phone = data.phone
    dossier.applicant_email = data.email
    dossier.address_street = data.address_street
    dossier.address_unit_text = data.address_unit_text
    dossier.address_province = data.address_province
    dossier.on_behalf_consent = consented
    dossier.on_behalf_relationship = on_behalf.relationship if on_behalf else ""
    dossier.on_behalf_consent_at = now if consented else None
    dossier.on_behalf_note = nfc(on_behalf.note) if on_behalf else ""
    _change(
        dossier,
        kind=EventKind.DRAFTED,
        actor=actor,
        at=now,
        from_status=dossier.status,
        fields=APPLICANT_FIELDS,
        payload={
            "step": STEP_APPLICANT,
            "on_behalf": {"relationship": dossier.on_behalf_relationship} if on_behalf else None,
        },
    )
    return dossier


def _versions_of(dossier: Dossier) -> list:
    """The procedure versions of a dossier: its own, or its children's for an interconnected group's parent."""
    if dossier.procedure_version_id:
        return [dossier.procedure_version]
    return [child.procedure_version for child in dossier.children.select_related("procedure_version")]


@transaction.atomic
def dossier_draft_result_delivery_set(*, code: str, actor: User, version: int, delivery: str) -> Dossier:
    """Save how the applicant receives the result, among the ways the procedure allows."""
    dossier = _draft_locked(code=code, actor=actor, version=version)
    ensure_result_delivery_allowed(delivery=delivery, versions=_versions_of(dossier))
    dossier.result_delivery = delivery
    _change(
        dossier,
        kind=EventKind.DRAFTED,
        actor=actor,
        at=clock.now(),
        from_status=dossier.status,
        fields=["result_delivery"],
        payload={"step": STEP_RESULT_DELIVERY, "result_delivery": delivery},
    )
    return dossier


@transaction.atomic
def dossier_draft_fee_at_counter(*, code: str, actor: User, version: int) -> Dossier:
    """Record that the applicant will pay the fees at the counter when the dossier is received."""
    dossier = _draft_locked(code=code, actor=actor, version=version)
    if dossier.fee_status != FeeStatus.UNPAID:
        raise ActionNotAllowed(
            "Hồ sơ này không còn phí, lệ phí phải nộp.",
            "This dossier has no fee left to pay.",
            code="no_fee_due",
            details={"fee_status": dossier.fee_status},
        )
    _change(
        dossier,
        kind=EventKind.DRAFTED,
        actor=actor,
        at=clock.now(),
        from_status=dossier.status,
        fields=[],
        payload={"step": STEP_FEE_AT_COUNTER},
    )
    return dossier


def draft_incomplete(gaps: DraftGaps) -> ValidationFailed:
    """The refusal to send an incomplete draft, naming everything still missing at once (vi and en)."""
    vi: list[str] = []
    en: list[str] = []
    if gaps.applicant:
        vi.append("xác nhận thông tin người nộp, có số điện thoại hoặc thư điện tử")
        en.append("the applicant's details confirmed, with a phone number or an email address")
    if gaps.documents:
        vi.append("giấy tờ: " + ", ".join(d.name for d in gaps.documents))
        en.append("documents: " + ", ".join(d.name_en or d.name for d in gaps.documents))
    if gaps.result_delivery:
        vi.append("cách nhận kết quả")
        en.append("how to receive the result")
    return ValidationFailed(
        "Hồ sơ chưa đủ để gửi. Còn thiếu: " + "; ".join(vi) + ".",
        "The dossier is not complete yet. Missing: " + "; ".join(en) + ".",
        code="draft_incomplete",
        details={
            "gaps": gaps.codes(),
            "missing_documents": [
                {"code": d.code, "name": d.name, "name_en": d.name_en} for d in gaps.documents
            ],
        },
    )


def dossier_draft_send(*, code: str, actor: User, version: int) -> Dossier:
    """Send the online draft to the one-stop section once nothing is missing: it becomes submitted."""
    with transaction.atomic():
        dossier = _draft_locked(code=code, actor=actor, version=version)
        gaps = draft_gaps(dossier=dossier)
        if gaps:
            raise draft_incomplete(gaps)
        return dossier_resubmit(code=code, actor=actor, version=version)


@transaction.atomic
def dossier_send(*, code: str, actor: User, version: int) -> Dossier:
    """The applicant's (or the counter's) "submit": an online draft goes only once complete, by the online form's
    rule; a dossier completed after guidance, or an officer's draft (whose completeness the receiving officer
    decides at intake), is submitted as it is."""
    dossier = _lock(code)
    if dossier.status == Status.DRAFT and dossier.channel == Channel.ONLINE:
        return dossier_draft_send(code=code, actor=actor, version=version)
    return dossier_resubmit(code=code, actor=actor, version=version)
