"""What the indicator pages read: who may see an agency's figures, the ranking by level with group scores, and
one agency's last twelve months (on-time rate, online share, backlog) from the kept counts.

Twelve months of one agency are four queries whatever the number of dossiers: the daily counts of the twelve
months grouped by month, the sums before them (to carry the open dossiers over), the end-of-month snapshots of
how the open ones stood, and the live split for the running month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from motcua.accounts.models import STAFF_ROLES, Role, User
from motcua.core import clock
from motcua.dossiers.workflow import grants_of
from motcua.organization.models import Agency

from .models import MEASURES, DailyCount, OpenCount
from .periods import Period, months_back
from .selectors import CLOSING, ProgressRow, progress_report
from .service_index import AgencyScore, definition, ranked
from .snapshots import KEYS, open_split_now

# The ranking's levels: which kinds of agency are compared with each other.
LEVELS: dict[str, list[str] | None] = {
    "all": None,
    "department": [Agency.Kind.DEPARTMENT],
    "commune": [Agency.Kind.COMMUNE_COMMITTEE],
    "provider": [Agency.Kind.PUBLIC_SERVICE_UNIT, Agency.Kind.STATE_ENTERPRISE],
}


def agency_ids_at_level(level: str) -> list[int] | None:
    """The agencies of a level (None: every agency). The caller checks that `level` is one of LEVELS."""
    kinds = LEVELS[level]
    if kinds is None:
        return None
    return list(Agency.objects.filter(kind__in=kinds).values_list("pk", flat=True))


def may_see_ranking(user: User) -> bool:
    """Inspectors, administrators and leaders compare agencies inside the workspace."""
    grants = grants_of(user)
    return any(role in (Role.INSPECTOR, Role.ADMINISTRATOR, Role.LEADER) for role, _agency in grants.pairs)


def may_see_agency(user: User, agency: Agency) -> bool:
    """An agency's dashboard: its own staff (officers, specialists, leaders), inspectors and administrators."""
    grants = grants_of(user)
    if grants.has(Role.INSPECTOR, None) or grants.has(Role.ADMINISTRATOR, None):
        return True
    return any(role in STAFF_ROLES and agency_id == agency.pk for role, agency_id in grants.pairs)


@dataclass(frozen=True)
class GroupScore:
    code: str
    name_vi: str
    name_en: str
    points: float
    score: float | None  # None: no item of the group measured for this agency


def group_scores(agency_score: AgencyScore) -> list[GroupScore]:
    """The index's six groups with the points the agency scored in each (its measured items summed)."""
    groups = []
    for group in definition()["groups"]:
        scores = [i.score for i in agency_score.items if i.group == group["code"] and i.score is not None]
        groups.append(
            GroupScore(
                code=group["code"],
                name_vi=group["name_vi"],
                name_en=group["name_en"],
                points=group["points"],
                score=round(sum(scores), 2) if scores else None,
            )
        )
    return groups


def ranking(*, period: Period, level: str) -> list[tuple[int, AgencyScore]]:
    rows, _total = progress_report(period=period, agency_ids=agency_ids_at_level(level))
    return ranked(rows)


def agency_figures(*, agency: Agency, period: Period) -> ProgressRow:
    """One agency's report row for a period (zeros when it had nothing)."""
    rows, total = progress_report(period=period, agency_ids=[agency.pk])
    row = rows[0] if rows else ProgressRow(agency, total.flows, 0, 0, total.open_split)
    row.open_split = _split_or_none(row.open_split, row.open_at_end)
    return row


def _split_or_none(split: dict[str, int] | None, open_at_end: int) -> dict[str, int] | None:
    """With nothing open at the end, how the open ones stood needs no snapshot: none within time, overdue or
    paused (a day when no agency had anything open leaves no snapshot row to find)."""
    if split is None and open_at_end == 0:
        return dict.fromkeys(KEYS, 0)
    return split


def online_rate(row: ProgressRow) -> float | None:
    """Received online over all received; None with nothing received."""
    received = row.flows["received"]
    return row.flows["received_online"] / received if received else None


@dataclass(frozen=True)
class Month:
    period: Period
    row: ProgressRow

    @property
    def on_time_rate(self) -> float | None:
        return self.row.on_time_rate

    @property
    def online_rate(self) -> float | None:
        return online_rate(self.row)

    @property
    def backlog(self) -> int:
        """Dossiers still open at the end of the month (or now, for the running month)."""
        return self.row.open_at_end


def _sums_by_month(agency: Agency, first: date, last: date) -> dict[date, dict[str, int]]:
    rows = (
        DailyCount.objects.filter(agency=agency, day__gte=first, day__lte=last)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(**{m: Sum(m) for m in MEASURES})
    )
    return {row["month"]: {m: row[m] or 0 for m in MEASURES} for row in rows}


def _open(flows: dict[str, int]) -> int:
    return flows["received"] - sum(flows[m] for m in CLOSING)


def _month_end_splits(agency: Agency, months: list[Period], today: date) -> dict[date, dict[str, int]]:
    """How the agency's open dossiers stood at the end of each month: the recorded snapshot of its last day
    for a month that has ended (absent when that day was never recorded), live for the running month."""
    ended = [m.last for m in months if m.last < today]
    recorded = set(OpenCount.objects.filter(day__in=ended).values_list("day", flat=True).distinct())
    found = {
        row["day"]: {k: row[k] for k in KEYS}
        for row in OpenCount.objects.filter(agency=agency, day__in=recorded).values("day", *KEYS)
    }
    splits = {day: found.get(day, dict.fromkeys(KEYS, 0)) for day in recorded}
    running = [m for m in months if m.first <= today <= m.last]
    if running:
        live = open_split_now([agency.pk], now=clock.now())
        splits[running[0].last] = live.get(agency.pk, dict.fromkeys(KEYS, 0))
    return splits


def monthly_trend(*, agency: Agency, months: int = 12) -> list[Month]:
    """The agency's last `months` months up to the running one, oldest first."""
    today = clock.local_now().date()
    periods = months_back(today, months)
    by_month = _sums_by_month(agency, periods[0].first, periods[-1].last)
    before = DailyCount.objects.filter(agency=agency, day__lt=periods[0].first).aggregate(
        **{m: Sum(m) for m in MEASURES}
    )
    carried = _open({m: before[m] or 0 for m in MEASURES})
    splits = _month_end_splits(agency, periods, today)
    zero = dict.fromkeys(MEASURES, 0)
    trend = []
    for period in periods:
        flows = by_month.get(period.first, zero)
        open_at_end = carried + _open(flows)
        row = ProgressRow(
            agency, flows, carried, open_at_end, _split_or_none(splits.get(period.last), open_at_end)
        )
        trend.append(Month(period=period, row=row))
        carried = open_at_end
    return trend
