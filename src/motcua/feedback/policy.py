"""Who may do what with a feedback, and from which state: the one source that the services enforce and that
`allowed_actions` offers (buttons, API clients).

The role is checked first (403), then the state (409), as for dossiers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from motcua.accounts.models import Role, User
from motcua.core.errors import ApplicationError, PermissionDenied
from motcua.dossiers.workflow import grants_of

from .errors import FeedbackActionNotAllowed
from .models import OPEN_STATUSES, Feedback, Status


class Action(models.TextChoices):
    DRAFT_ANSWER = "draft_answer", "Dự thảo trả lời"
    SEND_BACK = "send_back", "Trả lại dự thảo để sửa"
    APPROVE = "approve", "Duyệt trả lời"
    PUBLISH = "publish", "Công khai trả lời"
    RATE = "rate", "Đánh giá câu trả lời"


# Officers of the routed agency who see its inbox; inspectors and administrators read every feedback.
INBOX_ROLES = frozenset({Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER})
READ_ALL_ROLES = frozenset({Role.INSPECTOR, Role.ADMINISTRATOR})


def _specialist_or_leader(feedback: Feedback, user: User) -> bool:
    grants = grants_of(user)
    return grants.has(Role.SPECIALIST, feedback.agency_id) or grants.has(Role.LEADER, feedback.agency_id)


def _leader(feedback: Feedback, user: User) -> bool:
    return grants_of(user).has(Role.LEADER, feedback.agency_id)


def _author(feedback: Feedback, user: User) -> bool:
    return feedback.author_id == user.pk


WHO: dict[str, Callable[[Feedback, User], bool]] = {
    Action.DRAFT_ANSWER: _specialist_or_leader,
    Action.SEND_BACK: _leader,
    Action.APPROVE: _leader,
    Action.PUBLISH: _leader,
    Action.RATE: _author,
}


def _state_allows(feedback: Feedback, action: str) -> bool:
    if action == Action.DRAFT_ANSWER:
        return feedback.status in OPEN_STATUSES
    if action in (Action.APPROVE, Action.SEND_BACK):
        return feedback.status == Status.ANSWER_DRAFTED
    if action == Action.PUBLISH:
        return feedback.status in (Status.ANSWERED, Status.CLOSED) and not feedback.published
    if action == Action.RATE:
        return feedback.status == Status.ANSWERED and not feedback.rating
    return False


_STATE_MESSAGES = {
    Action.DRAFT_ANSWER: (
        "Phản ánh, kiến nghị đã được trả lời; không thể sửa dự thảo.",
        "The feedback has been answered; the draft can no longer change.",
    ),
    Action.SEND_BACK: ("Chưa có dự thảo trả lời để trả lại.", "There is no draft answer to send back."),
    Action.APPROVE: ("Chưa có dự thảo trả lời để duyệt.", "There is no draft answer to approve."),
    Action.PUBLISH: (
        "Chỉ công khai được câu trả lời đã duyệt và chưa công khai.",
        "Only an approved answer that is not public yet can be published.",
    ),
    Action.RATE: (
        "Chỉ đánh giá được một lần, sau khi có câu trả lời.",
        "The answer can be rated once, after it is given.",
    ),
}


def refusal(feedback: Feedback, action: str, user: User) -> ApplicationError | None:
    if not user.is_authenticated or not WHO[action](feedback, user):
        return PermissionDenied(
            "Bạn không được thực hiện thao tác này với phản ánh, kiến nghị này.",
            "You may not take this action on this feedback.",
            details={"action": action},
        )
    if not _state_allows(feedback, action):
        vi, en = _STATE_MESSAGES[action]
        return FeedbackActionNotAllowed(vi, en, details={"action": action, "status": feedback.status})
    return None


def ensure_allowed(feedback: Feedback, action: str, user: User) -> None:
    error = refusal(feedback, action, user)
    if error is not None:
        raise error


def allowed_actions(feedback: Feedback, user: User) -> list[str]:
    return [action for action in Action.values if refusal(feedback, action, user) is None]


def reads_all(user: User) -> bool:
    return any(role in READ_ALL_ROLES and agency is None for role, agency in grants_of(user).pairs)


def inbox_agencies(user: User) -> list[int]:
    """The agencies whose feedback inbox the user sees."""
    return sorted(
        {agency for role, agency in grants_of(user).pairs if agency is not None and role in INBOX_ROLES}
    )


def files_at_counter(user: User) -> bool:
    """Receiving officers take feedback at the counter for citizens (with their consent)."""
    return any(
        role == Role.RECEIVING_OFFICER and agency is not None for role, agency in grants_of(user).pairs
    )
