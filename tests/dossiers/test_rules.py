"""DOMAIN.md §3.3-3.4 rules, one by one, through the services."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.catalog.models import ExpressLane, ProcedureGroup, ProcedureGroupMember
from motcua.core.errors import ActionNotAllowed, PermissionDenied, ValidationFailed
from motcua.deadlines.selectors import working_minutes_elapsed
from motcua.dossiers import selectors, services
from motcua.dossiers.errors import BoundaryNotAllowed, DigitizationRequired, SupplementAlreadyRequested
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.selectors import Timing, timing_class
from tests.factories.accounts import user_with_role
from tests.factories.catalog import ProcedureVersionFactory, RequiredDocumentFactory
from tests.factories.dossiers import applicant_data, pdf_file, received, setup_procedure, submit_online
from tests.factories.organization import AgencyFactory, CommuneCommitteeFactory

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=HN)


def at(moment):
    return time_machine.travel(moment, tick=False)


def test_completion_request_lists_every_missing_item_at_once_and_the_clock_has_not_started():
    setup = setup_procedure()
    with at(MONDAY):
        dossier = submit_online(setup)
        dossier = services.dossier_request_completion(
            code=dossier.code, actor=setup.officer, version=dossier.version, items=["Ảnh 4x6"]
        )
    assert dossier.status == Status.NEEDS_COMPLETION
    assert dossier.missing_items == ["Ảnh 4x6", "Tờ khai"]  # the officer's item and the missing component
    assert dossier.due_at is None and dossier.received_at is None
    dossier = services.dossier_resubmit(code=dossier.code, actor=setup.applicant, version=dossier.version)
    assert dossier.status == Status.SUBMITTED
    dossier = services.dossier_refuse(
        code=dossier.code, actor=setup.officer, version=dossier.version, reasons="Sai thẩm quyền"
    )
    assert dossier.status == Status.REFUSED
    with pytest.raises(ActionNotAllowed):
        services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)
    with pytest.raises(ValidationFailed):
        services.dossier_refuse(code=submit_online(setup).code, actor=setup.officer, version=1, reasons="  ")


def test_supplement_pauses_the_clock_once_per_agency_and_resumes_with_the_due_moved():
    setup = setup_procedure()
    with at(MONDAY):
        dossier = received(setup)
    original_due = dossier.due_at
    with at(MONDAY + timedelta(days=1)):  # Tuesday 09:00
        dossier = services.dossier_request_supplement(
            code=dossier.code,
            actor=setup.specialist,
            version=dossier.version,
            reason="Thiếu",
            items=["Bản sao CCCD"],
        )
    assert dossier.status == Status.AWAITING_SUPPLEMENT
    assert timing_class(dossier, as_of=MONDAY + timedelta(days=2)) == Timing.PAUSED
    with at(MONDAY + timedelta(days=3, hours=2)):  # Thursday 11:00: 2 working days and 2 hours later
        dossier = services.dossier_supplement(
            code=dossier.code, actor=setup.applicant, version=dossier.version
        )
    assert dossier.status == Status.IN_PROGRESS
    paused = 2 * 480 + 120
    assert working_minutes_elapsed(start=original_due, end=dossier.due_at) == paused
    pauses = [(p.started_at, p.ended_at) for p in dossier.pauses.all()]
    # The working time counted from receipt to the new due moment is still exactly the legal 5 days.
    assert working_minutes_elapsed(start=dossier.received_at, end=dossier.due_at, pauses=pauses) == 5 * 480
    with pytest.raises(SupplementAlreadyRequested):
        services.dossier_request_supplement(
            code=dossier.code, actor=setup.specialist, version=dossier.version, reason="Lần 2", items=["x"]
        )


def test_supplement_restart_policy_gives_a_full_new_time_limit():
    setup = setup_procedure(supplement_policy="restart")
    with at(MONDAY):
        dossier = received(setup)
        dossier = services.dossier_request_supplement(
            code=dossier.code, actor=setup.specialist, version=dossier.version, reason="Thiếu", items=["x"]
        )
    with at(datetime(2026, 3, 11, 14, 0, tzinfo=HN)):
        dossier = services.dossier_supplement(
            code=dossier.code, actor=setup.applicant, version=dossier.version
        )
    assert dossier.due_at == datetime(2026, 3, 18, 14, 0, tzinfo=HN)


def test_apology_at_least_one_working_day_before_due_once_by_a_leader_keeping_the_legal_due():
    setup = setup_procedure()
    with at(MONDAY):
        dossier = received(setup)  # due Monday 16/3 09:00
    new_due = datetime(2026, 3, 20, 9, 0, tzinfo=HN)
    with at(datetime(2026, 3, 13, 10, 0, tzinfo=HN)):  # Friday 10:00: less than one working day left
        with pytest.raises(ActionNotAllowed) as too_late:
            services.dossier_apologize(
                code=dossier.code,
                actor=setup.leader,
                version=dossier.version,
                reason="Chờ xác minh",
                new_due_at=new_due,
            )
        assert too_late.value.code == "apology_too_late"
    with at(datetime(2026, 3, 12, 9, 0, tzinfo=HN)):  # Thursday 09:00: exactly two working days left
        with pytest.raises(PermissionDenied):
            services.dossier_apologize(
                code=dossier.code,
                actor=setup.specialist,
                version=dossier.version,
                reason="x",
                new_due_at=new_due,
            )
        dossier = services.dossier_apologize(
            code=dossier.code,
            actor=setup.leader,
            version=dossier.version,
            reason="Chờ xác minh",
            new_due_at=new_due,
        )
        assert dossier.rescheduled_due_at == new_due
        assert dossier.due_at == datetime(2026, 3, 16, 9, 0, tzinfo=HN)
        with pytest.raises(ActionNotAllowed):
            services.dossier_apologize(
                code=dossier.code, actor=setup.leader, version=dossier.version, reason="x", new_due_at=new_due
            )
    with at(datetime(2026, 3, 18, 9, 0, tzinfo=HN)):
        # Indicators judge against the legal due moment: resolving after it is late despite the apology.
        dossier = services.dossier_complete_step(
            code=dossier.code, actor=setup.specialist, version=dossier.version
        )
        dossier = services.dossier_resolve(
            code=dossier.code,
            actor=setup.leader,
            version=dossier.version,
            outcome="denied",
            reasons="Không đủ điều kiện",
        )
    assert timing_class(dossier) == Timing.RESOLVED_LATE


def test_stop_and_withdraw_are_terminal_and_withdraw_only_before_the_result():
    setup = setup_procedure()
    dossier = received(setup)
    with pytest.raises(PermissionDenied):
        services.dossier_stop(code=dossier.code, actor=setup.specialist, version=dossier.version, reasons="x")
    dossier = services.dossier_stop(
        code=dossier.code, actor=setup.leader, version=dossier.version, reasons="Đối tượng không thuộc diện"
    )
    assert dossier.status == Status.STOPPED and timing_class(dossier) is None
    other = received(setup)
    other = services.dossier_withdraw(
        code=other.code, actor=setup.applicant, version=other.version, reasons="Không còn nhu cầu"
    )
    assert other.status == Status.WITHDRAWN
    third = received(setup)
    third = services.dossier_complete_step(code=third.code, actor=setup.specialist, version=third.version)
    third = services.dossier_resolve(
        code=third.code, actor=setup.leader, version=third.version, outcome="denied", reasons="x"
    )
    with pytest.raises(ActionNotAllowed):
        services.dossier_withdraw(code=third.code, actor=setup.applicant, version=third.version, reasons="x")


def test_approval_needs_a_result_document():
    setup = setup_procedure()
    dossier = received(setup)
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=setup.specialist, version=dossier.version
    )
    with pytest.raises(ValidationFailed) as missing:
        services.dossier_resolve(
            code=dossier.code, actor=setup.leader, version=dossier.version, outcome="approved"
        )
    assert missing.value.code == "result_document_required"
    services.dossier_add_document(
        code=dossier.code, actor=setup.specialist, file=pdf_file(), source="issued_result"
    )
    dossier = services.dossier_resolve(
        code=dossier.code, actor=setup.leader, version=dossier.version, outcome="approved"
    )
    assert dossier.outcome == "approved"


def test_receiving_regardless_of_boundary_requires_permission_and_digitized_documents():
    setup = setup_procedure()
    # A ward's committee sits inside the department's province: within the boundary.
    ward = CommuneCommitteeFactory(code="XA01")
    assert not submit_online(setup, receiving_agency_code=ward.code).outside_boundary
    province_two = AgencyFactory(
        code="TINH2", administrative_unit__code="02", administrative_unit__name="Tỉnh khác"
    )
    officer_two = user_with_role("receiving_officer", province_two)
    with pytest.raises(BoundaryNotAllowed):
        submit_online(setup, receiving_agency_code=province_two.code)
    setup.version.boundary_free = True
    setup.version.save()
    dossier = submit_online(setup, receiving_agency_code=province_two.code)
    assert dossier.outside_boundary
    with pytest.raises(DigitizationRequired):
        services.dossier_receive(code=dossier.code, actor=officer_two, version=dossier.version)
    services.dossier_add_document(
        code=dossier.code, actor=officer_two, file=pdf_file(), component_code="TK", source="digitized"
    )
    dossier = services.dossier_receive(code=dossier.code, actor=officer_two, version=dossier.version)
    assert dossier.status == Status.RECEIVED


def test_express_lane_at_the_counter_gives_a_deadline_in_working_minutes():
    setup = setup_procedure()
    ExpressLane.objects.create(
        procedure=setup.version.procedure, agency=setup.centre, weekdays=[4], working_minutes=60
    )
    friday = datetime(2026, 3, 13, 11, 30, tzinfo=HN)
    with at(friday):
        dossier = services.dossier_submit(
            actor=setup.officer,
            applicant=applicant_data(),
            channel="counter",
            procedure_code=setup.version.procedure.code,
            on_behalf_consent=True,
            receive_now=True,
        )
    assert dossier.status == Status.RECEIVED and dossier.is_express
    assert dossier.due_at == datetime(2026, 3, 13, 13, 30, tzinfo=HN)  # 30 min before lunch, 30 after
    with at(MONDAY):  # not a Friday: the normal time limit
        normal = services.dossier_submit(
            actor=setup.officer,
            applicant=applicant_data(),
            channel="counter",
            procedure_code=setup.version.procedure.code,
            on_behalf_consent=True,
            receive_now=True,
        )
    assert not normal.is_express
    with pytest.raises(ValidationFailed):  # an officer needs the applicant's consent
        services.dossier_submit(
            actor=setup.officer,
            applicant=applicant_data(),
            channel="counter",
            procedure_code=setup.version.procedure.code,
        )


def test_home_service_only_for_eligible_procedures():
    setup = setup_procedure()
    kwargs = {
        "actor": setup.officer,
        "applicant": applicant_data(),
        "channel": "home",
        "procedure_code": setup.version.procedure.code,
        "on_behalf_consent": True,
    }
    with pytest.raises(ValidationFailed):
        services.dossier_submit(**kwargs)
    setup.version.home_service_eligible = True
    setup.version.save()
    dossier = services.dossier_submit(**kwargs, receive_now=True)
    assert dossier.home_service and dossier.status == Status.RECEIVED
    assert dossier.events.get(kind="received").payload["home"] is True


def test_interconnected_group_parent_with_children_resolved_and_returned_together():
    setup = setup_procedure()
    second = ProcedureVersionFactory(competent_agency=setup.centre, processing_time_amount=3)
    RequiredDocumentFactory(version=second, code="DON", mandatory=True)
    group = ProcedureGroup.objects.create(
        code="LT01", name="Khai sinh, thường trú, BHYT", processing_time_amount=7
    )
    ProcedureGroupMember.objects.create(group=group, procedure=setup.version.procedure, order=1)
    ProcedureGroupMember.objects.create(group=group, procedure=second.procedure, order=2)
    with at(MONDAY):
        parent = services.dossier_submit(
            actor=setup.applicant,
            applicant=applicant_data(),
            channel="online",
            group_code="LT01",
            receiving_agency_code=setup.centre.code,
        )
        parent = services.dossier_receive(code=parent.code, actor=setup.officer, version=parent.version)
    children = list(parent.children.order_by("code"))
    assert [c.code for c in children] == [f"{parent.code}.1", f"{parent.code}.2"]
    assert parent.due_at == datetime(2026, 3, 18, 9, 0, tzinfo=HN)  # the group's 7 days
    assert children[0].due_at == datetime(2026, 3, 16, 9, 0, tzinfo=HN)
    assert children[1].due_at == datetime(2026, 3, 12, 9, 0, tzinfo=HN)
    assert children[0].competent_agency == setup.department and children[1].competent_agency == setup.centre
    centre_leader = user_with_role("leader", setup.centre)
    first = services.dossier_complete_step(
        code=children[0].code, actor=setup.specialist, version=children[0].version
    )
    services.dossier_resolve(
        code=first.code, actor=setup.leader, version=first.version, outcome="denied", reasons="x"
    )
    parent.refresh_from_db()
    assert parent.status == Status.RECEIVED
    child = children[1]
    services.dossier_resolve(
        code=child.code, actor=centre_leader, version=child.version, outcome="denied", reasons="y"
    )
    parent.refresh_from_db()
    assert parent.status == Status.RESOLVED
    parent = services.dossier_return(code=parent.code, actor=setup.officer, version=parent.version)
    assert set(parent.children.values_list("status", flat=True)) == {Status.RETURNED}


def test_queues_overdue_due_soon_paused_and_counts():
    setup = setup_procedure(amount=1, steps=[("department", "specialist", Decimal("1"))])
    with at(MONDAY):
        late = received(setup)
    with at(MONDAY + timedelta(days=1)):
        soon = received(setup)
        paused = received(setup)
        paused = services.dossier_request_supplement(
            code=paused.code, actor=setup.specialist, version=paused.version, reason="x", items=["y"]
        )
    as_of = datetime(2026, 3, 10, 15, 0, tzinfo=HN)
    assert list(selectors.dossiers_overdue(agency=setup.department, as_of=as_of)) == [late]
    assert list(selectors.dossiers_due_within(hours=24, agency=setup.department, as_of=as_of)) == [soon]
    assert list(selectors.dossiers_paused(agency=setup.department)) == [paused]
    assert [d.code for d in selectors.agency_queue(agency=setup.department)] == [
        late.code,
        soon.code,
        paused.code,
    ]
    assert list(
        selectors.agency_queue(agency=setup.department, timing=Timing.IN_PROGRESS_OVERDUE, as_of=as_of)
    ) == [late]
    counts = selectors.timing_counts(selectors.agency_queue(agency=setup.department), as_of=as_of)
    assert (
        counts[Timing.IN_PROGRESS_OVERDUE] == 1
        and counts[Timing.IN_PROGRESS_WITHIN_TIME] == 1
        and counts[Timing.PAUSED] == 1
    )
    services.dossier_assign(
        code=soon.code, actor=setup.leader, version=soon.version, to_user=setup.specialist.username
    )
    assert list(selectors.officer_queue(user=setup.specialist)) == [soon]


def test_resolved_early_on_time_classes():
    setup = setup_procedure(amount=2, steps=[("department", "specialist", Decimal("2"))])
    with at(MONDAY):
        early, on_time = received(setup), received(setup)
    with at(datetime(2026, 3, 10, 16, 0, tzinfo=HN)):
        early = services.dossier_resolve(
            code=early.code, actor=setup.leader, version=early.version, outcome="denied", reasons="x"
        )
    with at(datetime(2026, 3, 11, 8, 30, tzinfo=HN)):  # due Wednesday 09:00
        on_time = services.dossier_resolve(
            code=on_time.code, actor=setup.leader, version=on_time.version, outcome="denied", reasons="x"
        )
    assert timing_class(early) == Timing.RESOLVED_EARLY
    assert timing_class(on_time) == Timing.RESOLVED_ON_TIME
    assert timing_class(early, as_of=datetime(2026, 3, 10, 9, 0, tzinfo=HN)) == Timing.IN_PROGRESS_WITHIN_TIME
    assert list(selectors.with_timing(Dossier.objects.all(), Timing.RESOLVED_EARLY)) == [early]
    assert list(selectors.with_timing(Dossier.objects.all(), Timing.RESOLVED_ON_TIME)) == [on_time]
