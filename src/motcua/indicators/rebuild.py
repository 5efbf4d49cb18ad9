"""Recomputing every count from the events, and saying where the kept counts differ."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Event

from .counting import local_day, measures_for
from .feedback_counting import FeedbackGrain, kept_feedback_counts, recomputed_feedback_counts
from .models import FEEDBACK_MEASURES, MEASURES, DailyCount, FeedbackDailyCount
from .monthly import forget_all_months, summarize_months

Grain = tuple[int, int, date]  # agency, sector, day


@dataclass(frozen=True)
class Difference:
    agency_id: int
    sector_id: int | None  # None for the feedback counts
    day: date
    measure: str
    kept: int
    recomputed: int


def recomputed_counts(*, chunk_size: int = 5000) -> dict[Grain, Counter[str]]:
    """Every event through the same `measures_for` that counts them as they happen."""
    sector_of = dict(ProcedureVersion.objects.values_list("id", "procedure__sector_id"))
    counts: dict[Grain, Counter[str]] = defaultdict(Counter)
    events = Event.objects.filter(dossier__procedure_version__isnull=False).values_list(
        "kind",
        "at",
        "from_status",
        "payload",
        "dossier__procedure_version_id",
        "dossier__channel",
        "dossier__due_at",
        "dossier__fee_total",
        "dossier__fee_status",
        "dossier__competent_agency_id",
    )
    for row in events.iterator(chunk_size):
        kind, at, from_status, payload, version_id, channel, due_at, fee_total, fee_status, agency_id = row
        measures = measures_for(
            procedure_version_id=version_id,
            channel=channel,
            due_at=due_at,
            fee_total=fee_total,
            fee_status=fee_status,
            kind=kind,
            at=at,
            from_status=from_status,
            payload=payload,
        )
        if measures:
            counts[(agency_id, sector_of[version_id], local_day(at))].update(measures)
    return counts


def kept_counts() -> dict[Grain, Counter[str]]:
    kept: dict[Grain, Counter[str]] = {}
    for row in DailyCount.objects.values("agency_id", "sector_id", "day", *MEASURES).iterator(5000):
        kept[(row["agency_id"], row["sector_id"], row["day"])] = Counter(
            {m: row[m] for m in MEASURES if row[m]}
        )
    return kept


def differences(kept: dict[Grain, Counter[str]], recomputed: dict[Grain, Counter[str]]) -> list[Difference]:
    return _differences(kept, recomputed, MEASURES, lambda grain: grain)


def _differences(kept: dict, recomputed: dict, measures: tuple[str, ...], where) -> list[Difference]:
    """Every measure of every grain whose kept count differs; `where(grain)` gives (agency, sector, day)."""
    found = []
    for grain in sorted(kept.keys() | recomputed.keys()):
        a, b = kept.get(grain, Counter()), recomputed.get(grain, Counter())
        for measure in measures:
            if a[measure] != b[measure]:
                found.append(
                    Difference(*where(grain), measure=measure, kept=a[measure], recomputed=b[measure])
                )
    return found


def feedback_differences(
    kept: dict[FeedbackGrain, Counter[str]], recomputed: dict[FeedbackGrain, Counter[str]]
) -> list[Difference]:
    """Feedback counts have no sector (a feedback may be about an agency only): `sector_id` is None."""
    return _differences(kept, recomputed, FEEDBACK_MEASURES, lambda grain: (grain[0], None, grain[1]))


@transaction.atomic
def rebuild_indicators(*, apply: bool) -> list[Difference]:
    """Compare the kept counts with a recomputation from the events; with `apply`, replace them.

    The table is locked for the comparison (and the replacement) so that counts written meanwhile by new
    events are neither lost nor reported as differences; new events wait for the rebuild to finish.
    """
    _lock_counts()
    recomputed = recomputed_counts()
    found = differences(kept_counts(), recomputed)
    recomputed_feedback = recomputed_feedback_counts()
    found_feedback = feedback_differences(kept_feedback_counts(), recomputed_feedback)
    if apply and found_feedback:
        FeedbackDailyCount.objects.all().delete()
        FeedbackDailyCount.objects.bulk_create(
            FeedbackDailyCount(agency_id=agency, day=day, **{m: counts[m] for m in FEEDBACK_MEASURES})
            for (agency, day), counts in recomputed_feedback.items()
        )
    if apply and found:
        DailyCount.objects.all().delete()
        DailyCount.objects.bulk_create(
            (
                DailyCount(agency_id=agency, sector_id=sector, day=day, **{m: counts[m] for m in MEASURES})
                for (agency, sector, day), counts in recomputed.items()
            ),
            batch_size=2000,
        )
        # The monthly sums were of the replaced rows.
        forget_all_months()
        summarize_months()
    return found + found_feedback


def _lock_counts() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (DailyCount, FeedbackDailyCount):
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
