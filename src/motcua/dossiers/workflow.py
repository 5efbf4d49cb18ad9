"""The dossier state machine: which action is possible from which state, who may take it, and what the dossier
must hold for it (the guards of guards.py).

A move the state does not allow is a conflict (409, `ActionNotAllowed`); an actor whose role may never take the
action on this dossier is refused (403, `PermissionDenied`). The role is checked first, so a citizen asking to
"receive" learns that they may not, whatever the state; then the state; then the guards (409 with their own
code: `steps_remaining`, `no_next_step`, `apology_too_late`, ...).

One source of truth: the services call `ensure_allowed` and `allowed_actions` calls the same `refusal`, so an
action offered to a client succeeds with valid input and one not offered is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import models

from motcua.accounts.models import Role, User
from motcua.accounts.selectors import active_grants
from motcua.core import clock
from motcua.core.errors import ActionNotAllowed, ApplicationError, PermissionDenied
from motcua.deadlines import selectors as deadlines
from motcua.documents.models import Source

from . import guards
from .models import TERMINAL_STATUSES, Dossier, FeeStatus, Status


class Action(models.TextChoices):
    SUBMIT = "submit", "Nộp hồ sơ"
    RECEIVE = "receive", "Tiếp nhận"
    REQUEST_COMPLETION = "request_completion", "Hướng dẫn bổ sung, hoàn thiện"
    REFUSE = "refuse", "Từ chối tiếp nhận"
    ASSIGN = "assign", "Phân công"
    FORWARD = "forward", "Chuyển bước tiếp theo"
    COMPLETE_STEP = "complete_step", "Hoàn thành bước"
    REQUEST_SUPPLEMENT = "request_supplement", "Yêu cầu bổ sung"
    SUPPLEMENT = "supplement", "Bổ sung hồ sơ"
    APOLOGIZE = "apologize", "Xin lỗi và hẹn lại"
    PROPOSE_APOLOGY = "propose_apology", "Đề xuất xin lỗi và hẹn lại"
    APPROVE_APOLOGY = "approve_apology", "Duyệt đề xuất xin lỗi và hẹn lại"
    REJECT_APOLOGY = "reject_apology", "Không duyệt đề xuất xin lỗi"
    RESOLVE = "resolve", "Giải quyết"
    RETURN = "return", "Trả kết quả"
    STOP = "stop", "Dừng giải quyết"
    WITHDRAW = "withdraw", "Rút hồ sơ"


S = Status
PROCESSING = frozenset({S.RECEIVED, S.IN_PROGRESS})
RUNNING_OR_PAUSED = PROCESSING | {S.AWAITING_SUPPLEMENT}

# From which states each action may be taken.
FROM_STATES: dict[str, frozenset[str]] = {
    Action.SUBMIT: frozenset({S.DRAFT, S.NEEDS_COMPLETION}),
    Action.RECEIVE: frozenset({S.SUBMITTED}),
    Action.REQUEST_COMPLETION: frozenset({S.SUBMITTED}),
    Action.REFUSE: frozenset({S.SUBMITTED, S.NEEDS_COMPLETION}),
    Action.ASSIGN: PROCESSING,
    Action.FORWARD: PROCESSING,
    Action.COMPLETE_STEP: PROCESSING,
    Action.REQUEST_SUPPLEMENT: PROCESSING,
    Action.SUPPLEMENT: frozenset({S.AWAITING_SUPPLEMENT}),
    Action.APOLOGIZE: RUNNING_OR_PAUSED,
    Action.PROPOSE_APOLOGY: RUNNING_OR_PAUSED,
    Action.APPROVE_APOLOGY: RUNNING_OR_PAUSED,
    Action.REJECT_APOLOGY: RUNNING_OR_PAUSED,
    Action.RESOLVE: PROCESSING,
    Action.RETURN: frozenset({S.RESOLVED}),
    Action.STOP: RUNNING_OR_PAUSED,
    Action.WITHDRAW: frozenset({S.DRAFT, S.SUBMITTED, S.NEEDS_COMPLETION}) | RUNNING_OR_PAUSED,
}

# Actions taken on the parent of an interconnected group (intake and return) or on its children (processing).
PARENT_ONLY = frozenset(
    {Action.SUBMIT, Action.RECEIVE, Action.REQUEST_COMPLETION, Action.REFUSE, Action.RETURN, Action.WITHDRAW}
)
CHILD_ONLY = frozenset(
    {
        Action.ASSIGN,
        Action.FORWARD,
        Action.COMPLETE_STEP,
        Action.REQUEST_SUPPLEMENT,
        Action.SUPPLEMENT,
        Action.RESOLVE,
        Action.STOP,
        Action.APOLOGIZE,
        Action.PROPOSE_APOLOGY,
        Action.APPROVE_APOLOGY,
        Action.REJECT_APOLOGY,
    }
)


@dataclass(frozen=True)
class Grants:
    """The (role, agency id) pairs a user holds; agency None means system-wide."""

    pairs: frozenset[tuple[str, int | None]]

    def has(self, role: str, agency_id: int | None) -> bool:
        return (role, agency_id) in self.pairs or (role, None) in self.pairs


def grants_of(user: User) -> Grants:
    if not user.is_authenticated:
        return Grants(frozenset())
    cached = getattr(user, "_motcua_grants", None)
    if cached is None:
        cached = Grants(active_grants(user))
        user._motcua_grants = cached
    return cached


def _owner(dossier: Dossier, user: User) -> bool:
    return dossier.applicant_id is not None and dossier.applicant_id == user.pk


def _officer_at_receiving(dossier: Dossier, user: User) -> bool:
    return grants_of(user).has(Role.RECEIVING_OFFICER, dossier.receiving_agency_id)


def _owner_or_counter(dossier: Dossier, user: User) -> bool:
    # The owner acts for themselves; a dossier without an owner account (a walk-in at the counter, a postal
    # or home dossier) is acted for by the counter officer, with the applicant's recorded consent.
    if dossier.applicant_id is not None:
        return _owner(dossier, user)
    return _officer_at_receiving(dossier, user)


def _step_handler(dossier: Dossier, user: User) -> bool:
    grants = grants_of(user)
    agency = dossier.current_agency_id
    roles = {Role.SPECIALIST, Role.LEADER}
    step = dossier.current_step
    if step is not None:
        roles.add(step.role)
    return any(grants.has(role, agency) for role in roles)


def _specialist_here(dossier: Dossier, user: User) -> bool:
    grants = grants_of(user)
    return grants.has(Role.SPECIALIST, dossier.current_agency_id) or grants.has(
        Role.LEADER, dossier.current_agency_id
    )


def _leader_of_late_agency(dossier: Dossier, user: User) -> bool:
    grants = grants_of(user)
    return grants.has(Role.LEADER, dossier.current_agency_id) or grants.has(
        Role.LEADER, dossier.competent_agency_id
    )


def _officer_of_late_agency(dossier: Dossier, user: User) -> bool:
    """A specialist or leader of the agency holding the dossier, or of the competent agency: who may propose an
    apology for its leader to sign."""
    grants = grants_of(user)
    return any(
        grants.has(role, agency)
        for role in (Role.SPECIALIST, Role.LEADER)
        for agency in (dossier.current_agency_id, dossier.competent_agency_id)
    )


def _leader_of_competent(dossier: Dossier, user: User) -> bool:
    return grants_of(user).has(Role.LEADER, dossier.competent_agency_id)


WHO: dict[str, Callable[[Dossier, User], bool]] = {
    Action.SUBMIT: _owner_or_counter,
    Action.RECEIVE: _officer_at_receiving,
    Action.REQUEST_COMPLETION: _officer_at_receiving,
    Action.REFUSE: _officer_at_receiving,
    Action.ASSIGN: _specialist_here,
    Action.FORWARD: _step_handler,
    Action.COMPLETE_STEP: _step_handler,
    Action.REQUEST_SUPPLEMENT: _specialist_here,
    Action.SUPPLEMENT: _owner_or_counter,
    Action.APOLOGIZE: _leader_of_late_agency,
    Action.PROPOSE_APOLOGY: _officer_of_late_agency,
    Action.APPROVE_APOLOGY: _leader_of_late_agency,
    Action.REJECT_APOLOGY: _leader_of_late_agency,
    Action.RESOLVE: _leader_of_competent,
    Action.RETURN: _officer_at_receiving,
    Action.STOP: _leader_of_competent,
    Action.WITHDRAW: _owner_or_counter,
}


# What the dossier must hold, beyond its state, for each action (checked in this order; see guards.py).
# Only conditions on the dossier belong here: checks of the caller's input stay in the services.
GUARDS: dict[str, tuple[guards.Guard, ...]] = {
    Action.SUBMIT: (),
    Action.RECEIVE: (guards.digitized_when_outside_boundary,),
    Action.REQUEST_COMPLETION: (),
    Action.REFUSE: (),
    Action.ASSIGN: (guards.has_current_step,),
    Action.FORWARD: (guards.has_next_step,),
    Action.COMPLETE_STEP: (guards.has_current_step,),
    Action.REQUEST_SUPPLEMENT: (guards.no_supplement_yet_here,),
    Action.SUPPLEMENT: (guards.pause_to_end,),
    Action.APOLOGIZE: (guards.apology_possible,),
    # A proposal is worth making only while the apology is still possible; approving it needs the same.
    Action.PROPOSE_APOLOGY: (guards.apology_possible, guards.no_apology_proposal_pending),
    Action.APPROVE_APOLOGY: (
        guards.apology_proposal_pending,
        guards.apology_possible,
        guards.apology_proposal_in_bounds,
    ),
    Action.REJECT_APOLOGY: (guards.apology_proposal_pending,),
    Action.RESOLVE: (guards.no_step_remaining,),
    Action.RETURN: (),
    Action.STOP: (),
    Action.WITHDRAW: (),
}


def may_act(dossier: Dossier, action: str, actor: User) -> bool:
    """True if the actor's role lets them take `action` on this dossier (whatever its state)."""
    return actor.is_authenticated and WHO[action](dossier, actor)


