"""Apology and new appointment (form 04): given by a leader of the late agency directly, or proposed by one of its
specialists and approved (or rejected) by such a leader.

The rules are the workflow's (who, from which state, the guards: at most once per dossier, at least one working
day before the due moment, one proposal waiting at a time); the new appointment is checked here, the same way
for a proposal, its approval and a direct apology. Indicators keep judging against the legal due moment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.text import nfc

from ..apology_rules import APOLOGY_ABSOLUTE_LIMIT, check_new_appointment, latest_new_appointment
from ..models import ApologyProposal, Dossier, EventKind, ProposalStatus
from ..workflow import Action
from .common import _begin, _change, _required_text

__all__ = [
    "APOLOGY_ABSOLUTE_LIMIT",
    "dossier_apologize",
    "dossier_approve_apology",
    "dossier_propose_apology",
    "dossier_reject_apology",
    "latest_new_appointment",
]


def _reason(reason: str | None) -> str:
    return _required_text(reason, "reason", "Nêu rõ lý do chậm.", "Give the reason for the delay.")


def _apologized(
    dossier: Dossier, *, actor: User, reason: str, new_due_at: datetime, extra: dict[str, Any] | None = None
) -> Dossier:
    """Record the apology (the event that issues form 04, signed by `actor`) on a dossier locked by `_begin`."""
    now, before = clock.now(), dossier.status
    dossier.rescheduled_due_at = new_due_at
    payload = {"reason": reason, "new_due_at": new_due_at, "due_at": dossier.due_at, "signed_by": actor.pk}
    _change(
        dossier,
        kind=EventKind.APOLOGIZED,
        actor=actor,
        at=now,
        from_status=before,
        fields=["rescheduled_due_at"],
        payload={**payload, **(extra or {})},
    )
    return dossier


def _pending(dossier: Dossier) -> ApologyProposal:
    """The waiting proposal, locked (the workflow's guard says there is one)."""
    return ApologyProposal.objects.select_for_update().get(dossier=dossier, status=ProposalStatus.PENDING)


def _decide(proposal: ApologyProposal, *, status: str, actor: User, note: str) -> None:
    proposal.status, proposal.decided_by, proposal.decided_at = status, actor, clock.now()
    proposal.decision_note = note
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


@transaction.atomic
def dossier_apologize(*, code: str, actor: User, version: int, reason: str, new_due_at: datetime) -> Dossier:
    """Apology and new appointment (form 04), signed by a leader of the late agency, at least one working day
    before the due moment, at most once (the workflow's guard, with the competent agency's calendar). The legal
    due moment is kept: indicators judge against it. A proposal still waiting is settled by it."""
    dossier = _begin(code=code, action=Action.APOLOGIZE, actor=actor, version=version)
    reason = _reason(reason)
    check_new_appointment(dossier, new_due_at)
    superseded = ApologyProposal.objects.filter(dossier=dossier, status=ProposalStatus.PENDING).first()
    if superseded is not None:
        _decide(superseded, status=ProposalStatus.SUPERSEDED, actor=actor, note="")
    return _apologized(dossier, actor=actor, reason=reason, new_due_at=new_due_at)


@transaction.atomic
def dossier_propose_apology(
    *, code: str, actor: User, version: int, reason: str, new_due_at: datetime
) -> Dossier:
    """A specialist (or leader) of the late agency proposes the apology and new appointment; a leader of that
    agency approves or rejects it. Checked as the apology itself would be, so an approval can go through."""
    dossier = _begin(code=code, action=Action.PROPOSE_APOLOGY, actor=actor, version=version)
    reason = _reason(reason)
    check_new_appointment(dossier, new_due_at)
    now, before = clock.now(), dossier.status
    proposal = ApologyProposal.objects.create(
        dossier=dossier,
        agency_id=dossier.current_agency_id,
        reason=reason,
        new_due_at=new_due_at,
        proposed_by=actor,
        proposed_at=now,
    )
    _change(
        dossier,
        kind=EventKind.APOLOGY_PROPOSED,
        actor=actor,
        at=now,
        from_status=before,
        fields=[],
        payload={
            "proposal": proposal.pk,
            "reason": reason,
            "new_due_at": new_due_at,
            "due_at": dossier.due_at,
        },
    )
    return dossier


@transaction.atomic
def dossier_approve_apology(*, code: str, actor: User, version: int, note: str = "") -> Dossier:
    """The leader approves the waiting proposal: the apology is given with its reason and new appointment, signed
    by the leader (form 04)."""
    dossier = _begin(code=code, action=Action.APPROVE_APOLOGY, actor=actor, version=version)
    proposal = _pending(dossier)
    # The due moment may have moved since (a supplement gives time back): the appointment is checked again.
    check_new_appointment(dossier, proposal.new_due_at)
    _decide(proposal, status=ProposalStatus.APPROVED, actor=actor, note=nfc(note or ""))
    return _apologized(
        dossier,
        actor=actor,
        reason=proposal.reason,
        new_due_at=proposal.new_due_at,
        extra={"proposal": proposal.pk, "proposed_by": proposal.proposed_by_id},
    )


@transaction.atomic
def dossier_reject_apology(*, code: str, actor: User, version: int, note: str) -> Dossier:
    """The leader rejects the waiting proposal, saying why; a new proposal may follow."""
    dossier = _begin(code=code, action=Action.REJECT_APOLOGY, actor=actor, version=version)
    note = _required_text(
        note, "note", "Nêu lý do không duyệt đề xuất.", "Give the reason for rejecting the proposal."
    )
    proposal = _pending(dossier)
    _decide(proposal, status=ProposalStatus.REJECTED, actor=actor, note=note)
    now, before = clock.now(), dossier.status
    _change(
        dossier,
        kind=EventKind.APOLOGY_REJECTED,
        actor=actor,
        at=now,
        from_status=before,
        fields=[],
        payload={"proposal": proposal.pk, "note": note, "proposed_by": proposal.proposed_by_id},
    )
    return dossier
