"""Working-calendar arithmetic (DOMAIN.md §3.2). Pure functions: no database, no clock.

Every moment passed in must be timezone-aware; it is interpreted in Asia/Ho_Chi_Minh and every moment returned
is aware, in Asia/Ho_Chi_Minh. Working periods are half-open: with 08:00-12:00, 12:00 itself is outside working
time, so a dossier received at 12:00 starts at 13:00.

Performance: each calendar keeps a table, built a year at a time on first use, of its working days and of how
many working days precede each date; "the N-th working day after D" is then two list lookups, not a walk.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_ONE_DAY = datetime.timedelta(days=1)
_US_PER_MINUTE = 60_000_000
_US_PER_SECOND = 1_000_000
# A calendar with no working day at all would make "the next working day" loop for ever.
_MAX_YEARS_AHEAD = 200


def _time_us(t: datetime.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US_PER_SECOND + t.microsecond


def _us_time(us: int) -> datetime.time:
    seconds, micro = divmod(us, _US_PER_SECOND)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return datetime.time(hour, minute, second, micro)


class _DayTable:
    """Working days from 1 January of `year` on: `days` lists their ordinals and `after[o - base]` is how many of
    them are on or before ordinal o (so the first working day after o is days[after[o - base]]).

    The base never changes and the lists only grow (under the calendar's lock), so a reader that holds a table
    sees consistent values without locking: a day's ordinal is appended to `days` before its count to `after`.
    """

    def __init__(self, year: int) -> None:
        self.base = date(year, 1, 1).toordinal()
        self.end = self.base  # first ordinal not covered yet
        self.next_year = year
        self.after: list[int] = []
        self.days: list[int] = []

    def add_year(self, cal: WorkingCalendar) -> None:
        if self.next_year >= date.max.year:
            raise ValueError("the working calendar does not reach that far")
        last = date(self.next_year, 12, 31).toordinal()
        count = len(self.days)
        for ordinal in range(self.end, last + 1):
            if cal.is_working_day(date.fromordinal(ordinal)):
                self.days.append(ordinal)
                count += 1
            self.after.append(count)
        self.end = last + 1
        self.next_year += 1


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are working days and which hours of them are working time.

    A day is a working day iff (its weekday is in `weekdays` or it is in `extra_working_days`) and it is not in
    `days_off`. Every working day has the same `periods`.
    """

    periods: tuple[tuple[datetime.time, datetime.time], ...] = (
        (datetime.time(8), datetime.time(12)),
        (datetime.time(13), datetime.time(17)),
    )
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    days_off: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    # Derived data, not part of equality: periods in microseconds since midnight, and the working-day table.
    _periods_us: tuple[tuple[int, int], ...] = field(init=False, repr=False, compare=False)
    _day_us: int = field(init=False, repr=False, compare=False)
    _table: _DayTable = field(init=False, repr=False, compare=False)
    _lock: threading.Lock = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        periods = tuple((start, end) for start, end in self.periods)
        if not periods:
            raise ValueError("a working calendar needs at least one working period")
        previous_end = -1
        spans = []
        for start, end in periods:
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("working periods are local wall-clock times, without time zone")
            s, e = _time_us(start), _time_us(end)
            if s >= e or s < previous_end:
                raise ValueError("working periods must be increasing and must not overlap")
            spans.append((s, e))
            previous_end = e
        weekdays = frozenset(self.weekdays)
        if not all(isinstance(d, int) and 0 <= d <= 6 for d in weekdays):
            raise ValueError("weekdays are integers from 0 (Monday) to 6 (Sunday)")
        object.__setattr__(self, "periods", periods)
        object.__setattr__(self, "weekdays", weekdays)
        object.__setattr__(self, "days_off", frozenset(self.days_off))
        object.__setattr__(self, "extra_working_days", frozenset(self.extra_working_days))
        object.__setattr__(self, "_periods_us", tuple(spans))
        object.__setattr__(self, "_day_us", sum(e - s for s, e in spans))
        object.__setattr__(self, "_table", _DayTable(date.max.year))
        object.__setattr__(self, "_lock", threading.Lock())

    def __repr__(self) -> str:
        def days(values: frozenset[date]) -> str:
            if len(values) <= 20:
                return "{" + ", ".join(d.isoformat() for d in sorted(values)) + "}"
            return f"<{len(values)} days, {min(values)}..{max(values)}>"

        periods = ", ".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in self.periods)
        return (
            f"WorkingCalendar(periods=[{periods}], weekdays={sorted(self.weekdays)}, "
            f"days_off={days(self.days_off)}, extra_working_days={days(self.extra_working_days)})"
        )

    def is_working_day(self, day: date) -> bool:
        if day in self.days_off:
            return False
        return day.weekday() in self.weekdays or day in self.extra_working_days

    def minutes_per_day(self) -> int:
        return self._us_per_day() // _US_PER_MINUTE

    # --- derived helpers (private) ---------------------------------------------------------------------------

    def _us_per_day(self) -> int:
        return self._day_us

    def _covered(self, first_ordinal: int, last_ordinal: int) -> _DayTable:
        """The table, extended so that it covers [first_ordinal, last_ordinal]. Call with the lock held."""
        table = self._table
        if table.base > first_ordinal:
            table = _DayTable(max(date.fromordinal(first_ordinal).year - 1, 1))
            object.__setattr__(self, "_table", table)
        while table.end <= last_ordinal:
            table.add_year(self)
        return table

    def _nth_working_after(self, day_ordinal: int, n: int) -> int:
        """The ordinal of the n-th (n >= 1) working day strictly after `day_ordinal`."""
        table = self._table
        i = day_ordinal - table.base
        if 0 <= i < len(table.after):
            k = table.after[i] + n - 1
            if k < len(table.days):
                return table.days[k]
        limit = date.fromordinal(day_ordinal).year + _MAX_YEARS_AHEAD
        with self._lock:
            table = self._covered(day_ordinal, day_ordinal)
            k = table.after[day_ordinal - table.base] + n - 1
            while k >= len(table.days):
                if table.next_year > limit:
                    raise ValueError("no working day found: the calendar has no working days ahead")
                table.add_year(self)
            return table.days[k]

    def _working_days_between(self, first_ordinal: int, last_ordinal: int) -> int:
        """How many working days lie in [first_ordinal, last_ordinal] (0 if first > last)."""
        if first_ordinal > last_ordinal:
            return 0
        with self._lock:
            table = self._covered(first_ordinal - 1, last_ordinal)
        return table.after[last_ordinal - table.base] - table.after[first_ordinal - 1 - table.base]

    def _worked_before(self, pos_us: int) -> int:
        """Working microseconds of one working day that lie before `pos_us` (time of day)."""
        total = 0
        for s, e in self._periods_us:
            if pos_us <= s:
                break
            total += min(e, pos_us) - s
        return total

    def _at(self, day_ordinal: int, offset_us: int) -> datetime.datetime:
        """The moment `offset_us` working microseconds into the given working day (0 < offset <= per day)."""
        for s, e in self._periods_us:
            length = e - s
            if offset_us <= length:
                return _combine(day_ordinal, s + offset_us)
            offset_us -= length
        return _combine(day_ordinal, self._periods_us[-1][1])


