"""Monthly sums of the daily counts, so that a report reads a row per agency and month for the months it covers.

A year of daily counts is a row per agency, sector and day: hundreds of thousands of rows, and a report over a
period also sums every day before it (to carry the open dossiers over). Once a month has ended its days no
longer change (events are counted on the day they happen), so just after midnight its counts are summed per
agency (`summarize_months`, also after `rebuild-indicators`). Sums over any range of days (`summed`) read
those monthly rows for the whole months the range covers and the daily rows for the other days.

The one way a past day still changes is an import of historical dossiers, counted on their own days: counting
on a day of a summed month forgets that month's sums (`forget_months`), and its daily rows answer until the
next night sums it again. The sums are always equal to the daily rows they replace (a test checks it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Sum

from motcua.core import clock

from .models import MEASURES, DailyCount, MonthlyCount, SummarizedMonth

Sums = dict[int, dict[str, int]]


def _first_of_this_month() -> date:
    return clock.local_now().date().replace(day=1)


def _month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def forget_months(*, days: Iterable[date]) -> None:
    """Counting on these days: the sums of any ended month among them no longer hold. A day of the running
    month (every event counted as it happens) costs no query."""
    current = _first_of_this_month()
    months = {day.replace(day=1) for day in days if day < current}
    if months:
        SummarizedMonth.objects.filter(month__in=months).delete()
        MonthlyCount.objects.filter(month__in=months).delete()


def summarize_months() -> int:
    """Sum every ended month that has daily counts and no sums yet; the number of months summed."""
    current = _first_of_this_month()
    with transaction.atomic():
        _lock_daily_counts()
        counted = {
            day.replace(day=1)
            for day in DailyCount.objects.filter(day__lt=current).values_list("day", flat=True).distinct()
        }
        missing = sorted(counted - set(SummarizedMonth.objects.values_list("month", flat=True)))
        now = clock.now()
        for month in missing:
            rows = (
                DailyCount.objects.filter(day__gte=month, day__lte=_month_end(month))
                .values("agency_id")
                .annotate(**{m: Sum(m) for m in MEASURES})
            )
            MonthlyCount.objects.bulk_create(
                MonthlyCount(agency_id=row["agency_id"], month=month, **{m: row[m] for m in MEASURES})
                for row in rows
            )
            SummarizedMonth.objects.create(month=month, summarized_at=now)
    return len(missing)


def forget_all_months() -> None:
    """After the daily counts were replaced (rebuild-indicators)."""
    MonthlyCount.objects.all().delete()
    SummarizedMonth.objects.all().delete()


def _lock_daily_counts() -> None:
    """An import counting on a past day waits until the month's sums are written, then forgets them: no sum
    can miss it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {DailyCount._meta.db_table} IN SHARE MODE")


def summed(*, agency_ids: list[int] | None, first: date | None, last: date) -> Sums:
    """Per agency with any count, each measure summed over the days from `first` (None: from the beginning)
    to `last`: the monthly sums of the summed months wholly inside, the daily rows of every other day."""
    if first is None:
        return sums_before_and_in(agency_ids=agency_ids, first=last + timedelta(days=1), last=last)[0]
    return _sums(agency_ids=agency_ids, start=first, split=first, last=last)[1]


def sums_before_and_in(*, agency_ids: list[int] | None, first: date, last: date) -> tuple[Sums, Sums]:
    """What a report over `first`..`last` sums, in one statement: per agency, the measures summed over every
    day before `first` (to carry the open dossiers over) and over the days from `first` to `last`."""
    return _sums(agency_ids=agency_ids, start=None, split=first, last=last)


def _sums(*, agency_ids: list[int] | None, start: date | None, split: date, last: date) -> tuple[Sums, Sums]:
    """The days from `start` (None: the beginning) to `last` summed per agency, apart before `split` and from
    it: the monthly rows of the summed months wholly on one side, the daily rows of every other day. One
    statement, read as plain tuples: a report sums a row per agency and month for a year or more."""
    months = SummarizedMonth.objects.filter(month__lte=last)
    if start is not None:
        months = months.filter(month__gte=start)
    whole = [
        month
        for month in months.values_list("month", flat=True).order_by("month")
        if _month_end(month) <= last and (month >= split or _month_end(month) < split)
    ]
    # Table and column names come from the models; every value is a parameter.
    columns = ", ".join(MEASURES)
    by_agency, agency_params = "", []
    if agency_ids is not None:
        by_agency = f" AND agency_id IN ({_placeholders(agency_ids)})" if agency_ids else " AND 1 = 0"
        agency_params = list(agency_ids)
    days, day_params = _day_ranges(whole, first=start, last=last)
    daily = DailyCount._meta.db_table
    parts = [f"SELECT agency_id, day >= %s AS since, {columns} FROM {daily} WHERE ({days}){by_agency}"]  # noqa: S608
    params: list = [split, *day_params, *agency_params]
    if whole:
        monthly, months = MonthlyCount._meta.db_table, _placeholders(whole)
        where = f"month IN ({months}){by_agency}"
        parts.append(f"SELECT agency_id, month >= %s, {columns} FROM {monthly} WHERE {where}")  # noqa: S608
        params += [split, *whole, *agency_params]
    sums = ", ".join(f"SUM({measure})" for measure in MEASURES)
    union = " UNION ALL ".join(parts)
    sql = f"SELECT agency_id, since, {sums} FROM ({union}) AS counts GROUP BY agency_id, since"  # noqa: S608
    before: Sums = {}
    since: Sums = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # Every group has a row and every column is NOT NULL: no sum is NULL.
        for agency_id, in_range, *values in cursor.fetchall():
            (since if in_range else before)[agency_id] = dict(zip(MEASURES, values, strict=True))
    return before, since


def _day_ranges(months: list[date], *, first: date | None, last: date) -> tuple[str, list[date]]:
    """The days from `first` to `last` not in `months` (sorted), as SQL day ranges: each an index range scan."""
    ranges, params, start = [], [], first
    for month in months:
        if start is None or start < month:
            ranges.append("day < %s" if start is None else "(day >= %s AND day < %s)")
            params += [month] if start is None else [start, month]
        start = _month_end(month) + timedelta(days=1)
    if start is None or start <= last:
        ranges.append("day <= %s" if start is None else "(day >= %s AND day <= %s)")
        params += [last] if start is None else [start, last]
    return (" OR ".join(ranges) or "1 = 0"), params


def _placeholders(values: list) -> str:
    return ", ".join(["%s"] * len(values))
