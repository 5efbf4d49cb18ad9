"""What waits for a leader at the agencies they lead: apology proposals to approve or reject, and dossiers whose
steps are all done, waiting for the result to be approved (signed and resolved).

The engine has no separate "result proposed" stage: after the last step the dossier sits at the competent agency
with no current step, and a leader of that agency resolves it (workflow: RESOLVE, guard `no_step_remaining`).
That is the list of results waiting. Both lists are short by nature (decisions waiting), read oldest first.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.accounts.models import Role, User
from motcua.documents.models import DocumentRecord, Source

from .models import ApologyProposal, Dossier, ProposalStatus
from .queues import capped_count, officer_agencies
from .workflow import PROCESSING, RUNNING_OR_PAUSED

LIST_LIMIT = 50
LEADER = frozenset({Role.LEADER})


def led_agencies(user: User) -> list[int]:
    """The agencies where the user is a leader."""
    return officer_agencies(user, roles=LEADER)


def apology_proposals_waiting(*, user: User, limit: int = LIST_LIMIT) -> list[ApologyProposal]:
    """Proposals waiting for a leader of the late agency (the dossier's current or competent agency, as the
    workflow's rule for approving them), on dossiers still open, oldest first."""
    agencies = led_agencies(user)
    if not agencies:
        return []
    rows = (
        ApologyProposal.objects.filter(status=ProposalStatus.PENDING, dossier__status__in=RUNNING_OR_PAUSED)
        .filter(Q(dossier__current_agency__in=agencies) | Q(dossier__competent_agency__in=agencies))
        .select_related("dossier__procedure_version", "dossier__current_agency", "proposed_by")
        .order_by("proposed_at", "pk")
    )
    return list(rows[:limit])


def _results_waiting(agencies: list[int]) -> QuerySet[Dossier]:
    return Dossier.objects.filter(
        competent_agency__in=agencies,
        status__in=PROCESSING,
        current_step__isnull=True,
        group__isnull=True,  # a group's parent is settled by its children's results
    )


# What the list of results waiting shows of each dossier (not its fifty other columns).
RESULT_ROW_FIELDS = (
    "code",
    "applicant_name",
    "due_at",
    "version",
    "procedure_version",
    "procedure_version__name",
    "procedure_version__name_en",
)


def results_waiting(*, user: User, limit: int = LIST_LIMIT) -> list[Dossier]:
    """Dossiers of the agencies the user leads as the competent agency, every step done, waiting for the result:
    soonest due first, each with `has_signed_result` (a signed result document is attached)."""
    agencies = led_agencies(user)
    if not agencies:
        return []
    signed = DocumentRecord.objects.filter(dossier=OuterRef("pk"), source=Source.ISSUED_RESULT)
    rows = (
        _results_waiting(agencies)
        .annotate(has_signed_result=Exists(signed))
        .select_related("procedure_version")
        .only(*RESULT_ROW_FIELDS)
        .order_by("due_at", "pk")
    )
    return list(rows[:limit])


def results_waiting_count(*, user: User) -> int:
    """How many results wait for the user's approval (capped as the queues' counts)."""
    agencies = led_agencies(user)
    if not agencies:
        return 0
    return capped_count(_results_waiting(agencies), name=f"results_waiting:{','.join(map(str, agencies))}")
