"""Writes on the working calendar (override rows). The calendar reads live in selectors and are re-exported here,
so callers may use either `deadlines.services.due_moment` or `deadlines.selectors.due_moment`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from motcua.accounts.models import Role, User
from motcua.accounts.selectors import active_grants
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.text import nfc

from .models import CalendarOverride, OverrideKind
from .selectors import (
    CALENDAR_DAYS,
    HOLIDAY_YEARS,
    KINDS,
    WORKING_DAYS,
    WORKING_MINUTES,
    calendar_for,
    due_moment,
    effective_start_for,
    working_minutes_elapsed,
)

if TYPE_CHECKING:
    from motcua.organization.models import Agency

__all__ = [
    "CALENDAR_DAYS",
    "KINDS",
    "WORKING_DAYS",
    "WORKING_MINUTES",
    "calendar_for",
    "calendar_override_add",
    "calendar_override_remove",
    "calendar_override_set",
    "due_moment",
    "effective_start_for",
    "working_minutes_elapsed",
]


@transaction.atomic
def calendar_override_set(
    *,
    day: date,
    kind: OverrideKind | str,
    reason: str,
    reason_en: str = "",
    legal_basis: str = "",
    agency: Agency | None = None,
) -> CalendarOverride:
    """Declare `day` a day off or a working day (for the city, or for one agency); replaces an earlier row."""
    override, _created = CalendarOverride.objects.update_or_create(
        date=day,
        agency=agency,
        defaults={"kind": kind, "reason": reason, "reason_en": reason_en, "legal_basis": legal_basis},
    )
    return override


def may_manage_calendar(user: User) -> bool:
    """Administrators (system-wide) keep the working calendar."""
    return user.is_authenticated and (Role.ADMINISTRATOR, None) in active_grants(user)


def _ensure_manager(user: User) -> None:
    if not may_manage_calendar(user):
        raise PermissionDenied(
            "Chỉ quản trị hệ thống được sửa lịch làm việc.",
            "Only administrators may change the working calendar.",
        )


def _refused(field: str, vi: str, en: str, code: str) -> ValidationFailed:
    return ValidationFailed(vi, en, code=code, details={field: [vi]})


@transaction.atomic
def calendar_override_add(
    *,
    actor: User,
    day: date,
    kind: str,
    reason: str,
    reason_en: str = "",
    legal_basis: str = "",
    agency: Agency | None = None,
) -> CalendarOverride:
    """An administrator declares `day` a day off or a make-up working day, for the city or one agency.

    Refused: a day outside the calendar's years, a reason left blank, a day that is already what it would be
    declared (a day off on a Sunday), and a second row for the same day and scope (remove the first). Due moments
    computed afterwards use it at once: the calendar is rebuilt whenever its override rows differ
    (`selectors.calendar_for`); stored due moments of dossiers already received do not move.
    """
    _ensure_manager(actor)
    if kind not in OverrideKind.values:
        raise _refused("kind", "Chọn loại ngày.", "Choose the kind of day.", "invalid_kind")
    if day.year not in HOLIDAY_YEARS:
        raise _refused(
            "date",
            f"Chọn ngày trong các năm {HOLIDAY_YEARS.start}-{HOLIDAY_YEARS.stop - 1}.",
            f"Choose a day in the years {HOLIDAY_YEARS.start}-{HOLIDAY_YEARS.stop - 1}.",
            "date_out_of_range",
        )
    reason = nfc(reason or "")
    if not reason:
        raise _refused("reason", "Nhập lý do.", "Give the reason.", "required")
    if CalendarOverride.objects.filter(date=day, agency=agency).exists():
        raise _refused(
            "date",
            "Ngày này đã có trong danh sách điều chỉnh; hãy xóa dòng cũ trước.",
            "This day is already in the list of changes; remove that row first.",
            "override_exists",
        )
    working = calendar_for(agency=agency).is_working_day(day)
    if working == (kind == OverrideKind.WORKING_DAY):
        vi, en = (
            ("Ngày này đã là ngày làm việc.", "This day is already a working day.")
            if working
            else ("Ngày này đã là ngày nghỉ.", "This day is already a day off.")
        )
        raise _refused("date", vi, en, "no_change")
    return calendar_override_set(
        day=day,
        kind=kind,
        reason=reason,
        reason_en=nfc(reason_en or ""),
        legal_basis=nfc(legal_basis or ""),
        agency=agency,
    )


@transaction.atomic
def calendar_override_remove(*, actor: User, override_id: int) -> None:
    """An administrator removes an override row: the day is again what the statutory calendar says."""
    _ensure_manager(actor)
    deleted, _rows = CalendarOverride.objects.filter(pk=override_id).delete()
    if not deleted:
        raise NotFound(
            "Không tìm thấy ngày điều chỉnh.", "No such calendar change.", code="override_not_found"
        )
