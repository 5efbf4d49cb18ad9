"""The applicant's satisfaction rating after the result."""

from __future__ import annotations

from django.db import transaction

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import ActionNotAllowed, ApplicationError, PermissionDenied, ValidationFailed
from motcua.core.text import nfc

from ..models import RESULT_STATUSES, Dossier, EventKind, Rating
from .common import _lock
from .events import append_event


def rating_refusal(*, dossier: Dossier, actor: User) -> ApplicationError | None:
    """Why `actor` may not rate the dossier now, or None: only its applicant, once it has its result, once."""
    if dossier.applicant_id is None or dossier.applicant_id != actor.pk:
        return PermissionDenied("Chỉ người nộp hồ sơ được đánh giá.", "Only the applicant may rate.")
    if dossier.status not in RESULT_STATUSES:
        return ActionNotAllowed(
            "Chỉ đánh giá được sau khi có kết quả.",
            "Rating is possible only after the result.",
            code="not_resolved",
        )
    if Rating.objects.filter(dossier=dossier).exists():
        return ActionNotAllowed(
            "Hồ sơ đã được đánh giá.", "The dossier has already been rated.", code="already_rated"
        )
    return None


@transaction.atomic
def dossier_rate(*, code: str, actor: User, level: str, comment: str = "") -> Rating:
    dossier = _lock(code)
    refusal = rating_refusal(dossier=dossier, actor=actor)
    if refusal is not None:
        raise refusal
    if level not in Rating.Level.values:
        raise ValidationFailed(
            "Chọn mức độ hài lòng.",
            "Choose a satisfaction level.",
            code="invalid_level",
            details={"level": [str(level)]},
        )
    now = clock.now()
    rating = Rating.objects.create(
        dossier=dossier, level=level, comment=nfc(comment or ""), rated_by=actor, rated_at=now
    )
    append_event(
        dossier=dossier,
        kind=EventKind.RATED,
        actor=actor,
        agency_id=None,
        at=now,
        from_status=dossier.status,
        to_status=dossier.status,
        payload={"level": level},
    )
    return rating