def state_allows(dossier: Dossier, action: str) -> bool:
    if dossier.status not in FROM_STATES[action]:
        return False
    if dossier.group_id and action in CHILD_ONLY:
        return False
    return not (dossier.parent_id and action in PARENT_ONLY)


def refusal(
    dossier: Dossier, action: str, actor: User, *, now: datetime | None = None
) -> ApplicationError | None:
    """Why `actor` may not take `action` on the dossier now (role, then state, then guards), or None.

    The guards, which may read the dossier's steps, pauses or documents, run only once role and state pass.
    """
    if action not in WHO:
        return ActionNotAllowed(
            f"Thao tác không tồn tại: {action}.", f"Unknown action: {action}.", code="unknown_action"
        )
    if not may_act(dossier, action, actor):
        return PermissionDenied(
            "Vai trò của bạn không được thực hiện thao tác này với hồ sơ này.",
            "Your role may not take this action on this dossier.",
            details={"action": action},
        )
    if not state_allows(dossier, action):
        return ActionNotAllowed(details={"action": action, "status": dossier.status})
    return guards.first_refusal(GUARDS[action], dossier, now or clock.now())


def ensure_allowed(dossier: Dossier, action: str, actor: User, *, now: datetime | None = None) -> None:
    """Raise the reason `actor` may not take `action` now (403 for the role, 409 for the state or a guard)."""
    error = refusal(dossier, action, actor, now=now)
    if error is not None:
        raise error


