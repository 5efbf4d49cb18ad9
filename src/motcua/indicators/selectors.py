"""The periodic report table (DOMAIN.md §3.5) from the kept counts, per agency and in total.

Flows of the period (received, resolved early/on time/late, withdrawn, stopped, refused, returned) are sums of
the daily rows. The dossiers carried over into the period and those still open at its end follow from the
flows before it: open = received - resolved - withdrawn after receipt - stopped. How the open ones stand (within
time, overdue, paused) is a property of a moment, not of a day's events: for a period that is still running it
is read from the dossiers themselves (an index range per agency); for a period that has ended, from the
snapshot taken at the end of its last day (motcua.indicators.snapshots).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q, Sum

from motcua.accounts.models import Role, User
from motcua.catalog.selectors import CatalogOffer, catalog_offer_by_agency
from motcua.core import clock
from motcua.core.errors import PermissionDenied
from motcua.dossiers.workflow import grants_of
from motcua.organization.models import Agency

from .models import FEEDBACK_MEASURES, MEASURES, FeedbackDailyCount
from .monthly import sums_before_and_in
from .periods import Period
from .snapshots import Split, end_of_day, recent_open_split, snapshot_split

DUE_MEASURES = ("feedback_due", "answered_on_time", "answered_late")
CLOSING = ("resolved_early", "resolved_on_time", "resolved_late", "withdrawn", "stopped")


@dataclass
class ProgressRow:
    agency: Agency | None
    flows: dict[str, int]
    carried_over: int
    open_at_end: int
    open_split: dict[str, int] | None = field(default=None)
    open_as_of: datetime | None = field(default=None)  # the moment the open ones are judged at (total row)
    # Complaints and recommendations filed in the period, and feedback due in it (by yesterday) answered on time
    # or late: sums of FeedbackDailyCount (see `feedback_flows`).
    feedback: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FEEDBACK_MEASURES, 0))
    # The agency's published procedures as they stand now (the catalog has no history): the service index's
    # transparency and online-offer items.
    catalog: CatalogOffer | None = field(default=None)

    @property
    def resolved(self) -> int:
        return self.flows["resolved_early"] + self.flows["resolved_on_time"] + self.flows["resolved_late"]

    @property
    def handled(self) -> int:
        """The dossiers the agency had in hand during the period: resolved in it, or still open at its end."""
        return self.resolved + self.open_at_end

    @property
    def on_time(self) -> int | None:
        """Resolved early or on time, plus open within time (paused counts as within: the clock is stopped);
        None without a split of the open ones."""
        if self.open_split is None:
            return None
        flows, split = self.flows, self.open_split
        return flows["resolved_early"] + flows["resolved_on_time"] + split["within_time"] + split["paused"]

    @property
    def on_time_rate(self) -> float | None:
        """`on_time` over all handled; None without a split or with nothing handled."""
        on_time = self.on_time
        return None if on_time is None or not self.handled else on_time / self.handled


def reportable_agencies(user: User) -> list[int] | None:
    """None for everyone's figures (inspectors, administrators); else the agencies of the user's staff roles."""
    grants = grants_of(user)
    if grants.has(Role.INSPECTOR, None) or grants.has(Role.ADMINISTRATOR, None):
        return None
    agencies = sorted(
        {agency for role, agency in grants.pairs if agency is not None and role != Role.APPLICANT}
    )
    if not agencies:
        raise PermissionDenied()
    return agencies


def progress_report(
    *, period: Period, agency_ids: list[int] | None, listed: Sequence[int] = ()
) -> tuple[list[ProgressRow], ProgressRow]:
    """One row per agency with anything counted (dossiers received, resolved or closed in the period, open
    ones carried over or still open, feedback filed or falling due), ordered by agency code, and the total row.
    The agencies in `listed` get a row even with nothing counted (zeros): an agency's own report shows it."""
    before, in_period = sums_before_and_in(agency_ids=agency_ids, first=period.first, last=period.last)
    open_as_of, split = _open_split(agency_ids, period)
    feedback = feedback_flows(period=period, agency_ids=agency_ids)

    zero = dict.fromkeys(MEASURES, 0)
    rows: list[ProgressRow] = []
    ids = set(in_period) | {a for a, f in before.items() if _open(f)} | set(feedback) | set(listed)
    if split is not None:
        ids |= set(split)
    # What a report shows of an agency (its code, names and kind): not its working hours and other settings.
    shown = Agency.objects.filter(pk__in=ids).only("code", "name", "name_en", "kind")
    agencies = {agency.pk: agency for agency in shown}
    for agency_id in sorted(ids, key=lambda pk: agencies[pk].code):
        flows = in_period.get(agency_id, zero)
        carried = _open(before.get(agency_id, zero))
        rows.append(
            ProgressRow(
                agency=agencies[agency_id],
                flows=flows,
                carried_over=carried,
                open_at_end=carried + _open(flows),
                open_split=None
                if split is None
                else split.get(agency_id, {"within_time": 0, "overdue": 0, "paused": 0}),
            )
        )
    for row in rows:
        row.feedback = feedback.get(row.agency.pk, row.feedback)
    offers = catalog_offer_by_agency(
        agency_ids=[row.agency.pk for row in rows], kinds={row.agency.pk: row.agency.kind for row in rows}
    )
    for row in rows:
        row.catalog = offers[row.agency.pk]
    total = _total(rows, with_split=split is not None)
    total.open_as_of = open_as_of
    total.catalog = sum((row.catalog for row in rows), CatalogOffer())
    return rows, total


