"""How the open dossiers stood at a moment: live from their status, or at the end of a past day.

`open_split_now` reads the status and due moment of the open dossiers (from one partial index, not the table).
For the end of a day that has passed, `open_split_at` judges each dossier by its moments instead: received by
then, neither resolved nor closed by then, paused by then (a pause that had started and not ended), else overdue
if its due moment had passed. The due moment used is today's: a dossier paused only after that day has had its
due moment moved since, so it can be judged within time at that day's end although it was overdue; the nightly
snapshot, taken minutes after the day ends, is not exposed to that, a backfill of old days is.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q

from motcua.core import clock
from motcua.core.recent import recently_computed
from motcua.dossiers.models import OPEN_STATUSES, Dossier, PauseInterval, Status
from motcua.dossiers.selectors import PROCESSING

from .models import DailyCount, OpenCount

Split = dict[int, dict[str, int]]
KEYS = ("within_time", "overdue", "paused")


def end_of_day(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=clock.LOCAL_TZ) - timedelta(
        microseconds=1
    )


def _counted(agency_ids: list[int] | None):
    dossiers = Dossier.objects.filter(procedure_version__isnull=False)
    return dossiers if agency_ids is None else dossiers.filter(competent_agency_id__in=agency_ids)


def _by_agency(rows) -> Split:
    return {row["competent_agency_id"]: {k: row[k] for k in KEYS} for row in rows}


def open_split_now(agency_ids: list[int] | None, *, now: datetime) -> Split:
    """Counted from the dossier_open_split index alone: every column read is in it (status, not id)."""
    rows = (
        _counted(agency_ids)
        .filter(status__in=OPEN_STATUSES)
        .values("competent_agency_id")
        .annotate(
            paused=Count("status", filter=Q(status=Status.AWAITING_SUPPLEMENT)),
            overdue=Count("status", filter=Q(status__in=PROCESSING, due_at__lt=now)),
            within_time=Count("status", filter=Q(status__in=PROCESSING, due_at__gte=now)),
        )
    )
    return _by_agency(rows)


def recent_open_split(agency_ids: list[int] | None) -> tuple[datetime, Split]:
    """The live split and the moment it was taken: taken for the whole city at most MOTCUA_OPEN_SPLIT_SECONDS
    ago (one statement a minute, shared through the cache, instead of one per request), then narrowed to
    `agency_ids`. 0 takes it on every call."""
    moment, split = recently_computed(
        key="motcua:indicators:open-split",
        seconds=settings.MOTCUA_OPEN_SPLIT_SECONDS,
        compute=lambda: open_split_now(None, now=clock.now()),
    )
    if agency_ids is not None:
        wanted = set(agency_ids)
        split = {agency: counts for agency, counts in split.items() if agency in wanted}
    return moment, split


def open_split_at(agency_ids: list[int] | None, *, moment: datetime) -> Split:
    paused = PauseInterval.objects.filter(dossier=OuterRef("pk"), started_at__lte=moment).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=moment)
    )
    rows = (
        _counted(agency_ids)
        .filter(received_at__lte=moment)
        .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gt=moment))
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=moment))
        .annotate(_paused=Exists(paused))
        .values("competent_agency_id")
        .annotate(
            paused=Count("id", filter=Q(_paused=True)),
            overdue=Count("id", filter=Q(_paused=False, due_at__lt=moment)),
            within_time=Count("id", filter=Q(_paused=False, due_at__gte=moment)),
        )
    )
    return _by_agency(rows)


@transaction.atomic
def take_snapshot(day: date) -> int:
    """Record the split at the end of `day` (replacing an earlier one); the number of agencies recorded."""
    split = open_split_at(None, moment=end_of_day(day))
    # Every agency with counts gets its row, zeros included: a day with nothing open anywhere is recorded too.
    for agency in DailyCount.objects.values_list("agency_id", flat=True).distinct():
        split.setdefault(agency, dict.fromkeys(KEYS, 0))
    OpenCount.objects.filter(day=day).delete()
    OpenCount.objects.bulk_create(
        OpenCount(agency_id=agency, day=day, **counts) for agency, counts in split.items()
    )
    return len(split)


def snapshot_split(agency_ids: list[int] | None, *, day: date) -> Split | None:
    """The recorded split at the end of `day`; None when that day was never recorded."""
    recorded = OpenCount.objects.filter(day=day)
    rows = recorded if agency_ids is None else recorded.filter(agency_id__in=agency_ids)
    split = {row["agency_id"]: {k: row[k] for k in KEYS} for row in rows.values("agency_id", *KEYS)}
    # A recorded day has a row per agency with counts: none for these agencies may still be a recorded day.
    if not split and (agency_ids is None or not recorded.exists()):
        return None
    return split


def backfill_snapshots() -> int:
    """Record the days with counts but no snapshot, up to yesterday; the number of days recorded."""
    yesterday = clock.local_now().date() - timedelta(days=1)
    counted = set(DailyCount.objects.filter(day__lte=yesterday).values_list("day", flat=True).distinct())
    recorded = set(OpenCount.objects.values_list("day", flat=True).distinct())
    missing = sorted(counted - recorded)
    if not missing:
        return 0
    # Every day from the first counted one: a day without events still ends with dossiers open.
    day, days = missing[0], 0
    while day <= yesterday:
        if day not in recorded:
            take_snapshot(day)
            days += 1
        day += timedelta(days=1)
    return days
