"""What the dossier itself must hold for an action to be possible, beyond who acts and from which state.

Each guard looks at one dossier (locked, in a service; as loaded for a detail, in `allowed_actions`) and
answers None when the action may go ahead, or the error the service raises. workflow.py runs them after the
role and state checks, for services and for `allowed_actions` alike, so an action offered to a client is one
its service accepts with valid input. Checks of the caller's input (a missing reason, an invalid outcome, an
assignee who cannot handle the step) stay in the services.

Related sets are read through `.all()`: a dossier loaded for its detail holds them already (no query); a
locked dossier in a service reads each once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime

from motcua.catalog.models import RequiredDocument
from motcua.core import clock
from motcua.core.errors import ActionNotAllowed, ApplicationError, ValidationFailed
from motcua.deadlines import calendar as working_time
from motcua.deadlines import selectors as deadlines

from .apology_rules import check_new_appointment
from .errors import ApologyNotAllowed, DigitizationRequired, SupplementAlreadyRequested
from .models import ApologyProposal, Dossier, ProposalStatus, Step

Guard = Callable[[Dossier, datetime], ApplicationError | None]


def missing_required_documents(
    dossier: Dossier, *, digitized_only: bool = False, held_on_paper: Collection[str] = ()
) -> list[RequiredDocument]:
    """The mandatory components with no document (digitized, when asked) in the dossier; a group's parent
    answers for its children. Components whose paper the counter has in hand (`held_on_paper`, by code) are
    not missing."""
    dossiers = [dossier] if dossier.procedure_version_id else list(dossier.children.all())
    missing: list[RequiredDocument] = []
    for d in dossiers:
        present = {doc.component_code for doc in d.documents.all() if doc.digitized or not digitized_only}
        present.update(held_on_paper)
        for required in d.procedure_version.documents.filter(mandatory=True):
            if required.code not in present:
                missing.append(required)
    return missing


def missing_components(
    dossier: Dossier, *, digitized_only: bool = False, held_on_paper: Collection[str] = ()
) -> list[str]:
    """Names of the mandatory components with no document (see `missing_required_documents`)."""
    return [
        required.name
        for required in missing_required_documents(
            dossier, digitized_only=digitized_only, held_on_paper=held_on_paper
        )
    ]


def _steps(dossier: Dossier) -> list[Step]:
    return sorted(dossier.steps.all(), key=lambda step: step.order)


def _no_current_step() -> ActionNotAllowed:
    return ActionNotAllowed(
        "Hồ sơ không có bước đang xử lý.", "The dossier has no step in progress.", code="no_current_step"
    )


def digitized_when_outside_boundary(dossier: Dossier, now: datetime) -> ApplicationError | None:
    """A dossier received regardless of boundary is received only with its mandatory components digitized."""
    if not dossier.outside_boundary:
        return None
    missing = missing_components(dossier, digitized_only=True)
    return DigitizationRequired(details={"missing": missing}) if missing else None


def has_current_step(dossier: Dossier, now: datetime) -> ApplicationError | None:
    return None if dossier.current_step_id is not None else _no_current_step()


def has_next_step(dossier: Dossier, now: datetime) -> ApplicationError | None:
    """Forwarding hands the dossier to the next step: the current one must not be the last."""
    if dossier.current_step_id is None:
        return _no_current_step()
    steps = _steps(dossier)
    current = next((s for s in steps if s.pk == dossier.current_step_id), None)
    if current is not None and any(s.order > current.order for s in steps):
        return None
    return ActionNotAllowed(
        "Đây là bước cuối cùng; không có bước để chuyển.",
        "This is the last step; nothing to forward to.",
        code="no_next_step",
    )


def no_supplement_yet_here(dossier: Dossier, now: datetime) -> ApplicationError | None:
    """A supplement is requested at most once per agency (DOMAIN.md §3.3)."""
    if any(p.agency_id == dossier.current_agency_id for p in dossier.pauses.all()):
        return SupplementAlreadyRequested(details={"agency": dossier.current_agency_id})
    return None


def pause_to_end(dossier: Dossier, now: datetime) -> ApplicationError | None:
    """Supplementing ends the pause the request started."""
    if any(p.ended_at is None for p in dossier.pauses.all()):
        return None
    return ActionNotAllowed(
        "Hồ sơ không có yêu cầu bổ sung đang chờ.",
        "The dossier has no supplement request waiting.",
        code="no_open_pause",
    )


def apology_possible(dossier: Dossier, now: datetime) -> ApplicationError | None:
    """At most once per dossier, and at least one working day before the due moment, counted with the competent
    agency's calendar: the one the due moment was set (and moved) with."""
    if dossier.rescheduled_due_at is not None:
        return ApologyNotAllowed(
            "Hồ sơ đã có thư xin lỗi và hẹn lại; chỉ được một lần.",
            "The dossier already has an apology; only one is allowed.",
            code="apology_already_given",
        )
    calendar = deadlines.calendar_for(agency=dossier.competent_agency)
    left = working_time.working_minutes_between(calendar, now, dossier.due_at)
    if left < calendar.minutes_per_day():
        return ApologyNotAllowed(
            "Thư xin lỗi phải gửi chậm nhất một ngày làm việc trước hạn trả kết quả.",
            "An apology must be issued at least one working day before the due moment.",
            code="apology_too_late",
            details={"due_at": dossier.due_at.isoformat(), "working_minutes_left": left},
        )
    return None


