"""Who may file a dossier (DOMAIN.md §3.3, issue 9): the policy the intake service applies before anything is
written.

- Online, an applicant files for themselves (the applicant named in the dossier is the account's own person:
  personal ID and name match the profile where the profile has them), or for someone else with that person's
  consent recorded and the relationship named (`OnBehalf`).
- Staff roles do not file online: a receiving officer records a counter, postal or home dossier through the
  counter intake (channel other than online); the others do not file at all.
- The inspector never writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.accounts.models import Role, User
from motcua.accounts.policy import ensure_not_inspector
from motcua.accounts.selectors import roles_of
from motcua.catalog.models import Channel
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.core.text import nfc

from .models import OnBehalfRelationship

# Roles that file only through the counter intake (and only a receiving officer at that).
COUNTER_ONLY_ROLES = frozenset(
    {Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER, Role.ADMINISTRATOR, Role.INSPECTOR}
)
ON_BEHALF_NOTE_MAX = 500


@dataclass(frozen=True)
class OnBehalf:
    """Filing for someone else: how the filer is related to the applicant, and the applicant's consent."""

    relationship: str
    consent: bool
    note: str = ""


def _same_name(a: str, b: str) -> bool:
    def key(text: str) -> str:
        return " ".join(nfc(text).casefold().split())

    return key(a) == key(b)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def names_own_person(*, actor: User, name: str, personal_id: str) -> bool:
    """True if the applicant named in the dossier is the account's own person, as far as its profile says."""
    own_id = _digits(actor.personal_id or "")
    if own_id and personal_id and _digits(personal_id) != own_id:
        return False
    own_name = actor.full_name or actor.get_full_name()
    return not own_name or _same_name(own_name, name)


def ensure_may_file(
    *, actor: User, channel: str, name: str, personal_id: str, on_behalf: OnBehalf | None
) -> None:
    """Raise why `actor` may not file this dossier: 403 for the role, 400 for missing consent."""
    ensure_not_inspector(actor)
    if channel != Channel.ONLINE:
        return  # the counter intake: only a receiving officer of the receiving agency (checked with the agency)
    if roles_of(actor) & COUNTER_ONLY_ROLES:
        raise PermissionDenied(
            "Cán bộ không nộp hồ sơ trực tuyến: hồ sơ nộp trực tiếp, qua bưu chính hoặc tại nhà do cán bộ tiếp "
            "nhận nhập tại bộ phận một cửa.",
            "Staff do not file online: a counter, postal or home dossier is entered by a receiving officer "
            "through the counter intake.",
            code="use_counter_intake",
        )
    if on_behalf is not None:
        ensure_on_behalf_valid(on_behalf)
        return
    if not names_own_person(actor=actor, name=name, personal_id=personal_id):
        raise ValidationFailed(
            "Người nộp không phải chủ tài khoản: khi nộp thay người khác, ghi rõ quan hệ và xác nhận đã có sự "
            "đồng ý của người đó.",
            "The applicant is not the account holder: when filing for someone else, name the relationship and "
            "confirm that person's consent.",
            code="on_behalf_consent_required",
            details={"on_behalf": {"consent": ["required"], "relationship": ["required"]}},
        )


def ensure_on_behalf_valid(on_behalf: OnBehalf) -> None:
    if on_behalf.relationship not in OnBehalfRelationship.values:
        raise ValidationFailed(
            "Chọn quan hệ của người nộp thay với người nộp hồ sơ.",
            "Choose how the filer is related to the applicant.",
            code="on_behalf_relationship_required",
            details={"on_behalf": {"relationship": ["required"]}, "allowed": OnBehalfRelationship.values},
        )
    if on_behalf.consent is not True:
        raise ValidationFailed(
            "Nộp thay người khác cần xác nhận đã có sự đồng ý của người đó.",
            "Filing for someone else needs that person's consent confirmed.",
            code="on_behalf_consent_required",
            details={"on_behalf": {"consent": ["required"]}},
        )
    if len(on_behalf.note or "") > ON_BEHALF_NOTE_MAX:
        raise ValidationFailed(
            f"Ghi chú về việc nộp thay tối đa {ON_BEHALF_NOTE_MAX} ký tự.",
            f"The note on filing for someone else is at most {ON_BEHALF_NOTE_MAX} characters.",
            code="on_behalf_note_too_long",
            details={"on_behalf": {"consent_note": ["max_length"]}},
        )
