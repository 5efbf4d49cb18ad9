"""Every change to a dossier. One function per action, keyword-only.

Each action is one transaction: the dossier row is locked (`select_for_update`), the workflow checks the actor
and the state, the client's version is compared (stale -> 409), the change is saved with version + 1, one
hash-chained event and one outbox row are written, and delivery is queued with `transaction.on_commit`.
Nothing outside the database is called inside the transaction.

One module per stage: intake, receipt, processing, closing; documents, rating and idempotent submission
beside them; `common` and `events` hold the building blocks every stage uses.
"""

from __future__ import annotations

from collections.abc import Callable

from ..filing import OnBehalf
from ..models import Dossier
from ..workflow import Action
from .apology import (
    dossier_apologize,
    dossier_approve_apology,
    dossier_propose_apology,
    dossier_reject_apology,
)
from .closing import dossier_resolve, dossier_return, dossier_stop, dossier_withdraw
from .common import next_code
from .counter import CounterDecision, dossier_counter_conclude
from .documents import dossier_add_document
from .drafting import (
    STEP_FEE_AT_COUNTER,
    dossier_draft_applicant_set,
    dossier_draft_fee_at_counter,
    dossier_draft_result_delivery_set,
    dossier_draft_send,
    dossier_send,
)
from .events import append_event
from .fees import dossier_fee_paid, dossier_lock
from .home_service import (
    VisitRequest,
    home_service_cancel,
    home_service_receive,
    home_service_request,
    home_service_schedule,
)
from .idempotency import submit_idempotent
from .intake import (
    ApplicantData,
    dossier_refuse,
    dossier_request_completion,
    dossier_resubmit,
    dossier_submit,
    forget_fee_total,
)
from .processing import (
    dossier_assign,
    dossier_complete_step,
    dossier_forward,
    dossier_request_supplement,
    dossier_supplement,
)
from .rating import dossier_rate, rating_refusal
from .receipt import dossier_receive
from .result import dossier_issue_result

__all__ = [
    "ACTIONS",
    "STEP_FEE_AT_COUNTER",
    "ApplicantData",
    "CounterDecision",
    "OnBehalf",
    "VisitRequest",
    "append_event",
    "dossier_add_document",
    "dossier_apologize",
    "dossier_approve_apology",
    "dossier_assign",
    "dossier_counter_conclude",
    "dossier_complete_step",
    "dossier_draft_applicant_set",
    "dossier_draft_fee_at_counter",
    "dossier_draft_result_delivery_set",
    "dossier_draft_send",
    "dossier_send",
    "dossier_fee_paid",
    "dossier_forward",
    "dossier_propose_apology",
    "dossier_issue_result",
    "dossier_lock",
    "dossier_rate",
    "dossier_receive",
    "dossier_refuse",
    "dossier_reject_apology",
    "dossier_request_completion",
    "dossier_request_supplement",
    "dossier_resolve",
    "dossier_resubmit",
    "dossier_return",
    "dossier_stop",
    "dossier_submit",
    "dossier_supplement",
    "dossier_withdraw",
    "forget_fee_total",
    "home_service_cancel",
    "home_service_receive",
    "home_service_request",
    "home_service_schedule",
    "next_code",
    "rating_refusal",
    "submit_idempotent",
]

ACTIONS: dict[str, Callable[..., Dossier]] = {
    Action.SUBMIT: dossier_resubmit,
    Action.RECEIVE: dossier_receive,
    Action.REQUEST_COMPLETION: dossier_request_completion,
    Action.REFUSE: dossier_refuse,
    Action.ASSIGN: dossier_assign,
    Action.FORWARD: dossier_forward,
    Action.COMPLETE_STEP: dossier_complete_step,
    Action.REQUEST_SUPPLEMENT: dossier_request_supplement,
    Action.SUPPLEMENT: dossier_supplement,
    Action.APOLOGIZE: dossier_apologize,
    Action.PROPOSE_APOLOGY: dossier_propose_apology,
    Action.APPROVE_APOLOGY: dossier_approve_apology,
    Action.REJECT_APOLOGY: dossier_reject_apology,
    Action.RESOLVE: dossier_resolve,
    Action.RETURN: dossier_return,
    Action.STOP: dossier_stop,
    Action.WITHDRAW: dossier_withdraw,
}
