"""Reporting periods as people write them: a day, an ISO week, a month, a quarter, a year, or a date range.

Days are the days of Asia/Ho_Chi_Minh; a period is the closed range of its first and last day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from motcua.core.errors import ValidationFailed


@dataclass(frozen=True)
class Period:
    label: str
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "day"),
    (re.compile(r"^(\d{4})-W(\d{2})$"), "week"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})$"), "year"),
]


def _invalid(value: str) -> ValidationFailed:
    return ValidationFailed(
        "Kỳ báo cáo không hợp lệ. Dùng dạng 2026-09-15, 2026-W36, 2026-09, 2026-Q3 hoặc 2026.",
        "Invalid period. Use 2026-09-15, 2026-W36, 2026-09, 2026-Q3 or 2026.",
        code="invalid_period",
        details={"period": [value]},
    )


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def parse_period(value: str) -> Period:
    value = (value or "").strip().upper()
    for pattern, kind in _PATTERNS:
        found = pattern.match(value)
        if not found:
            continue
        numbers = [int(part) for part in found.groups()]
        try:
            return _build(kind, value, numbers)
        except ValueError as exc:  # 2026-02-30, week 54, year 0
            raise _invalid(value) from exc
    raise _invalid(value)


FIRST_YEAR, LAST_YEAR = 2000, 2090  # as the working calendar


def _build(kind: str, label: str, numbers: list[int]) -> Period:
    year = numbers[0]
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(year)
    if kind == "day":
        day = date(year, numbers[1], numbers[2])
        return Period(label, day, day)
    if kind == "week":
        first = date.fromisocalendar(year, numbers[1], 1)
        return Period(label, first, first + timedelta(days=6))
    if kind == "month":
        return Period(label, date(year, numbers[1], 1), _month_end(year, numbers[1]))
    if kind == "quarter":
        month = 3 * (numbers[1] - 1) + 1
        return Period(label, date(year, month, 1), _month_end(year, month + 2))
    return Period(label, date(year, 1, 1), date(year, 12, 31))


def date_range(first: date, last: date) -> Period:
    if not (FIRST_YEAR <= first.year <= LAST_YEAR and FIRST_YEAR <= last.year <= LAST_YEAR):
        raise _invalid(f"{first.isoformat()}/{last.isoformat()}")
    if last < first:
        raise ValidationFailed(
            "Ngày kết thúc phải sau ngày bắt đầu.",
            "The end date must not be before the start date.",
            code="invalid_period",
            details={"to": [last.isoformat()]},
        )
    return Period(f"{first.isoformat()}/{last.isoformat()}", first, last)


def quarter_of(day: date) -> Period:
    """The quarter that contains `day` (the running quarter for today)."""
    return parse_period(f"{day.year}-Q{(day.month - 1) // 3 + 1}")


def month_of(day: date) -> Period:
    return parse_period(f"{day.year}-{day.month:02d}")


def months_back(day: date, count: int) -> list[Period]:
    """The `count` months up to and including the month of `day`, oldest first."""
    months, year, month = [], day.year, day.month
    for _ in range(count):
        months.append(parse_period(f"{year}-{month:02d}"))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def recent_periods(day: date, *, quarters: int = 8, months: int = 12) -> list[Period]:
    """What a period form offers: the running quarter and those before it, then the running month and those
    before it, newest first."""
    offered, year, quarter = [], day.year, (day.month - 1) // 3 + 1
    for _ in range(quarters):
        if year >= FIRST_YEAR:
            offered.append(parse_period(f"{year}-Q{quarter}"))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    offered += [m for m in months_back(day, months)[::-1] if m.first.year >= FIRST_YEAR]
    return offered