def allowed_actions(dossier: Dossier, actor: User) -> list[str]:
    """The actions this actor can take now (for buttons and API clients), by the rules the services enforce."""
    now = clock.now()
    # The state is checked first here only because it costs nothing; `refusal` decides. The apology guards
    # share one read of the agency's calendar.
    with deadlines.calendars_kept():
        return [
            a
            for a in Action.values
            if state_allows(dossier, a) and refusal(dossier, a, actor, now=now) is None
        ]


# --- Documents: who adds which kind, and when ------------------------------------------------------------------

HANDLING_ROLES = (Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER)
# An applicant adds documents only while the dossier asks for them: before submitting it, when guided to complete
# it (form 02) and when asked for a supplement. Officers handling it add documents until it is closed.
APPLICANT_UPLOAD_STATES = frozenset({S.DRAFT, S.NEEDS_COMPLETION, S.AWAITING_SUPPLEMENT})
# What an applicant may say a file is: only a file of their own, or one of their own stored documents reused from
# the personal document store (dossier_add_document checks it is theirs). Digitized copies and results are the
# officers' (they make a dossier received regardless of boundary receivable).
APPLICANT_SOURCES = frozenset({Source.UPLOADED, Source.REUSED})


def handles(dossier: Dossier, user: User) -> bool:
    """An officer (receiving officer, specialist or leader) of the dossier's receiving, competent or current
    agency: who may digitize, attach results, and see the documents' checksums."""
    if not user.is_authenticated:
        return False
    grants = grants_of(user)
    agencies = {dossier.receiving_agency_id, dossier.competent_agency_id, dossier.current_agency_id}
    return any(
        grants.has(role, agency) for agency in agencies if agency is not None for role in HANDLING_ROLES
    )


