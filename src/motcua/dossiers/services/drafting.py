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
from ..delivery import result_deliveries_for
from ..guards import missing_components
from ..models import Dossier, EventKind, FeeStatus, Status
from ..selectors_drafts import draft_steps_saved
from ..workflow import Action
from .common import _change, _lock
from .intake import ApplicantData, dossier_resubmit, ensure_counter_consent

# The steps of the online form whose saving is recorded on the trail (payload "step").
STEP_APPLICANT = "applicant"
STEP_RESULT_DELIVERY = "result_delivery"
# Saved when the applicant chooses to pay the fees at the counter when the dossier is received (paying online
# is a payment, recorded by its own "paid" event).
STEP_FEE_AT_COUNTER = "fee_at_counter"

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


@transaction.atomic
def dossier_draft_result_delivery_set(*, code: str, actor: User, version: int, delivery: str) -> Dossier:
    """Save how the applicant receives the result, among the ways the procedure allows."""
    dossier = _draft_locked(code=code, actor=actor, version=version)
    allowed = result_deliveries_for(dossier.procedure_version)
    if delivery not in allowed:
        raise ValidationFailed(
            "Chọn một cách nhận kết quả mà thủ tục này cho phép.",
            "Choose a way of receiving the result that this procedure allows.",
            code="result_delivery_not_allowed",
            details={"delivery": ["Chọn một cách nhận kết quả mà thủ tục này cho phép."], "allowed": allowed},
        )
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


def draft_gaps(dossier: Dossier) -> list[str]:
    """What the online draft still lacks before it can be sent (codes): the applicant's details confirmed,
    each mandatory document, the way of receiving the result."""

    saved = draft_steps_saved(dossier=dossier)
    gaps = []
    if STEP_APPLICANT not in saved:
        gaps.append(STEP_APPLICANT)
    if missing_components(dossier):
        gaps.append("documents")
    if not dossier.result_delivery:
        gaps.append(STEP_RESULT_DELIVERY)
    return gaps


def dossier_draft_send(*, code: str, actor: User, version: int) -> Dossier:
    """Send the online draft to the one-stop section once nothing is missing: it becomes submitted."""
    with transaction.atomic():
        dossier = _draft_locked(code=code, actor=actor, version=version)
        gaps = draft_gaps(dossier)
        if gaps:
            missing = missing_components(dossier)
            raise ValidationFailed(
                "Hồ sơ chưa đủ để gửi: hoàn thành các mục còn thiếu rồi gửi lại.",
                "The dossier is not complete yet: finish the missing parts, then send it.",
                code="draft_incomplete",
                details={"gaps": gaps, "missing_documents": missing},
            )
        return dossier_resubmit(code=code, actor=actor, version=version)
