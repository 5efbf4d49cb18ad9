"""Processing: assignment, hand-overs between steps and agencies, supplements (the apology: apology.py)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q

from motcua.accounts.models import Role, User
from motcua.catalog.models import SupplementPolicy
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.core.text import nfc
from motcua.deadlines import selectors as deadlines
from motcua.organization.models import Agency

from .. import scope, workflow
from ..models import Dossier, EventKind, PauseInterval, Status, Step
from ..workflow import Action
from .common import _begin, _change, _items, _required_text
from .receipt import _amount, _plan_steps


def _user(user_id: int | str | None) -> User | None:
    if user_id in (None, ""):
        return None
    found = User.objects.filter(
        Q(pk=int(user_id)) if str(user_id).isascii() and str(user_id).isdigit() else Q(username=user_id),
        is_active=True,
    ).first()
    if found is None:
        raise ValidationFailed(
            "Không tìm thấy cán bộ.",
            "No such officer.",
            code="user_not_found",
            details={"to_user": [str(user_id)]},
        )
    return found


def _ensure_can_handle(user: User, step: Step) -> None:
    grants = workflow.grants_of(user)
    if not any(grants.has(role, step.agency_id) for role in {step.role, Role.SPECIALIST, Role.LEADER}):
        raise ValidationFailed(
            "Cán bộ được chọn không xử lý được bước này tại cơ quan này.",
            "The chosen officer cannot handle this step at this agency.",
            code="assignee_not_eligible",
        )


def _ensure_can_resolve(user: User, dossier: Dossier) -> None:
    """After the last step the dossier waits at the competent agency for its result: whoever is named then
    must be able to approve it (the rule of the resolve action)."""
    if not workflow.may_act(dossier, Action.RESOLVE, user):
        raise ValidationFailed(
            "Sau bước cuối cùng, hồ sơ chờ lãnh đạo cơ quan có thẩm quyền phê duyệt: chỉ chọn được lãnh đạo "
            "của cơ quan đó.",
            "After the last step the dossier waits for approval by a leader of the competent agency: only such "
            "a leader can be chosen.",
            code="assignee_not_eligible",
            details={"to_user": [str(user.pk)]},
        )


@transaction.atomic
def dossier_assign(*, code: str, actor: User, version: int, to_user: int | str) -> Dossier:
    dossier = _begin(code=code, action=Action.ASSIGN, actor=actor, version=version)
    step = dossier.current_step  # the workflow's guard: there is one
    assignee = _user(to_user)
    _ensure_can_handle(assignee, step)
    step.assignee = assignee
    step.save(update_fields=["assignee"])
    dossier.assignee = assignee
    before, now = dossier.status, clock.now()
    _change(
        dossier,
        kind=EventKind.ASSIGNED,
        actor=actor,
        at=now,
        from_status=before,
        fields=["assignee"],
        payload={"step": step.order, "to_user": assignee.pk},
    )
    return dossier


def _advance(
    *, code: str, action: str, actor: User, version: int, outcome: str, to_user: int | str | None
) -> Dossier:
    dossier = _begin(code=code, action=action, actor=actor, version=version)
    # The workflow's guards: there is a current step, and a following one when forwarding.
    step = dossier.current_step
    following = dossier.steps.filter(order__gt=step.order).order_by("order").first()
    now, before = clock.now(), dossier.status
    assignee = _user(to_user)
    if assignee is not None:  # checked before anything changes
        if following is not None:
            _ensure_can_handle(assignee, following)
        else:
            _ensure_can_resolve(assignee, dossier)
    step.finished_at, step.outcome = now, nfc(outcome or "") or "done"
    step.assignee = step.assignee or actor
    step.save(update_fields=["finished_at", "outcome", "assignee"])
    if following is not None:
        following.started_at, following.assignee = now, assignee
        following.save(update_fields=["started_at", "assignee"])
        dossier.current_step, dossier.current_agency_id = following, following.agency_id
    else:
        dossier.current_step, dossier.current_agency_id = None, dossier.competent_agency_id
    dossier.assignee = assignee
    dossier.status = Status.IN_PROGRESS
    scope.include(dossiers=[dossier])  # the agency it moves to sees it (already so for a planned step's)
    payload = {
        "step": step.order,
        "step_name": step.name,
        "outcome": step.outcome,
        "from_agency": step.agency_id,
        "to_step": following.order if following else None,
        "to_agency": following.agency_id if following else None,
        "to_user": assignee.pk if assignee else None,
    }
    kind = EventKind.FORWARDED if action == Action.FORWARD else EventKind.STEP_COMPLETED
    _change(
        dossier,
        kind=kind,
        actor=actor,
        at=now,
        from_status=before,
        fields=["current_step", "current_agency", "assignee"],
        payload=payload,
        agency_id=step.agency_id,
    )
    return dossier


@transaction.atomic
def dossier_complete_step(
    *, code: str, actor: User, version: int, outcome: str = "", to_user: int | str | None = None
) -> Dossier:
    """Finish the current step; the next one (if any) starts now, possibly at another agency."""
    return _advance(
        code=code, action=Action.COMPLETE_STEP, actor=actor, version=version, outcome=outcome, to_user=to_user
    )


@transaction.atomic
def dossier_forward(
    *, code: str, actor: User, version: int, outcome: str = "", to_user: int | str | None = None
) -> Dossier:
    """Hand the dossier over to the next step (and officer): a hand-over on the process-control slip."""
    return _advance(
        code=code, action=Action.FORWARD, actor=actor, version=version, outcome=outcome, to_user=to_user
    )


@transaction.atomic
def dossier_request_supplement(
    *, code: str, actor: User, version: int, reason: str, items: list[str] | None = None
) -> Dossier:
    """A written request listing everything needed, once per agency; the clock pauses."""
    dossier = _begin(code=code, action=Action.REQUEST_SUPPLEMENT, actor=actor, version=version)
    reason = _required_text(
        reason, "reason", "Nêu rõ lý do yêu cầu bổ sung.", "Give the reason for the request."
    )
    items = _items(items)
    if not items:
        raise ValidationFailed(
            "Liệt kê đầy đủ giấy tờ cần bổ sung.",
            "List everything that is needed.",
            code="required",
            details={"items": ["required"]},
        )
    now, before = clock.now(), dossier.status
    PauseInterval.objects.create(
        dossier=dossier,
        agency_id=dossier.current_agency_id,
        started_at=now,
        reason=reason,
        items=items,
        requested_by=actor,
    )
    dossier.status = Status.AWAITING_SUPPLEMENT
    dossier.missing_items = items
    _change(
        dossier,
        kind=EventKind.SUPPLEMENT_REQUESTED,
        actor=actor,
        at=now,
        from_status=before,
        fields=["missing_items"],
        payload={"reason": reason, "items": items},
    )
    return dossier


def _shift(moment: datetime | None, minutes: int, agency: Agency) -> datetime | None:
    if moment is None or minutes <= 0:
        return moment
    return deadlines.due_moment(start=moment, kind=deadlines.WORKING_MINUTES, amount=minutes, agency=agency)


@transaction.atomic
def dossier_supplement(*, code: str, actor: User, version: int, note: str = "") -> Dossier:
    """The applicant supplements: the pause ends; the clock resumes (due moments move by the paused working
    time) or restarts from now, as the procedure says."""
    dossier = _begin(code=code, action=Action.SUPPLEMENT, actor=actor, version=version)
    now, before = clock.now(), dossier.status
    pause = PauseInterval.objects.select_for_update().get(dossier=dossier, ended_at__isnull=True)
    pause.ended_at = now
    pause.save(update_fields=["ended_at"])
    agency = dossier.competent_agency
    policy = dossier.procedure_version.supplement_policy
    open_steps = list(dossier.steps.filter(finished_at__isnull=True).order_by("order"))
    if policy == SupplementPolicy.RESTART:
        calendar = deadlines.calendar_for(agency=agency)
        dossier.started_at = deadlines.effective_start_for(moment=now, calendar=calendar)
        dossier.due_at = deadlines.due_moment(
            start=now,
            kind=dossier.time_kind,
            amount=_amount(dossier.time_amount, dossier.time_kind),
            calendar=calendar,
        )
        _plan_steps(dossier, start=now, steps=open_steps, calendar=calendar)
        paused = None
    else:
        # Only the paused time before the due moment gives time back: a late dossier stays late.
        paused = deadlines.working_minutes_elapsed(
            start=pause.started_at, end=min(now, max(dossier.due_at, pause.started_at)), agency=agency
        )
        dossier.due_at = _shift(dossier.due_at, paused, agency)
        dossier.rescheduled_due_at = _shift(dossier.rescheduled_due_at, paused, agency)
        for step in open_steps:
            step.due_at = _shift(step.due_at, paused, agency)
    Step.objects.bulk_update(open_steps, ["due_at"])
    dossier.status = Status.IN_PROGRESS
    dossier.missing_items = []
    payload = {
        "policy": policy,
        "paused_working_minutes": paused,
        "due_at": dossier.due_at,
        "note": nfc(note or ""),
    }
    _change(
        dossier,
        kind=EventKind.SUPPLEMENTED,
        actor=actor,
        at=now,
        from_status=before,
        fields=["due_at", "rescheduled_due_at", "started_at", "missing_items"],
        payload=payload,
    )
    return dossier