def pending_apology_proposal(dossier: Dossier) -> ApologyProposal | None:
    """The proposal waiting for a leader, if any (read through `.all()`: see the module's note)."""
    return next((p for p in dossier.apology_proposals.all() if p.status == ProposalStatus.PENDING), None)


def no_apology_proposal_pending(dossier: Dossier, now: datetime) -> ApplicationError | None:
    """One proposal waits at a time: the leader decides on it before another is made."""
    if pending_apology_proposal(dossier) is None:
        return None
    return ApologyNotAllowed(
        "Hồ sơ đã có đề xuất xin lỗi đang chờ lãnh đạo duyệt.",
        "An apology proposal is already waiting for the leader.",
        code="apology_proposal_pending",
    )


def apology_proposal_pending(dossier: Dossier, now: datetime) -> ApplicationError | None:
    if pending_apology_proposal(dossier) is not None:
        return None
    return ActionNotAllowed(
        "Hồ sơ không có đề xuất xin lỗi đang chờ duyệt.",
        "The dossier has no apology proposal waiting.",
        code="no_apology_proposal",
    )


def apology_proposal_in_bounds(dossier: Dossier, now: datetime) -> ApplicationError | None:
    """The waiting proposal's new appointment still lies after the due moment and within the extension (a
    supplement may have moved the due moment since it was made): else it can only be rejected."""
    proposal = pending_apology_proposal(dossier)
    if proposal is None:
        return None
    try:
        check_new_appointment(dossier, proposal.new_due_at)
    except ValidationFailed as error:
        return ApologyNotAllowed(
            "Ngày hẹn mới được đề xuất không còn hợp lệ với hạn hiện tại; hãy không duyệt để đề xuất lại.",
            "The proposed new appointment no longer fits the current due moment; reject it so that a new one "
            "can be proposed.",
            code="apology_proposal_outdated",
            details=error.details,
        )
    return None


def no_step_remaining(dossier: Dossier, now: datetime) -> ApplicationError | None:
    """The result is decided at the last step: every other step is finished (the specialist's work is forwarded
    first), whether the outcome is an approval or a denial."""
    if any(s.finished_at is None and s.pk != dossier.current_step_id for s in dossier.steps.all()):
        return ActionNotAllowed(
            "Còn bước xử lý chưa hoàn thành.", "Some steps are not finished.", code="steps_remaining"
        )
    return None


def first_refusal(
    guards: tuple[Guard, ...], dossier: Dossier, now: datetime | None = None
) -> ApplicationError | None:
    """The first guard's refusal, or None when every guard lets the action go ahead."""
    moment = now or clock.now()
    for guard in guards:
        error = guard(dossier, moment)
        if error is not None:
            return error
    return None
