"""A specialist of the late agency proposes an apology and new appointment; a leader of that agency approves it
(the apology is given with those values, form 04 then issued) or rejects it with a note (another proposal may
follow). The leader's direct apology still works and settles a waiting proposal. The approvals list is scoped to
the agencies the leader leads."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.accounts.models import Role
from motcua.core.errors import ActionNotAllowed, PermissionDenied, ValidationFailed
from motcua.documents.official_forms import render
from motcua.dossiers import approvals, selectors, services
from motcua.dossiers.models import ApologyProposal, Event, EventKind, ProposalStatus
from motcua.dossiers.workflow import Action, allowed_actions
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import apology_proposed, received_at, setup_procedure
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db

HN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=HN)  # received: 5 working days, due Monday 16/3 09:00
PROPOSAL_DAY = datetime(2026, 3, 11, 9, 0, tzinfo=HN)
NEW_APPOINTMENT = datetime(2026, 3, 20, 9, 0, tzinfo=HN)


@pytest.fixture
def setup():
    return setup_procedure()


@pytest.fixture
def dossier(setup):
    return received_at(setup, MONDAY)


@pytest.fixture(autouse=True)
def _on_the_proposal_day():
    with time_machine.travel(PROPOSAL_DAY, tick=False):
        yield


def propose(setup, dossier, *, actor=None, reason="Chờ kết quả xác minh của công an xã"):
    return apology_proposed(setup, dossier, new_due_at=NEW_APPOINTMENT, reason=reason, actor=actor)


def offered(dossier, user) -> list[str]:
    return allowed_actions(selectors.dossier_detail(pk=dossier.pk), user)


def test_a_specialist_proposes_and_the_leader_approves_with_those_values(setup, dossier):
    assert Action.PROPOSE_APOLOGY in offered(dossier, setup.specialist)
    dossier = propose(setup, dossier)

    proposal = ApologyProposal.objects.get(dossier=dossier)
    assert proposal.status == ProposalStatus.PENDING and proposal.agency_id == dossier.current_agency_id
    assert Event.objects.filter(dossier=dossier, kind=EventKind.APOLOGY_PROPOSED).count() == 1
    assert dossier.rescheduled_due_at is None  # nothing promised to the applicant yet
    # Only the leader is offered the decision; the specialist cannot propose a second one meanwhile.
    assert {Action.APPROVE_APOLOGY, Action.REJECT_APOLOGY} <= set(offered(dossier, setup.leader))
    assert not {Action.APPROVE_APOLOGY, Action.PROPOSE_APOLOGY} & set(offered(dossier, setup.specialist))
    with pytest.raises(ActionNotAllowed) as again:
        propose(setup, dossier)
    assert again.value.code == "apology_proposal_pending"

    dossier = services.dossier_approve_apology(code=dossier.code, actor=setup.leader, version=dossier.version)

    assert dossier.rescheduled_due_at == NEW_APPOINTMENT and dossier.appointment == NEW_APPOINTMENT
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED and proposal.decided_by == setup.leader
    event = Event.objects.get(dossier=dossier, kind=EventKind.APOLOGIZED)
    assert event.actor == setup.leader and event.payload["proposed_by"] == setup.specialist.pk
    text = render.form_html(dossier=dossier, form_key="apology", user=setup.leader)
    assert "Chờ kết quả xác minh của công an xã" in text and "20/03/2026" in text
    assert setup.leader.display_name in text
    # Once given, the one apology allowed is spent: no proposal, no direct apology.
    assert not {Action.PROPOSE_APOLOGY, Action.APOLOGIZE} & set(offered(dossier, setup.leader))


def test_only_a_leader_of_the_late_agency_decides(setup, dossier):
    dossier = propose(setup, dossier)
    elsewhere = user_with_role(Role.LEADER, AgencyFactory(code="SXD", name="Sở Xây dựng"))
    for actor in (setup.specialist, elsewhere, setup.officer):
        with pytest.raises(PermissionDenied):
            services.dossier_approve_apology(code=dossier.code, actor=actor, version=dossier.version)
    assert ApologyProposal.objects.get(dossier=dossier).status == ProposalStatus.PENDING
    # A specialist of another agency may not propose either.
    stranger = user_with_role(Role.SPECIALIST, AgencyFactory(code="SYT", name="Sở Y tế"))
    assert Action.PROPOSE_APOLOGY not in offered(dossier, stranger)


def test_a_rejected_proposal_can_be_proposed_again(setup, dossier):
    dossier = propose(setup, dossier, reason="Chậm")
    with pytest.raises(ValidationFailed) as blank:
        services.dossier_reject_apology(
            code=dossier.code, actor=setup.leader, version=dossier.version, note=" "
        )
    assert blank.value.details == {"note": ["Nêu lý do không duyệt đề xuất."]}

    dossier = services.dossier_reject_apology(
        code=dossier.code, actor=setup.leader, version=dossier.version, note="Nêu rõ việc đang chờ"
    )

    first = ApologyProposal.objects.get(dossier=dossier)
    assert first.status == ProposalStatus.REJECTED and first.decision_note == "Nêu rõ việc đang chờ"
    rejected = Event.objects.get(dossier=dossier, kind=EventKind.APOLOGY_REJECTED)
    assert rejected.payload["note"] == "Nêu rõ việc đang chờ" and dossier.rescheduled_due_at is None
    assert Action.PROPOSE_APOLOGY in offered(dossier, setup.specialist)
    dossier = propose(setup, dossier)
    assert ApologyProposal.objects.filter(dossier=dossier, status=ProposalStatus.PENDING).count() == 1


def test_a_proposal_is_checked_as_the_apology_would_be(setup, dossier):
    dossier.refresh_from_db()
    with pytest.raises(ValidationFailed) as early:
        services.dossier_propose_apology(
            code=dossier.code, actor=setup.specialist, version=dossier.version, reason="x", new_due_at=MONDAY
        )
    assert early.value.code == "invalid_new_due"
    # Less than one working day before the due moment: too late to propose, as to apologize.
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=HN), tick=False):
        assert Action.PROPOSE_APOLOGY not in offered(dossier, setup.specialist)
    assert not ApologyProposal.objects.exists()


def test_the_leaders_direct_apology_settles_a_waiting_proposal(setup, dossier):
    dossier = propose(setup, dossier)
    dossier = services.dossier_apologize(
        code=dossier.code,
        actor=setup.leader,
        version=dossier.version,
        reason="Lãnh đạo xin lỗi trực tiếp",
        new_due_at=NEW_APPOINTMENT,
    )
    assert ApologyProposal.objects.get(dossier=dossier).status == ProposalStatus.SUPERSEDED
    assert approvals.apology_proposals_waiting(user=setup.leader) == []


def test_the_approvals_list_is_scoped_to_the_agencies_led(setup, dossier):
    propose(setup, dossier)
    other = user_with_role(Role.LEADER, AgencyFactory(code="SCT", name="Sở Công thương"))

    assert [p.dossier.code for p in approvals.apology_proposals_waiting(user=setup.leader)] == [dossier.code]
    assert approvals.apology_proposals_waiting(user=other) == []
    assert approvals.apology_proposals_waiting(user=setup.specialist) == []  # not a leader
    assert approvals.led_agencies(setup.specialist) == []
