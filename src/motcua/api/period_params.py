"""The period of a report or index from the query: `period=2026-Q3`, or `from=` and `to=` dates."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from motcua.core.errors import ValidationFailed
from motcua.indicators.periods import Period, date_range, parse_period

PERIOD_PATTERN = r"^\d{4}(-(\d{2}(-\d{2})?|W\d{2}|Q[1-4]))?$"

# The query parameters that `period_from` reads, for the schema of every operation that takes a period.
PERIOD_PARAMETERS = [
    OpenApiParameter(
        "period",
        OpenApiTypes.STR,
        pattern=PERIOD_PATTERN,
        description=_("2026-09-15, 2026-W36, 2026-09, 2026-Q3, 2026; hoặc dùng `from` và `to`"),
    ),
    OpenApiParameter("from", OpenApiTypes.DATE, description=_("Cùng `to`, thay cho `period`")),
    OpenApiParameter("to", OpenApiTypes.DATE),
]


def invalid_parameter(parameter: str, value: str, vi: str, en: str) -> ValidationFailed:
    return ValidationFailed(vi, en, code="invalid_parameter", details={parameter: [value]})


def no_such_agency(code: str) -> ValidationFailed:
    """An agency code that does not exist, or that the caller may not report on (the same answer for both)."""
    return invalid_parameter(
        "agency", code, f"Không có cơ quan mã «{code}».", f"There is no agency with the code «{code}»."
    )


def _date(params, name: str) -> date:
    raw = params.get(name, "")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise invalid_parameter(
            name, raw, f"{name} phải là ngày dạng 2026-09-30.", f"{name} must be a date such as 2026-09-30."
        ) from None


def period_from(params) -> Period:
    if "period" in params:
        return parse_period(params["period"])
    if "from" in params or "to" in params:
        return date_range(_date(params, "from"), _date(params, "to"))
    raise invalid_parameter(
        "period",
        "",
        "Chọn kỳ báo cáo: period=2026-Q3 (hoặc 2026-09, 2026-W36, 2026-09-15, 2026), hoặc from= và to=.",
        "Choose a period: period=2026-Q3 (or 2026-09, 2026-W36, 2026-09-15, 2026), or from= and to=.",
    )
