"""The service index (DOMAIN.md §3.5, Decision 766/QĐ-TTg): groups, items, weights, targets and bands as data.

The definition is a data file (data/service_index.json, or the file named by MOTCUA_SERVICE_INDEX_FILE); each
item names the formula that measures it. An item whose formula is not measured yet (null) scores nothing and is
left out of the maximum, so agencies are compared on what is measured and the answer says which items those are.
A target-based item scores its full points at or above its target, else in proportion.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from django.conf import settings

from .selectors import ProgressRow

DEFAULT_FILE = Path(__file__).parent / "data" / "service_index.json"


class Ratio(NamedTuple):
    """A measured share with the numbers behind it, so that every score can be explained. (Named tuples: an
    index builds one per agency and item on every request, and they cost a third of a frozen dataclass.)"""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None


def _on_time(row: ProgressRow) -> Ratio | None:
    return None if row.on_time is None else Ratio(row.on_time, row.handled)


def _online(row: ProgressRow) -> Ratio:
    return Ratio(row.flows["received_online"], row.flows["received"])


def _paid_online(row: ProgressRow) -> Ratio:
    return Ratio(row.flows["paid_online"], row.flows["fee_bearing"])


def _complaint_share(row: ProgressRow) -> float:
    """Complaints filed about the agency in the period per dossier it handled (recommendations do not count)."""
    return row.feedback["complaints"] / row.handled if row.handled else 0.0


def _feedback_on_time(row: ProgressRow) -> Ratio:
    """Feedback answered by its deadline over the feedback that fell due in the period (up to yesterday)."""
    return Ratio(row.feedback["answered_on_time"], row.feedback["feedback_due"])


def _satisfaction(row: ProgressRow) -> Ratio | None:
    """100% - (% overdue of the handled + % not satisfied of the rated + complaints per handled dossier), never
    below 0."""
    if row.open_split is None:
        return None
    overdue = row.flows["resolved_late"] + row.open_split["overdue"]
    rated = (
        row.flows["rated_very_satisfied"] + row.flows["rated_satisfied"] + row.flows["rated_not_satisfied"]
    )
    if not row.handled:
        return Ratio(0, 0)
    share = (
        1
        - overdue / row.handled
        - (row.flows["rated_not_satisfied"] / rated if rated else 0)
        - _complaint_share(row)
    )
    # As a ratio over the handled dossiers, rounded to a whole dossier, so that it explains itself in numbers.
    return Ratio(max(0, round(share * row.handled)), row.handled)


def _received_share(measure: str) -> Callable[[ProgressRow], Ratio]:
    def share(row: ProgressRow) -> Ratio:
        return Ratio(row.flows[measure], row.flows["received"])

    return share


def _electronic_results(row: ProgressRow) -> Ratio:
    """Of the dossiers approved in the period, those whose result was issued as a signed electronic document."""
    return Ratio(row.flows["results_electronic"], row.flows["results_approved"])


def _catalog_share(attribute: str) -> Callable[[ProgressRow], Ratio | None]:
    def share(row: ProgressRow) -> Ratio | None:
        offer = row.catalog
        return None if offer is None else Ratio(getattr(offer, attribute), offer.procedures)

    return share


FORMULAS: dict[str, Callable[[ProgressRow], Ratio | None]] = {
    "on_time_rate": _on_time,
    "online_share": _online,
    "paid_online_share": _paid_online,
    "satisfaction_rate": _satisfaction,
    "feedback_on_time_rate": _feedback_on_time,
    # Digitization (Circular 01/2023/TT-VPCP): of the dossiers received, all documents digitized / any reused.
    "digitized_share": _received_share("received_digitized"),
    "reused_share": _received_share("received_reused"),
    "electronic_result_share": _electronic_results,
    # The catalog (Decree 42/2022/NĐ-CP for the online offer): of the agency's published procedures.
    "online_procedure_share": _catalog_share("online"),
    "complete_publication_share": _catalog_share("complete"),
}


class ItemScore(NamedTuple):
    group: str
    code: str
    name_vi: str
    name_en: str
    points: float
    target: float
    ratio: Ratio | None
    score: float | None


@dataclass(frozen=True)
class AgencyScore:
    row: ProgressRow
    items: list[ItemScore]

    # Computed once each: a ranking sorts and prints every agency's percent more than once.
    @cached_property
    def total(self) -> float:
        return round(sum(item.score for item in self.items if item.score is not None), 2)

    @cached_property
    def measured_points(self) -> float:
        return sum(item.points for item in self.items if item.score is not None)

    @cached_property
    def percent(self) -> float | None:
        """The total as a share of the measured maximum, 0-100: what bands and ranks are judged on."""
        return round(100 * self.total / self.measured_points, 2) if self.measured_points else None

    @cached_property
    def band(self) -> dict | None:
        if self.percent is None:
            return None
        return next(band for band in definition()["bands"] if self.percent >= band["from"])


@cache
def definition() -> dict:
    path = Path(settings.MOTCUA_SERVICE_INDEX_FILE or DEFAULT_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    for group in data["groups"]:
        declared = sum(item["points"] for item in group["items"])
        if abs(declared - group["points"]) > 1e-9:
            raise ValueError(
                f"{path}: the items of {group['code']} add up to {declared}, not {group['points']}"
            )
        for item in group["items"]:
            if item["formula"] is not None and item["formula"] not in FORMULAS:
                raise ValueError(f"{path}: unknown formula {item['formula']!r} in {item['code']}")
    data["bands"] = sorted(data["bands"], key=lambda band: -band["from"])
    return data


@cache
def _items() -> list[tuple[str, dict, Callable[[ProgressRow], Ratio | None] | None]]:
    """The definition's items in order, each with its group and formula (None: not measured yet)."""
    return [
        (group["code"], item, FORMULAS.get(item["formula"] or ""))
        for group in definition()["groups"]
        for item in group["items"]
    ]


def score(row: ProgressRow) -> AgencyScore:
    items = []
    for group, item, formula in _items():
        ratio = formula(row) if formula else None
        value = None if ratio is None else ratio.value
        target = item["target"]
        points = None if value is None else round(item["points"] * min(1.0, value / target), 2)
        items.append(
            ItemScore(
                group, item["code"], item["name_vi"], item["name_en"], item["points"], target, ratio, points
            )
        )
    return AgencyScore(row=row, items=items)


def ranked(rows: list[ProgressRow]) -> list[tuple[int, AgencyScore]]:
    """Agencies by percent of the measured maximum, best first; equal percents share a rank (1, 2, 2, 4)."""
    scores = sorted(
        (score(row) for row in rows),
        key=lambda s: (
            -(s.percent if s.percent is not None else -1),
            s.row.agency.code if s.row.agency else "",
        ),
    )
    result, rank, previous = [], 0, object()
    for position, agency_score in enumerate(scores, start=1):
        if agency_score.percent != previous:
            rank, previous = position, agency_score.percent
        result.append((rank, agency_score))
    return result