def upload_refusal(dossier: Dossier, actor: User, source: str) -> ApplicationError | None:
    """Why `actor` may not add a document of `source` to the dossier now, or None."""
    if handles(dossier, actor):
        if dossier.status in TERMINAL_STATUSES:
            return ActionNotAllowed(
                "Hồ sơ đã kết thúc; không thể thêm giấy tờ.",
                "The dossier is closed; no documents can be added.",
                code="dossier_closed",
            )
        return None
    if not actor.is_authenticated or not _owner(dossier, actor):
        return PermissionDenied()
    if source not in APPLICANT_SOURCES:
        return PermissionDenied(
            "Chỉ cán bộ xử lý hồ sơ mới được thêm giấy tờ số hóa hoặc kết quả giải quyết.",
            "Only officers handling the dossier may add digitized copies or results.",
            details={"source": [str(source)]},
        )
    if dossier.status not in APPLICANT_UPLOAD_STATES:
        return ActionNotAllowed(
            "Hồ sơ không ở bước cần nộp giấy tờ: chỉ được tải lên khi lập hồ sơ, khi được hướng dẫn hoàn thiện "
            "hoặc khi được yêu cầu bổ sung.",
            "The dossier is not asking for documents: files can be uploaded while drafting it, when asked to "
            "complete it, or when asked for a supplement.",
            code="upload_not_open",
            details={"status": dossier.status},
        )
    return None


# --- Home service: who handles a request for a visit ------------------------------------------------------------


def handles_home_request(receiving_agency_id: int, user: User) -> bool:
    """A receiving officer of the one-stop section the request went to: schedules the visit and records the
    dossier received at home."""
    return user.is_authenticated and grants_of(user).has(Role.RECEIVING_OFFICER, receiving_agency_id)


def home_request_agencies(user: User) -> list[int] | None:
    """The agencies whose home-service requests `user` handles; None for every agency (a system-wide grant,
    as `Grants.has` reads it)."""
    if not user.is_authenticated:
        return []
    pairs = grants_of(user).pairs
    if (Role.RECEIVING_OFFICER, None) in pairs:
        return None
    return sorted({agency for role, agency in pairs if role == Role.RECEIVING_OFFICER and agency is not None})


# --- Fees: who pays, who records a payment at the counter, and when ------------------------------------------

# Fees may be paid from the draft (in the online form) until the result is handed back; a refused, stopped or
# withdrawn dossier, or one already returned, takes no payment.
PAYABLE_STATES = frozenset({S.DRAFT, S.SUBMITTED, S.NEEDS_COMPLETION}) | RUNNING_OR_PAUSED | {S.RESOLVED}
COUNTER_PAYABLE_STATES = PAYABLE_STATES - {S.DRAFT}
# Closed before any result: no fee is due any more (money arriving now is to be refunded).
NO_FEE_DUE_STATES = frozenset({S.WITHDRAWN, S.REFUSED, S.STOPPED})


def fee_refusal(dossier: Dossier) -> ApplicationError | None:
    """Why the dossier's fees cannot be paid now (by anyone, any way), or None."""
    if not dossier.fee_total or dossier.fee_status == FeeStatus.NONE:
        return ActionNotAllowed(
            "Hồ sơ này không phải nộp phí, lệ phí.", "This dossier has no fee to pay.", code="no_fee"
        )
    if dossier.fee_status != FeeStatus.UNPAID:
        return ActionNotAllowed(
            "Phí, lệ phí của hồ sơ này đã được nộp.",
            "The fees of this dossier have already been paid.",
            code="already_paid",
            details={"fee_status": dossier.fee_status},
        )
    return None


def online_payment_refusal(dossier: Dossier, actor: User) -> ApplicationError | None:
    """Why `actor` may not pay the dossier's fees online now, or None. Only the owner pays online; callers
    answer anyone else 'not found' (see motcua.payments.services)."""
    if not actor.is_authenticated or not _owner(dossier, actor):
        return PermissionDenied()
    if dossier.status not in PAYABLE_STATES:
        return ActionNotAllowed(
            "Hồ sơ ở trạng thái này không nhận thanh toán.",
            "The dossier takes no payment in its current state.",
            code="payment_not_open",
            details={"status": dossier.status},
        )
    return fee_refusal(dossier)


def counter_payment_refusal(dossier: Dossier, actor: User) -> ApplicationError | None:
    """Why `actor` may not record a cash payment at the counter now, or None: receiving officers of the
    dossier's receiving agency, once the dossier has been sent."""
    if not actor.is_authenticated or not _officer_at_receiving(dossier, actor):
        return PermissionDenied(
            "Chỉ cán bộ bộ phận một cửa nơi tiếp nhận hồ sơ được ghi nhận nộp phí tại quầy.",
            "Only receiving officers of the dossier's receiving agency may record a payment at the counter.",
        )
    if dossier.status not in COUNTER_PAYABLE_STATES:
        return ActionNotAllowed(
            "Hồ sơ ở trạng thái này không nhận thanh toán.",
            "The dossier takes no payment in its current state.",
            code="payment_not_open",
            details={"status": dossier.status},
        )
    return fee_refusal(dossier)
