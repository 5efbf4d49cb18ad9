"""Closing: the result (resolve), its return, stop handling and withdrawal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.core.text import nfc
from motcua.documents.models import DocumentRecord, Source
from motcua.documents.services import files_removed_on_error
from motcua.documents.store import personal_documents_from_results

from ..models import (
    INTAKE_STATUSES,
    OPEN_STATUSES,
    SETTLED_STATUSES,
    Dossier,
    EventKind,
    Outcome,
    Status,
    Step,
)
from ..workflow import Action
from .common import _begin, _change, _change_with_children, _close, _reasons


@files_removed_on_error()  # the copies stored for the applicant go with a rollback
@transaction.atomic
def dossier_resolve(*, code: str, actor: User, version: int, outcome: str, reasons: str = "") -> Dossier:
    """The result: approved (a result document must be in the dossier) or denied with reasons. An approved
    dossier's signed results go into its applicant's personal document store, in this transaction."""
    dossier = _begin(code=code, action=Action.RESOLVE, actor=actor, version=version)
    if outcome not in Outcome.values:
        raise ValidationFailed(
            "Chọn kết quả giải quyết.",
            "Choose the outcome.",
            code="invalid_outcome",
            details={"outcome": [str(outcome)]},
        )
    # Steps other than the current one left undone refuse both outcomes: the workflow's guard.
    payload: dict[str, Any] = {"outcome": outcome}
    if outcome == Outcome.DENIED:
        reasons = _reasons(reasons)
    else:
        results = DocumentRecord.objects.filter(dossier=dossier, source=Source.ISSUED_RESULT)
        if not results.exists():
            raise ValidationFailed(
                "Cần tải lên văn bản kết quả trước khi phê duyệt.",
                "Upload the result document before approving.",
                code="result_document_required",
            )
        reasons = nfc(reasons or "")
        # Issued electronically: a signed result document (the digitization indicators count it).
        payload["electronic_result"] = results.filter(signed=True).exists()
    now, before = clock.now(), dossier.status
    # The step being decided ends, credited to whoever decides it when nobody was assigned (the scorecard).
    Step.objects.filter(dossier=dossier, started_at__isnull=False, finished_at__isnull=True).update(
        finished_at=now, outcome=outcome, assignee_id=Coalesce(F("assignee_id"), actor.pk)
    )
    dossier.status, dossier.outcome, dossier.reasons, dossier.resolved_at = (
        Status.RESOLVED,
        outcome,
        reasons,
        now,
    )
    dossier.current_step, dossier.assignee, dossier.current_agency_id = (
        None,
        None,
        dossier.receiving_agency_id,
    )
    _change(
        dossier,
        kind=EventKind.RESOLVED,
        actor=actor,
        at=now,
        from_status=before,
        fields=["outcome", "reasons", "resolved_at", "current_step", "assignee", "current_agency"],
        # The fee status at the result: what the indicators count as paid online (see indicators.counting).
        payload={**payload, "reasons": reasons, "fee_status": dossier.fee_status},
        agency_id=dossier.competent_agency_id,
    )
    if outcome == Outcome.APPROVED:
        _store_results(dossier)
    _settle_parent(dossier, actor=actor, now=now)
    return dossier


def _store_results(dossier: Dossier) -> None:
    """The signed (verified) results of an approved dossier, copied into its applicant account's store."""
    if dossier.applicant_id is None:
        return
    version = dossier.procedure_version
    records = DocumentRecord.objects.filter(dossier=dossier, source=Source.ISSUED_RESULT, signed=True)
    personal_documents_from_results(
        owner_id=dossier.applicant_id,
        records=records,
        dossier_code=dossier.code,
        title=(version.result_name or version.name) if version else dossier.code,
        issuer=dossier.competent_agency.name,
    )


def _settle_parent(child: Dossier, *, actor: User, now: datetime) -> None:
    """A group's parent is resolved when none of its children is still being handled."""
    if child.parent_id is None:
        return
    parent = Dossier.objects.select_for_update().get(pk=child.parent_id)
    if parent.status not in OPEN_STATUSES:
        return
    children = list(Dossier.objects.filter(parent=parent).values_list("status", "outcome"))
    if any(status not in SETTLED_STATUSES for status, _ in children):
        return
    approved = all(outcome == Outcome.APPROVED for status, outcome in children if status == Status.RESOLVED)
    before = parent.status
    parent.status, parent.resolved_at = Status.RESOLVED, now
    parent.outcome = (
        Outcome.APPROVED if approved and any(s == Status.RESOLVED for s, _ in children) else Outcome.DENIED
    )
    _change(
        parent,
        kind=EventKind.RESOLVED,
        actor=actor,
        at=now,
        from_status=before,
        fields=["outcome", "resolved_at"],
        payload={"outcome": parent.outcome, "children": len(children)},
    )


@transaction.atomic
def dossier_return(*, code: str, actor: User, version: int, note: str = "") -> Dossier:
    """The result is handed back (a group's results together)."""
    dossier = _begin(code=code, action=Action.RETURN, actor=actor, version=version)
    now = clock.now()

    def hand_back(row: Dossier) -> dict[str, Any]:
        row.status, row.returned_at, row.closed_at = Status.RETURNED, now, now
        if row is dossier:
            return {"note": nfc(note or ""), "home": dossier.home_service}
        return {"parent": dossier.code}

    _change_with_children(  # a group's children with a result (not the stopped or withdrawn ones)
        dossier,
        hand_back,
        kind=EventKind.RETURNED,
        actor=actor,
        at=now,
        fields=["returned_at", "closed_at"],
        children_in=[Status.RESOLVED],
    )
    return dossier


_TERMINATED_FIELDS = ["reasons", "closed_at", "current_step", "assignee"]


def _terminate(dossier: Dossier, *, status: str, reasons: str, now: datetime) -> None:
    """Close a dossier for good (stopped or withdrawn): no current step, nobody assigned."""
    _close(dossier, status=status, reasons=reasons, now=now)
    dossier.current_step, dossier.assignee = None, None


@transaction.atomic
def dossier_stop(*, code: str, actor: User, version: int, reasons: str) -> Dossier:
    """Stop handling (form 05), with reasons. Terminal."""
    dossier = _begin(code=code, action=Action.STOP, actor=actor, version=version)
    reasons, before, now = _reasons(reasons), dossier.status, clock.now()
    _terminate(dossier, status=Status.STOPPED, reasons=reasons, now=now)
    _change(
        dossier,
        kind=EventKind.STOPPED,
        actor=actor,
        at=now,
        from_status=before,
        fields=_TERMINATED_FIELDS,
        payload={"reasons": reasons},
    )
    _settle_parent(dossier, actor=actor, now=now)
    return dossier


@transaction.atomic
def dossier_withdraw(*, code: str, actor: User, version: int, reasons: str) -> Dossier:
    """The applicant withdraws the dossier before its result, with reasons. Terminal. A group's children still
    being handled are withdrawn with it; those with a result, stopped or closed stay as they are."""
    dossier = _begin(code=code, action=Action.WITHDRAW, actor=actor, version=version)
    reasons, now = _reasons(reasons), clock.now()

    def withdraw(row: Dossier) -> dict[str, Any]:
        _terminate(row, status=Status.WITHDRAWN, reasons=reasons, now=now)
        return {"reasons": reasons} if row is dossier else {"parent": dossier.code}

    _change_with_children(
        dossier,
        withdraw,
        kind=EventKind.WITHDRAWN,
        actor=actor,
        at=now,
        fields=_TERMINATED_FIELDS,
        children_in=(*INTAKE_STATUSES, *OPEN_STATUSES),
    )
    return dossier
