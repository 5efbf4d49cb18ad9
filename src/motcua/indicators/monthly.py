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
from django.db.models import Q, Sum

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
    months = SummarizedMonth.objects.filter(month__lte=last)
    if first is not None:
        months = months.filter(month__gte=first)
    whole = [m for m in months.values_list("month", flat=True).order_by("month") if _month_end(m) <= last]
    monthly = MonthlyCount.objects.filter(month__in=whole)
    daily = DailyCount.objects.filter(_days_outside(whole, first=first, last=last))
    if agency_ids is not None:
        monthly, daily = monthly.filter(agency_id__in=agency_ids), daily.filter(agency_id__in=agency_ids)
    result: Sums = {}
    for queryset in (monthly, daily) if whole else (daily,):
        rows = queryset.values("agency_id").annotate(**{m: Sum(m) for m in MEASURES})
        for row in rows:
            sums = result.setdefault(row["agency_id"], dict.fromkeys(MEASURES, 0))
            for m in MEASURES:
                sums[m] += row[m] or 0
    return result


def _days_outside(months: list[date], *, first: date | None, last: date) -> Q:
    """The days from `first` to `last` not in `months` (sorted), as day ranges: each an index range scan."""
    ranges, start = [], first
    for month in months:
        if start is None or start < month:
            ranges.append(Q(day__lt=month) if start is None else Q(day__gte=start, day__lt=month))
        start = _month_end(month) + timedelta(days=1)
    if start is None or start <= last:
        ranges.append(Q(day__lte=last) if start is None else Q(day__gte=start, day__lte=last))
    if not ranges:
        return Q(pk__in=[])
    query = ranges[0]
    for more in ranges[1:]:
        query |= more
    return query
