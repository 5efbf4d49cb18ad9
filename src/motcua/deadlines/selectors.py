"""Reads: the working calendar of the city or of an agency, and due moments computed with it.

The calendar is: statutory days off and swapped working Saturdays from the `holidays` package (VN), then the
city-wide CalendarOverride rows, then the agency's own rows (each later source wins), with the agency's working
hours and weekdays.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

import holidays
from django.db.models import Q

from motcua.core.errors import ValidationFailed
from motcua.organization.models import DEFAULT_WORKING_PERIODS, DEFAULT_WORKING_WEEKDAYS

from . import calendar as cal_
from .calendar import WorkingCalendar
from .models import CalendarOverride, OverrideKind

if TYPE_CHECKING:
    from motcua.organization.models import Agency

# Years for which statutory days are loaded. Beyond them only weekdays count (far beyond any legal deadline).
HOLIDAY_YEARS = range(2000, 2101)

WORKING_DAYS = "working_days"
WORKING_MINUTES = "working_minutes"
CALENDAR_DAYS = "calendar_days"
KINDS = (WORKING_DAYS, WORKING_MINUTES, CALENDAR_DAYS)

_DEFAULT_PERIODS = tuple(
    (datetime.time.fromisoformat(start), datetime.time.fromisoformat(end))
    for start, end in DEFAULT_WORKING_PERIODS
)


@lru_cache(maxsize=1)
def statutory_days() -> tuple[frozenset[date], frozenset[date]]:
    """(days off, swapped working weekend days) according to the `holidays` package, for HOLIDAY_YEARS."""
    vn = holidays.country_holidays("VN", years=HOLIDAY_YEARS)
    days_off = frozenset(vn)
    working = frozenset(d for d in vn.weekend_workdays if d.year in HOLIDAY_YEARS and d not in days_off)
    return days_off, working


def statutory_names(*, year: int, language: str = "vi") -> dict[date, str]:
    """Names of the statutory days off of one year, in Vietnamese or English."""
    vn = holidays.country_holidays("VN", years=year, language="en_US" if language[:2] == "en" else "vi")
    return dict(vn.items())


# (date ordinal, kind, agency-specific?) rows, ordered so that agency rows come after city rows.
_OverrideKey = tuple[tuple[int, str, bool], ...]


@dataclass
class KeptCalendars:
    """What a `calendars_kept` block keeps: each agency's override rows (None: the city's rows alone), read
    once, and each calendar built from them, by agency with its hours and weekdays (so that hours changed within
    the block give a new calendar)."""

    rows: dict[int | None, _OverrideKey] = field(default_factory=dict)
    calendars: dict[tuple, WorkingCalendar] = field(default_factory=dict)

    def forget(self) -> None:
        self.rows.clear()
        self.calendars.clear()


# The current block's; None outside any block: every read asks the database.
_KEPT: ContextVar[KeptCalendars | None] = ContextVar("motcua_calendars_kept", default=None)


@contextlib.contextmanager
def calendars_kept(kept: KeptCalendars | None = None) -> Iterator[KeptCalendars]:
    """Within the block, each agency's override rows are read once and its calendar built once: a request that
    computes several moments with one calendar (every request, by the middleware: a queue's due-soon limit, the
    apology guards of `allowed_actions`), or the historical import, which passes its own `kept` to every block of
    a run (and fills it before its worker processes start, so that they never query). A block inside another
    shares the outer one's, unless it brings its own. A changed override row empties it (`forget_override_rows`,
    called on every save and delete of a row), so a write is seen by the next read."""
    current = _KEPT.get()
    if kept is None and current is not None:
        yield current
        return
    token = _KEPT.set(kept if kept is not None else KeptCalendars())
    try:
        yield _KEPT.get()
    finally:
        _KEPT.reset(token)


def forget_override_rows() -> None:
    """Empty what the current block keeps (an override row was written)."""
    kept = _KEPT.get()
    if kept is not None:
        kept.forget()


def _override_rows(agency: Agency | None) -> _OverrideKey:
    key = agency.pk if agency is not None else None
    kept = _KEPT.get()
    if kept is not None and key in kept.rows:
        return kept.rows[key]
    rows = _read_override_rows(agency)
    if kept is not None:
        kept.rows[key] = rows
    return rows


def _read_override_rows(agency: Agency | None) -> _OverrideKey:
    scope = Q(agency__isnull=True)
    if agency is not None and agency.pk is not None:
        scope |= Q(agency_id=agency.pk)
    # No ORDER BY: the model's default order (by the agency's code) would join the agencies on every read.
    rows = CalendarOverride.objects.filter(scope).order_by().values_list("date", "kind", "agency_id")
    return tuple(sorted((d.toordinal(), kind, agency_id is not None) for d, kind, agency_id in rows))


@lru_cache(maxsize=128)
def _build(
    periods: tuple[tuple[datetime.time, datetime.time], ...],
    weekdays: frozenset[int],
    overrides: _OverrideKey,
) -> WorkingCalendar:
    days_off, extra = statutory_days()
    days_off, extra = set(days_off), set(extra)
    # City rows first, then the agency's own rows, so the agency's word is the last one.
    for ordinal, kind, _local in sorted(overrides, key=lambda row: row[2]):
        day = date.fromordinal(ordinal)
        if kind == OverrideKind.DAY_OFF:
            days_off.add(day)
            extra.discard(day)
        else:
            days_off.discard(day)
            extra.add(day)
    return WorkingCalendar(
        periods=periods, weekdays=weekdays, days_off=frozenset(days_off), extra_working_days=frozenset(extra)
    )


def calendar_for(*, agency: Agency | None = None) -> WorkingCalendar:
    """The working calendar of `agency` (None: the city-wide default hours and overrides).

    One small query reads the override rows that apply (once per `calendars_kept` block: every request is
    one); the calendar itself is built once per distinct (hours, weekdays, overrides) and kept in this process,
    so a changed override is seen at the next call.
    """
    if agency is None:
        periods, weekdays = _DEFAULT_PERIODS, frozenset(DEFAULT_WORKING_WEEKDAYS)
    else:
        periods = tuple(agency.working_period_times())
        weekdays = frozenset(int(d) for d in agency.working_weekdays)
    kept = _KEPT.get()
    key = (agency.pk if agency is not None else None, periods, weekdays)
    if kept is not None and key in kept.calendars:
        return kept.calendars[key]
    calendar = _build(periods, weekdays, _override_rows(agency))
    if kept is not None:
        kept.calendars[key] = calendar
    return calendar


def clear_calendar_cache() -> None:
    _build.cache_clear()


def _invalid_amount(kind: str, amount: object) -> ValidationFailed:
    return ValidationFailed(
        f"Thời hạn không hợp lệ: {amount} ({kind}).",
        f"Invalid processing time: {amount} ({kind}).",
        code="invalid_processing_time",
        details={"kind": kind, "amount": str(amount)},
    )


def _whole(kind: str, amount: int | Decimal) -> int:
    if isinstance(amount, bool) or int(amount) != amount:
        raise _invalid_amount(kind, amount)
    return int(amount)


def due_moment(
    *,
    start: datetime.datetime,
    kind: str,
    amount: int | Decimal,
    agency: Agency | None = None,
    calendar: WorkingCalendar | None = None,
) -> datetime.datetime:
    """When a time limit of `amount` `kind` starting at `start` runs out (aware, Asia/Ho_Chi_Minh).

    `kind` is one of "working_days", "working_minutes", "calendar_days". Working days may be fractional
    (Decimal("0.5") = half of the agency's working minutes per day after the whole days). A caller computing
    several due moments for one agency passes its `calendar` (from `calendar_for`), read once.
    """
    if kind not in KINDS:
        raise ValidationFailed(
            f"Loại thời hạn không hợp lệ: {kind}.",
            f"Unknown kind of processing time: {kind}.",
            code="invalid_processing_time",
            details={"kind": kind},
        )
    if amount < 0:
        raise _invalid_amount(kind, amount)
    cal = calendar if calendar is not None else calendar_for(agency=agency)
    if kind == WORKING_MINUTES:
        return cal_.add_working_minutes(cal, start, _whole(kind, amount))
    if kind == CALENDAR_DAYS:
        return cal_.add_calendar_days(cal, start, _whole(kind, amount))
    whole = int(amount)
    due = cal_.add_working_days(cal, start, whole)
    fraction = Decimal(amount) - whole
    if fraction:
        minutes = int((fraction * cal.minutes_per_day()).to_integral_value(rounding=ROUND_HALF_UP))
        due = cal_.add_working_minutes(cal, due, minutes)
    return due


def effective_start_for(
    *, moment: datetime.datetime, agency: Agency | None = None, calendar: WorkingCalendar | None = None
) -> datetime.datetime:
    """`moment` if it is inside the agency's working time, else the start of its next working period."""
    return cal_.effective_start(calendar if calendar is not None else calendar_for(agency=agency), moment)


def working_minutes_elapsed(
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    pauses: Iterable[tuple[datetime.datetime, datetime.datetime | None]] = (),
    agency: Agency | None = None,
) -> int:
    """Working minutes of the agency in [start, end), pauses (e.g. waiting for a supplement) excluded."""
    return cal_.working_minutes_between(calendar_for(agency=agency), start, end, pauses=pauses)


# --- the year view -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayInfo:
    day: date
    in_month: bool
    working: bool
    weekend: bool
    statutory: str  # name of the statutory day off, or ""
    swapped: bool  # a weekend day made a working day by the government
    override: CalendarOverride | None


def calendar_year(*, year: int, agency: Agency | None = None, language: str = "vi") -> list[dict]:
    """Twelve months of `year`, each {"month": date, "weeks": [[DayInfo x 7], ...]} starting on Monday."""
    import calendar as std_calendar

    cal = calendar_for(agency=agency)
    names = statutory_names(year=year, language=language)
    _off, swapped = statutory_days()
    scope = Q(agency__isnull=True) | (Q(agency=agency) if agency is not None else Q(pk__in=[]))
    overrides: dict[date, CalendarOverride] = {}
    for row in CalendarOverride.objects.filter(scope, date__year=year).order_by("agency_id"):
        if row.date not in overrides or row.agency_id is not None:
            overrides[row.date] = row
    months = []
    for month in range(1, 13):
        weeks = [
            [
                DayInfo(
                    day=d,
                    in_month=d.month == month,
                    working=cal.is_working_day(d),
                    weekend=d.weekday() not in cal.weekdays,
                    statutory=names.get(d, ""),
                    swapped=d in swapped,
                    override=overrides.get(d),
                )
                for d in week
            ]
            for week in std_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        months.append({"month": date(year, month, 1), "weeks": weeks})
    return months