def _combine(day_ordinal: int, pos_us: int) -> datetime.datetime:
    return datetime.datetime.combine(date.fromordinal(day_ordinal), _us_time(pos_us), tzinfo=LOCAL_TZ)


def _local(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is LOCAL_TZ:  # the common case, and ZoneInfo instances are shared per key
        return moment
    if moment.utcoffset() is None:
        raise ValueError("naive datetime: every moment must carry its time zone")
    return moment.astimezone(LOCAL_TZ)


def _pos(local: datetime.datetime) -> int:
    """Microseconds since local midnight."""
    return ((local.hour * 60 + local.minute) * 60 + local.second) * _US_PER_SECOND + local.microsecond


def _split(moment: datetime.datetime) -> tuple[int, int]:
    """(date ordinal, microseconds since local midnight) of an aware moment."""
    local = _local(moment)
    return local.toordinal(), _pos(local)


def _effective(cal: WorkingCalendar, moment: datetime.datetime) -> tuple[int, datetime.datetime]:
    """(date ordinal, local moment) of the effective start of `moment`."""
    local = _local(moment)
    if cal.is_working_day(local.date()):
        clock = local.time()
        for start, end in cal.periods:
            if clock < end:
                if clock >= start:
                    return local.toordinal(), local
                return local.toordinal(), datetime.datetime.combine(local.date(), start, tzinfo=LOCAL_TZ)
    ordinal = cal._nth_working_after(local.toordinal(), 1)
    return ordinal, datetime.datetime.combine(date.fromordinal(ordinal), cal.periods[0][0], tzinfo=LOCAL_TZ)


def _non_negative(value: int, what: str) -> None:
    if value < 0:
        raise ValueError(f"{what} must not be negative")


def effective_start(cal: WorkingCalendar, moment: datetime.datetime) -> datetime.datetime:
    """`moment` itself when it is inside working time, else the start of the next working period."""
    return _effective(cal, moment)[1]


def add_working_days(cal: WorkingCalendar, start: datetime.datetime, days: int) -> datetime.datetime:
    """The same clock time as the effective start, on the `days`-th following working day."""
    _non_negative(days, "days")
    local = _local(start)
    ordinal = local.toordinal()
    # Inlined effective start: this is the hot path of every dossier and step due moment.
    if cal.is_working_day(local.date()):
        clock = local.time()
        for period_start, period_end in cal.periods:
            if clock < period_end:
                if clock < period_start:
                    local = datetime.datetime.combine(local.date(), period_start, tzinfo=LOCAL_TZ)
                if not days:
                    return local
                # Wall-clock arithmetic: whole days added to an Asia/Ho_Chi_Minh moment keep its clock time.
                return local + _ONE_DAY * (cal._nth_working_after(ordinal, days) - ordinal)
    # Outside working time: the effective start opens the next working day; count from there in one step.
    target = cal._nth_working_after(ordinal, days + 1)
    return datetime.datetime.combine(date.fromordinal(target), cal.periods[0][0], tzinfo=LOCAL_TZ)


def add_working_minutes(cal: WorkingCalendar, start: datetime.datetime, minutes: int) -> datetime.datetime:
    """The moment when `minutes` of working time have passed since `start`.

    Ending exactly at the end of a period gives that end (17:00), not the start of the next period.
    """
    _non_negative(minutes, "minutes")
    ordinal, begin = _effective(cal, start)
    pos = _pos(begin)
    remaining = minutes * _US_PER_MINUTE
    per_day = cal._us_per_day()
    done_today = cal._worked_before(pos)
    if remaining <= per_day - done_today:
        return cal._at(ordinal, done_today + remaining) if remaining else begin
    remaining -= per_day - done_today
    more_days = -(-remaining // per_day)  # ceiling: the working day on which the time runs out
    offset = remaining - (more_days - 1) * per_day
    return cal._at(cal._nth_working_after(ordinal, more_days), offset)


def add_calendar_days(cal: WorkingCalendar, start: datetime.datetime, days: int) -> datetime.datetime:
    """Plain calendar arithmetic from the effective start: the same clock time `days` days later. When that last
    day is not a working day, the period ends at the close of the next working day, the end of its last working
    period (Civil Code 2015, art. 148).

    So the result is not monotonic: a period whose last day falls in a run of days off can end after a later
    start's, or a longer period's, whose last day is the working day after the run.
    """
    _non_negative(days, "days")
    ordinal, begin = _effective(cal, start)
    last = ordinal + days
    # Wall-clock arithmetic: whole days added to an Asia/Ho_Chi_Minh moment keep its clock time.
    if cal.is_working_day(date.fromordinal(last)):
        return begin + _ONE_DAY * days
    return _combine(cal._nth_working_after(last, 1), cal._periods_us[-1][1])


def _working_us_between(cal: WorkingCalendar, start: datetime.datetime, end: datetime.datetime) -> int:
    """Working microseconds in [start, end); 0 when end <= start."""
    if end <= start:
        return 0
    first, first_pos = _split(start)
    last, last_pos = _split(end)
    per_day = cal._us_per_day()
    first_working = cal.is_working_day(date.fromordinal(first))
    if first == last:
        if not first_working:
            return 0
        return cal._worked_before(last_pos) - cal._worked_before(first_pos)
    total = cal._working_days_between(first + 1, last - 1) * per_day
    if first_working:
        total += per_day - cal._worked_before(first_pos)
    if cal.is_working_day(date.fromordinal(last)):
        total += cal._worked_before(last_pos)
    return total


def _merged(
    intervals: Iterable[tuple[datetime.datetime, datetime.datetime]],
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    merged: list[tuple[datetime.datetime, datetime.datetime]] = []
    for s, e in sorted(intervals):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def working_minutes_between(
    cal: WorkingCalendar,
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    pauses: Iterable[tuple[datetime.datetime, datetime.datetime | None]] = (),
) -> int:
    """Whole working minutes in [start, end), minus the working time inside `pauses`.

    A pause whose end is None lasts until `end`. Overlapping pauses are counted once. 0 when end <= start.
    """
    _local(start), _local(end)  # reject naive moments early
    if end <= start:
        return 0
    clipped = []
    for pause_start, pause_end in pauses:
        _local(pause_start)
        stop = end if pause_end is None else pause_end
        _local(stop)
        clipped.append((max(pause_start, start), min(stop, end)))
    total = _working_us_between(cal, start, end)
    for s, e in _merged(clipped):
        total -= _working_us_between(cal, s, e)
    return total // _US_PER_MINUTE
