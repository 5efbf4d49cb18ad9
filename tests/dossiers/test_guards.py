"""The conditions on the dossier itself (guards) are enforced by the services and offered by `allowed_actions`
from the same function: what is listed succeeds, what is not listed is refused with the service's own code."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.accounts.models import Role
from motcua.core.errors import ActionNotAllowed
from motcua.dossiers import selectors, services
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Action, allowed_actions, refusal
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import pdf_file, received, setup_procedure, submit_online
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=HN)

THREE_STEPS = [
    ("centre", Role.RECEIVING_OFFICER, Decimal("0.5")),
    ("department", Role.SPECIALIST, Decimal("3")),
    ("department", Role.LEADER, Decimal("1.5")),
]


def at(moment):
    return time_machine.travel(moment, tick=False)


def detail(dossier: Dossier) -> Dossier:
    """The dossier as the detail page and the API load it."""
    return selectors.dossier_detail(pk=dossier.pk)


def test_resolve_is_offered_and_accepted_only_at_the_last_step_for_either_outcome():
    setup = setup_procedure(steps=THREE_STEPS)
    with at(MONDAY):
        dossier = received(setup)  # at the specialist's step; the leader's step follows
        assert Action.RESOLVE not in allowed_actions(detail(dossier), setup.leader)
        for outcome, reasons in (("denied", "Không đủ điều kiện"), ("approved", "")):
            with pytest.raises(ActionNotAllowed) as refused:
                services.dossier_resolve(
                    code=dossier.code,
                    actor=setup.leader,
                    version=dossier.version,
                    outcome=outcome,
                    reasons=reasons,
                )
            assert refused.value.code == "steps_remaining"
        dossier = services.dossier_forward(code=dossier.code, actor=setup.specialist, version=dossier.version)
        assert Action.RESOLVE in allowed_actions(detail(dossier), setup.leader)
        dossier = services.dossier_resolve(
            code=dossier.code,
            actor=setup.leader,
            version=dossier.version,
            outcome="denied",
            reasons="Không đủ điều kiện",
        )
    assert dossier.status == "resolved"


def test_forward_is_not_offered_at_the_last_step_and_step_work_not_after_the_last():
    setup = setup_procedure()  # receiving at the centre, then the specialist's (last) step
    dossier = received(setup)
    offered = allowed_actions(detail(dossier), setup.specialist)
    assert Action.COMPLETE_STEP in offered and Action.FORWARD not in offered
    with pytest.raises(ActionNotAllowed) as refused:
        services.dossier_forward(code=dossier.code, actor=setup.specialist, version=dossier.version)
    assert refused.value.code == "no_next_step"
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=setup.specialist, version=dossier.version
    )
    offered = allowed_actions(detail(dossier), setup.leader)
    assert not {Action.ASSIGN, Action.FORWARD, Action.COMPLETE_STEP} & set(offered)
    assert Action.RESOLVE in offered
    with pytest.raises(ActionNotAllowed) as refused:
        services.dossier_assign(
            code=dossier.code, actor=setup.leader, version=dossier.version, to_user=setup.specialist.username
        )
    assert refused.value.code == "no_current_step"


def test_a_supplement_is_offered_once_per_agency():
    setup = setup_procedure()
    dossier = received(setup)
    assert Action.REQUEST_SUPPLEMENT in allowed_actions(detail(dossier), setup.specialist)
    dossier = services.dossier_request_supplement(
        code=dossier.code, actor=setup.specialist, version=dossier.version, reason="Thiếu", items=["Bản sao"]
    )
    assert allowed_actions(detail(dossier), setup.applicant) == [Action.SUPPLEMENT, Action.WITHDRAW]
    dossier = services.dossier_supplement(code=dossier.code, actor=setup.applicant, version=dossier.version)
    assert Action.REQUEST_SUPPLEMENT not in allowed_actions(detail(dossier), setup.specialist)
    with pytest.raises(ActionNotAllowed) as refused:
        services.dossier_request_supplement(
            code=dossier.code, actor=setup.specialist, version=dossier.version, reason="Lần 2", items=["x"]
        )
    assert refused.value.code == "supplement_already_requested"


def test_the_apology_is_offered_once_and_its_refusal_is_the_services():
    setup = setup_procedure()
    with at(MONDAY):
        dossier = received(setup)
        assert Action.APOLOGIZE in allowed_actions(detail(dossier), setup.leader)
        dossier = services.dossier_apologize(
            code=dossier.code,
            actor=setup.leader,
            version=dossier.version,
            reason="Chờ xác minh",
            new_due_at=dossier.due_at + timedelta(days=7),
        )
        assert Action.APOLOGIZE not in allowed_actions(detail(dossier), setup.leader)
        error = refusal(detail(dossier), Action.APOLOGIZE, setup.leader)
        assert error is not None and error.code == "apology_already_given"
        with pytest.raises(ActionNotAllowed) as refused:
            services.dossier_apologize(
                code=dossier.code,
                actor=setup.leader,
                version=dossier.version,
                reason="Lần 2",
                new_due_at=dossier.due_at + timedelta(days=9),
            )
        assert refused.value.code == "apology_already_given"


def test_one_working_day_before_the_due_moment_is_counted_with_the_competent_agencys_hours():
    # The department (competent) opens at 07:00, the agency of the current step at 08:00. Received on Monday at
    # 07:30, the dossier is due the next Monday at 07:30 by the department's calendar. On Friday at 07:45 the
    # department has 465 working minutes left (less than its 480-minute day): too late. Counted with the current
    # agency's hours (08:00-12:00, 13:00-17:00) a whole day (480 minutes) would still be left.
    setup = setup_procedure(
        steps=[
            ("centre", Role.RECEIVING_OFFICER, Decimal("0.5")),
            ("centre", Role.SPECIALIST, Decimal("3")),
            ("department", Role.LEADER, Decimal("1.5")),
        ]
    )
    setup.department.working_periods = [["07:00", "11:00"], ["13:00", "17:00"]]
    setup.department.save()
    with at(datetime(2026, 3, 9, 7, 30, tzinfo=HN)):
        dossier = received(setup)
    assert dossier.due_at == datetime(2026, 3, 16, 7, 30, tzinfo=HN)
    assert dossier.current_agency_id == setup.centre.pk != setup.department.pk
    new_due = datetime(2026, 3, 20, 9, 0, tzinfo=HN)
    with at(datetime(2026, 3, 13, 7, 45, tzinfo=HN)):
        assert Action.APOLOGIZE not in allowed_actions(detail(dossier), setup.leader)
        with pytest.raises(ActionNotAllowed) as refused:
            services.dossier_apologize(
                code=dossier.code, actor=setup.leader, version=dossier.version, reason="x", new_due_at=new_due
            )
        assert refused.value.code == "apology_too_late"
        assert refused.value.details["working_minutes_left"] == 465
    with at(datetime(2026, 3, 13, 7, 30, tzinfo=HN)):  # exactly one of the department's working days left
        assert Action.APOLOGIZE in allowed_actions(detail(dossier), setup.leader)
        dossier = services.dossier_apologize(
            code=dossier.code, actor=setup.leader, version=dossier.version, reason="x", new_due_at=new_due
        )
    assert dossier.rescheduled_due_at == new_due


def test_receipt_outside_the_boundary_is_offered_once_the_paper_is_digitized():
    setup = setup_procedure(boundary_free=True)
    far = AgencyFactory(code="TINH2", administrative_unit__code="02", administrative_unit__name="Tỉnh khác")
    officer = user_with_role(Role.RECEIVING_OFFICER, far)
    dossier = submit_online(setup, receiving_agency_code=far.code)
    assert dossier.outside_boundary
    assert allowed_actions(detail(dossier), officer) == [Action.REQUEST_COMPLETION, Action.REFUSE]
    error = refusal(detail(dossier), Action.RECEIVE, officer)
    assert error is not None and error.code == "digitization_required"
    services.dossier_add_document(
        code=dossier.code, actor=officer, file=pdf_file(), component_code="TK", source="digitized"
    )
    assert Action.RECEIVE in allowed_actions(detail(dossier), officer)
    services.dossier_receive(code=dossier.code, actor=officer, version=dossier.version)


def test_allowed_actions_of_a_typical_detail_cost_at_most_two_queries(django_assert_max_num_queries):
    setup = setup_procedure(steps=THREE_STEPS)
    with at(MONDAY):
        dossier = received(setup)
        dossier = services.dossier_forward(code=dossier.code, actor=setup.specialist, version=dossier.version)
        loaded = detail(dossier)
        # A leader of the competent agency at the last step: the actions pass role and state, and their guards
        # read the loaded steps and pauses; one query reads the leader's grants, and one the agency's calendar
        # days, shared by the two apology guards (apologize, propose an apology).
        with django_assert_max_num_queries(2):
            offered = allowed_actions(loaded, setup.leader)
        assert offered == [
            Action.ASSIGN,
            Action.COMPLETE_STEP,
            Action.REQUEST_SUPPLEMENT,
            Action.APOLOGIZE,
            Action.PROPOSE_APOLOGY,
            Action.RESOLVE,
            Action.STOP,
        ]
        # Guards that would read run only after role and state pass: nothing to read for these.
        for actor in (setup.applicant, setup.officer, setup.inspector):
            with django_assert_max_num_queries(1):  # the actor's grants
                allowed_actions(loaded, actor)
