"""Receipt (form 01): the clock starts; the due moment and every step's due moment are fixed."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction

from motcua.accounts.models import Role, User
from motcua.catalog import selectors as catalog
from motcua.core import clock
from motcua.core.text import nfc
from motcua.deadlines import selectors as deadlines
from motcua.deadlines.calendar import WorkingCalendar
from motcua.documents.models import DocumentRecord, Source

from .. import scope
from ..models import Dossier, EventKind, Status, Step
from ..workflow import Action
from .common import _begin, _change_with_children


def _amount(value: Decimal | int, kind: str) -> Decimal | int:
    if kind == deadlines.WORKING_DAYS:
        return Decimal(value)
    return int(Decimal(value).to_integral_value(rounding=ROUND_HALF_UP))


def _plan_steps(dossier: Dossier, *, start: datetime, steps: list[Step], calendar: WorkingCalendar) -> None:
    """Due moments of the steps: cumulative budgets from `start`; an express dossier's steps share its due."""
    total = Decimal(0)
    for step in steps:
        if dossier.is_express:
            step.due_at = dossier.due_at
            continue
        total += step.time_budget
        step.due_at = min(
            deadlines.due_moment(
                start=start,
                kind=dossier.time_kind,
                amount=_amount(total, dossier.time_kind),
                calendar=calendar,
            ),
            dossier.due_at,
        )
    # A calendar-day period whose last day is a day off ends at the close of the next working day (Civil Code
    # art. 148), so a longer cumulative budget can end earlier than a shorter one: no step is due after the next.
    for earlier, later in zip(reversed(steps[:-1]), reversed(steps[1:]), strict=True):
        earlier.due_at = min(earlier.due_at, later.due_at)


def _start_clock(
    dossier: Dossier, *, now: datetime, actor: User, kind: str, amount: Decimal | int, express: bool
) -> None:
    agency = dossier.competent_agency
    calendar = deadlines.calendar_for(agency=agency)  # read once for the dossier and all its steps
    dossier.received_at = now
    dossier.started_at = deadlines.effective_start_for(moment=now, calendar=calendar)
    dossier.time_kind, dossier.time_amount = kind, Decimal(amount)
    dossier.is_express = express
    dossier.due_at = deadlines.due_moment(
        start=now, kind=kind, amount=_amount(amount, kind), calendar=calendar
    )
    dossier.status = Status.RECEIVED
    if dossier.procedure_version_id is None:  # a group's parent: no steps of its own
        dossier.current_agency = dossier.receiving_agency
        return
    template = list(dossier.procedure_version.steps.select_related("agency").order_by("order"))
    # A template step without an agency runs at the competent agency, except receiving: that is done by the
    # one-stop section that received the dossier (a commune's centre, not its People's Committee).
    steps = [
        Step(
            dossier=dossier,
            order=t.order,
            name=t.name,
            agency=t.agency or (dossier.receiving_agency if t.role == Role.RECEIVING_OFFICER else agency),
            role=t.role,
            time_budget=t.time_budget,
        )
        for t in template
    ]
    _plan_steps(dossier, start=now, steps=steps, calendar=calendar)
    if steps:
        steps[0].started_at = now
        # Receiving is the first step when the template says so: it is done at the counter, now.
        if steps[0].role == Role.RECEIVING_OFFICER and len(steps) > 1:
            steps[0].finished_at, steps[0].outcome, steps[0].assignee = now, "received", actor
            steps[1].started_at = now
    Step.objects.bulk_create(steps)
    scope.include(steps=steps)  # each step's agency sees the dossier from its receipt on
    known = getattr(dossier, "_prefetched_objects_cache", {}).get("steps")
    if known is not None:  # a dossier created in this transaction: its (empty) steps were known, now these
        known._result_cache.extend(steps)
    current = next((s for s in steps if s.finished_at is None), None)
    dossier.current_step = current
    dossier.current_agency_id = current.agency_id if current else agency.pk


_RECEIPT_FIELDS = [
    "received_at",
    "started_at",
    "due_at",
    "time_kind",
    "time_amount",
    "is_express",
    "current_step",
    "current_agency",
    "missing_items",
]


@transaction.atomic
def dossier_receive(*, code: str, actor: User, version: int, note: str = "") -> Dossier:
    """Receipt (form 01): the clock starts; the due moment and every step's due moment are fixed."""
    dossier = _begin(code=code, action=Action.RECEIVE, actor=actor, version=version)
    return _receive(dossier, actor=actor, note=note)


def documents_at_receipt(row: Dossier) -> dict[str, bool]:
    """What the receipt event records of the documents, for the digitization indicators (Circular
    01/2023/TT-VPCP): every document digitized (and at least one), any reused from the document store."""
    found = list(DocumentRecord.objects.filter(dossier=row).values_list("digitized", "source"))
    return {
        "digitized": bool(found) and all(digitized for digitized, _ in found),
        "reused": any(source == Source.REUSED for _, source in found),
    }


def _receive(dossier: Dossier, *, actor: User, note: str = "") -> Dossier:
    """The receipt of a dossier the caller holds locked (or created in this transaction), the action allowed."""
    now = clock.now()  # digitization outside the boundary is the workflow's guard of the action

    def receive(row: Dossier) -> dict[str, Any]:
        row.missing_items = []
        if row.group_id:  # a group's parent: the group's time
            group = row.group
            kind, amount, express = group.processing_time_kind, group.processing_time_amount, False
        else:
            pv = row.procedure_version
            lane = (  # express lanes are for dossiers received as they stand, not for a group's members
                catalog.express_lane_for(
                    procedure=pv.procedure, agency=row.receiving_agency, channel=row.channel, moment=now
                )
                if row.parent_id is None
                else None
            )
            if lane is not None:
                kind, amount, express = deadlines.WORKING_MINUTES, lane.working_minutes, True
            else:
                kind, amount, express = pv.processing_time_kind, pv.processing_time_amount, False
        _start_clock(row, now=now, actor=actor, kind=kind, amount=amount, express=express)
        if row.parent_id is not None:
            return {"due_at": row.due_at, "parent": dossier.code, **documents_at_receipt(row)}
        return {
            "due_at": row.due_at,
            "express": row.is_express,
            "home": row.home_service,
            "note": nfc(note or ""),
            **documents_at_receipt(row),
        }

    _change_with_children(
        dossier,
        receive,
        kind=EventKind.RECEIVED,
        actor=actor,
        at=now,
        fields=_RECEIPT_FIELDS,
        related=("procedure_version", "competent_agency", "receiving_agency"),
        agency_id=lambda row: row.receiving_agency_id,
    )
    return dossier
