"""Which feedback counts an entry moves, and adding them to the (agency, day) rows in the entry's transaction.

`feedback_measures` is a pure function of the entry and of the feedback's kind and answer deadline (fixed when
it is filed), so `rebuild-indicators` recomputes the same counts from the entries.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from django.db import connection

from motcua.feedback.models import Entry, EntryKind, Feedback, Kind

from .counting import local_day
from .models import FEEDBACK_MEASURES, FeedbackDailyCount

FeedbackGrain = tuple[int, date]  # agency, day

_FILED = {Kind.COMPLAINT: "complaints", Kind.RECOMMENDATION: "recommendations"}


def feedback_measures(
    *, kind: str, due_at: datetime, entry_kind: str, at: datetime
) -> list[tuple[date, str]]:
    """(day, measure) pairs one entry adds 1 to."""
    if entry_kind == EntryKind.SUBMITTED:
        return [(local_day(at), _FILED[kind]), (local_day(due_at), "feedback_due")]
    if entry_kind == EntryKind.ANSWER_APPROVED:
        return [(local_day(due_at), "answered_on_time" if at <= due_at else "answered_late")]
    return []


def add_feedback_counts(grouped: dict[FeedbackGrain, Counter[str]]) -> None:
    """Add each (agency, day)'s counts, creating rows as needed: one statement per row, rows in key order so
    that two transactions take their row locks in the same order."""
    quote = connection.ops.quote_name
    table = quote(FeedbackDailyCount._meta.db_table)
    columns = ", ".join(quote(m) for m in FEEDBACK_MEASURES)
    updates = ", ".join(f"{quote(m)} = {table}.{quote(m)} + excluded.{quote(m)}" for m in FEEDBACK_MEASURES)
    values = ", ".join(["%s"] * (2 + len(FEEDBACK_MEASURES)))
    # Names come from the model; values are bound parameters.
    sql = (
        f"INSERT INTO {table} (agency_id, day, {columns}) VALUES ({values}) "  # noqa: S608
        f"ON CONFLICT (agency_id, day) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        for (agency_id, day), counts in sorted(grouped.items()):
            cursor.execute(sql, [agency_id, day, *(counts[m] for m in FEEDBACK_MEASURES)])


def count_feedback_entry(feedback: Feedback, entry: Entry) -> None:
    """The subscriber `motcua.feedback.hooks` calls for every entry."""
    grouped: dict[FeedbackGrain, Counter[str]] = {}
    for day, measure in feedback_measures(
        kind=feedback.kind, due_at=feedback.due_at, entry_kind=entry.kind, at=entry.at
    ):
        grouped.setdefault((feedback.agency_id, day), Counter())[measure] += 1
    if grouped:
        add_feedback_counts(grouped)


def recomputed_feedback_counts() -> dict[FeedbackGrain, Counter[str]]:
    counts: dict[FeedbackGrain, Counter[str]] = {}
    entries = Entry.objects.values_list(
        "kind", "at", "feedback__kind", "feedback__due_at", "feedback__agency_id"
    ).order_by("pk")
    for entry_kind, at, kind, due_at, agency_id in entries.iterator(5000):
        for day, measure in feedback_measures(kind=kind, due_at=due_at, entry_kind=entry_kind, at=at):
            counts.setdefault((agency_id, day), Counter())[measure] += 1
    return counts


def kept_feedback_counts() -> dict[FeedbackGrain, Counter[str]]:
    return {
        (row["agency_id"], row["day"]): Counter({m: row[m] for m in FEEDBACK_MEASURES if row[m]})
        for row in FeedbackDailyCount.objects.values("agency_id", "day", *FEEDBACK_MEASURES).iterator(5000)
    }
