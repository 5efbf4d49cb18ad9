"""Writes on the working calendar (override rows). The calendar reads live in selectors and are re-exported here,
so callers may use either `deadlines.services.due_moment` or `deadlines.selectors.due_moment`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from .models import CalendarOverride, OverrideKind
from .selectors import (
    CALENDAR_DAYS,
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
