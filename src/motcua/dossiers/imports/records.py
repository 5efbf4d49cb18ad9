"""The rows an import replays and writes, as plain objects: a model instance costs more to build than the
whole replay of its row, and a batch makes hundreds of thousands of them.

Each record has the attribute names of its model's columns (`writing.write_rows` reads them by name; a column
a record lacks gets the model's default), and a dossier answers the guards of workflow.py as a model instance
does: its steps and pauses are related sets read through `.all()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from motcua.catalog.models import ProcedureVersion
from motcua.organization.models import Agency


class Related:
    """A related set held in memory: `.all()` answers its rows, as a prefetched manager would."""

    __slots__ = ("rows",)

    def __init__(self, rows: list) -> None:
        self.rows = rows

    def all(self) -> list:
        return self.rows


@dataclass(slots=True, eq=False)
class StepRecord:
    id: int
    dossier_id: int
    order: int
    name: str
    agency_id: int
    role: str
    time_budget: Decimal
    started_at: datetime | None = None
    due_at: datetime | None = None
    finished_at: datetime | None = None
    outcome: str = ""

    @property
    def pk(self) -> int:
        return self.id


@dataclass(slots=True, eq=False)
class PauseRecord:
    dossier_id: int
    agency_id: int
    started_at: datetime
    reason: str
    items: list[str]
    ended_at: datetime | None = None


@dataclass(slots=True, eq=False)
class EventRecord:
    dossier_id: int
    seq: int
    kind: str
    agency_id: int | None
    at: datetime
    from_status: str
    to_status: str
    payload: dict[str, Any]
    previous_hash: str
    hash: str


@dataclass(slots=True, eq=False)
class RatingRecord:
    dossier_id: int
    level: str
    comment: str
    rated_by_id: int
    rated_at: datetime


@dataclass(slots=True, eq=False)
class ScopeRecord:
    agency_id: int
    dossier_id: int


@dataclass(slots=True, eq=False)
class DossierRecord:
    id: int
    code: str
    procedure_version: ProcedureVersion
    receiving_agency: Agency
    competent_agency: Agency
    applicant_name: str
    applicant_personal_id: str
    applicant_phone: str
    applicant_email: str
    address_street: str
    channel: str
    status: str
    submitted_at: datetime
    fee_total: int
    fee_status: str
    home_service: bool
    lookup_secret: str
    filed_by_id: int
    created_at: datetime
    current_agency_id: int
    steps: Related = field(default_factory=lambda: Related([]))
    pauses: Related = field(default_factory=lambda: Related([]))
    current_step: StepRecord | None = None
    received_at: datetime | None = None
    started_at: datetime | None = None
    due_at: datetime | None = None
    time_kind: str = ""
    time_amount: Decimal | None = None
    rescheduled_due_at: datetime | None = None
    resolved_at: datetime | None = None
    returned_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str = ""
    reasons: str = ""
    missing_items: list[str] = field(default_factory=list)
    version: int = 1
    # What the guards and the deadline rules read of a dossier that is neither express nor part of a group.
    is_express: bool = False
    outside_boundary: bool = False
    group_id: None = None
    parent_id: None = None
    # The keys of the version and agencies, which never change in a replay: read for every event (counts,
    # scope rows, COPY), so kept as attributes rather than model properties looked up each time.
    procedure_version_id: int = field(init=False)
    receiving_agency_id: int = field(init=False)
    competent_agency_id: int = field(init=False)

    def __post_init__(self) -> None:
        self.procedure_version_id = self.procedure_version.pk
        self.receiving_agency_id = self.receiving_agency.pk
        self.competent_agency_id = self.competent_agency.pk

    @property
    def pk(self) -> int:
        return self.id

    @property
    def current_step_id(self) -> int | None:
        return self.current_step.id if self.current_step is not None else None
