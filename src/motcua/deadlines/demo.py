"""Sample calendar overrides for the demo (idempotent).

The `holidays` package already knows every 2026 decision we know of, including the National Day swap (Saturday
22/8/2026 worked, Monday 31/8/2026 off). The demo still records that swap as city-wide overrides, with its
legal basis, so that the override list and the year calendar show how administrators record such a decision,
and so that the demo stays right even with an older `holidays` release.
"""

from __future__ import annotations

from datetime import date

from .models import CalendarOverride, OverrideKind
from .services import calendar_override_set

LEGAL_BASIS = "Phương án nghỉ lễ Quốc khánh năm 2026 của Chính phủ đối với cán bộ, công chức, viên chức (hoán đổi ngày làm việc)"

SAMPLE_OVERRIDES = [
    (
        date(2026, 8, 22),
        OverrideKind.WORKING_DAY,
        "Thứ Bảy làm việc bù cho thứ Hai 31/8/2026 (nghỉ lễ Quốc khánh)",
        "Saturday worked in exchange for Monday 31/8/2026 (National Day holiday)",
    ),
    (
        date(2026, 8, 31),
        OverrideKind.DAY_OFF,
        "Nghỉ lễ Quốc khánh, hoán đổi với thứ Bảy 22/8/2026",
        "National Day holiday, swapped with Saturday 22/8/2026",
    ),
]


def load(*, stdout) -> None:
    for day, kind, reason, reason_en in SAMPLE_OVERRIDES:
        existed = CalendarOverride.objects.filter(date=day, agency__isnull=True).exists()
        calendar_override_set(day=day, kind=kind, reason=reason, reason_en=reason_en, legal_basis=LEGAL_BASIS)
        if not existed:
            stdout.write(f"Lịch làm việc: {day:%d/%m/%Y} - {kind.label}")