def feedback_flows(*, period: Period, agency_ids: list[int] | None) -> dict[int, dict[str, int]]:
    """Per agency (of `agency_ids`; None: every agency) with any of them: complaints and recommendations filed
    in the period; feedback whose answer deadline fell on a day of the period up to yesterday (a deadline later
    today may still be met), and of those the ones answered on time and late."""
    counts = FeedbackDailyCount.objects.all()
    if agency_ids is not None:
        counts = counts.filter(agency_id__in=agency_ids)
    filed = ("complaints", "recommendations")
    judged_until = min(period.last, clock.local_now().date() - timedelta(days=1))
    rows = (
        counts.filter(day__gte=period.first, day__lte=period.last)
        .values("agency_id")
        .annotate(
            **{m: Sum(m) for m in filed},
            **{m: Sum(m, filter=Q(day__lte=judged_until)) for m in DUE_MEASURES},
        )
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        sums = {m: row[m] or 0 for m in (*filed, *DUE_MEASURES)}
        if any(sums.values()):
            result[row["agency_id"]] = {**dict.fromkeys(FEEDBACK_MEASURES, 0), **sums}
    return result


def _open_split(agency_ids: list[int] | None, period: Period) -> tuple[datetime | None, Split | None]:
    """Live (taken at most a minute ago) while the period runs; the end-of-day snapshot of its last day once it
    has ended; nothing before it starts. With the moment it describes."""
    today = clock.local_now().date()
    if period.first > today:
        return None, None
    if period.last >= today:
        return recent_open_split(agency_ids)
    return end_of_day(period.last), snapshot_split(agency_ids, day=period.last)


def _open(flows: dict[str, int]) -> int:
    return flows["received"] - sum(flows[m] for m in CLOSING)


def _total(rows: list[ProgressRow], *, with_split: bool) -> ProgressRow:
    flows: dict[str, int] = defaultdict(int)
    split: dict[str, int] = defaultdict(int)
    for row in rows:
        for measure, n in row.flows.items():
            flows[measure] += n
        for key, n in (row.open_split or {}).items():
            split[key] += n
    for measure in MEASURES:
        flows.setdefault(measure, 0)
    for key in ("within_time", "overdue", "paused"):
        split.setdefault(key, 0)
    feedback = {m: sum(row.feedback[m] for row in rows) for m in FEEDBACK_MEASURES}
    return ProgressRow(
        agency=None,
        feedback=feedback,
        flows=dict(flows),
        carried_over=sum(r.carried_over for r in rows),
        open_at_end=sum(r.open_at_end for r in rows),
        open_split=dict(split) if with_split else None,
    )
