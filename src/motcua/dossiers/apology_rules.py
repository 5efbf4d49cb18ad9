"""The bounds of an apology's new appointment: after the due moment, within the procedure's maximum extension.
Checked by the apology services and by the workflow's guard on approving a proposal made earlier."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from motcua.core.errors import ValidationFailed
from motcua.deadlines import selectors as deadlines

from .models import Dossier

# Whatever a procedure's configured extension, an apology never moves the appointment further than this past the
# due moment (and no larger amount is counted through the calendar).
APOLOGY_ABSOLUTE_LIMIT = timedelta(days=730)
_COUNT_CAP = {
    deadlines.WORKING_DAYS: APOLOGY_ABSOLUTE_LIMIT.days,
    deadlines.CALENDAR_DAYS: APOLOGY_ABSOLUTE_LIMIT.days,
    deadlines.WORKING_MINUTES: APOLOGY_ABSOLUTE_LIMIT.days * 24 * 60,
}


def latest_new_appointment(dossier: Dossier) -> datetime:
    """The latest new appointment an apology may give: the due moment plus the version's maximum extension
    (default: twice its processing time), in the version's time unit, with the competent agency's calendar;
    never more than APOLOGY_ABSOLUTE_LIMIT after the due moment."""
    version = dossier.procedure_version
    kind = version.processing_time_kind
    extension = version.max_extension or 2 * version.processing_time_amount
    ceiling = dossier.due_at + APOLOGY_ABSOLUTE_LIMIT
    counted = deadlines.due_moment(
        start=dossier.due_at,
        kind=kind,
        amount=min(extension, _COUNT_CAP.get(kind, 0)),
        agency=dossier.competent_agency,
    )
    return min(counted, ceiling)


def check_new_appointment(dossier: Dossier, new_due_at: datetime | None) -> None:
    if new_due_at is None or new_due_at <= dossier.due_at:
        raise ValidationFailed(
            "Ngày hẹn mới phải sau hạn trả kết quả hiện tại.",
            "The new appointment must come after the current due moment.",
            code="invalid_new_due",
            details={"new_due_at": ["after_due"], "due_at": timezone.localtime(dossier.due_at).isoformat()},
        )
    latest = latest_new_appointment(dossier)
    if new_due_at > latest:
        latest = timezone.localtime(latest)
        raise ValidationFailed(
            f"Ngày hẹn mới quá thời gian gia hạn tối đa của thủ tục: muộn nhất {latest:%H:%M %d/%m/%Y}.",
            f"The new appointment is beyond the procedure's maximum extension: at the latest "
            f"{latest:%Y-%m-%d %H:%M}.",
            code="new_appointment_too_late",
            details={"new_due_at": ["too_late"], "latest_allowed": latest.isoformat()},
        )
