"""Findings from reading the dossier services (issue 8), each shown by a test.

What the applicant is told (by email and SMS, through the outbox), who may be named after the last step, and
what a group's chained log records for its children.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.catalog.models import ProcedureGroup, ProcedureGroupMember
from motcua.core.errors import ValidationFailed
from motcua.dossiers import messages, services
from motcua.dossiers.models import Dossier, Event, EventKind, Status
from motcua.notifications.models import OutboxMessage
from motcua.notifications.services import deliver_pending
from tests.factories.accounts import user_with_role
from tests.factories.catalog import ProcedureVersionFactory, RequiredDocumentFactory
from tests.factories.dossiers import applicant_data, pdf_file, received, setup_procedure, submit_online

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=HN)


def at(moment):
    return time_machine.travel(moment, tick=False)


def told(mailoutbox) -> list[tuple[str, str]]:
    """Deliver what the outbox holds; the (subject, body) of every mail the applicant got so far."""
    deliver_pending()
    return [(m.subject, m.body) for m in mailoutbox]


def group_setup():
    """A group of two procedures: the first at the department (two steps), the second at the centre."""
    setup = setup_procedure()
    second = ProcedureVersionFactory(competent_agency=setup.centre, processing_time_amount=3)
    RequiredDocumentFactory(version=second, code="DON", mandatory=True)
    group = ProcedureGroup.objects.create(code="LT01", name="Khai sinh, thường trú", processing_time_amount=7)
    ProcedureGroupMember.objects.create(group=group, procedure=setup.version.procedure, order=1)
    ProcedureGroupMember.objects.create(group=group, procedure=second.procedure, order=2)
    setup.others["centre_leader"] = user_with_role("leader", setup.centre)
    return setup


def submit_group(setup) -> Dossier:
    return services.dossier_submit(
        actor=setup.applicant,
        applicant=applicant_data(),
        channel="online",
        group_code="LT01",
        receiving_agency_code=setup.centre.code,
    )


def children_of(parent: Dossier) -> list[Dossier]:
    return list(Dossier.objects.filter(parent=parent).order_by("pk"))


def assert_chain_states_follow(dossier: Dossier) -> None:
    """Each event starts from the state the previous event left the dossier in."""
    events = list(Event.objects.filter(dossier=dossier).order_by("seq"))
    for previous, event in zip(events, events[1:], strict=False):
        assert event.from_status == previous.to_status, (dossier.code, event.seq, event.kind)
    assert events[-1].to_status == Dossier.objects.get(pk=dossier.pk).status


# ---------------------------------------------------------------------------------------------------------------
# 1. Completion and supplement requests reach the applicant


def test_every_kind_told_to_the_applicant_has_its_message():
    assert set(messages.APPLICANT_MESSAGES) == set(messages.TOLD_TO_APPLICANT)
    assert messages.TOLD_FOR_A_MEMBER <= messages.TOLD_TO_APPLICANT
    assert all(isinstance(kind, EventKind) for kind in messages.APPLICANT_MESSAGES)  # keyed by the enum
    # The request kinds are the events' own (the templates were once keyed by the action names).
    assert {EventKind.COMPLETION_REQUESTED, EventKind.SUPPLEMENT_REQUESTED} <= messages.TOLD_TO_APPLICANT
    for message in messages.APPLICANT_MESSAGES.values():
        for text in (message.subject, message.text):
            assert "HS-1" in str(text).format(code="HS-1", appointment="08:00 16/03/2026", items="x")


def test_a_completion_request_is_told_to_the_applicant_with_its_text(mailoutbox):
    setup = setup_procedure()
    with at(MONDAY):
        dossier = submit_online(setup)
        services.dossier_request_completion(
            code=dossier.code, actor=setup.officer, version=dossier.version, items=["Ảnh 4x6"]
        )
    mails = told(mailoutbox)
    assert mails == [
        (
            f"Hồ sơ {dossier.code} cần hoàn thiện",
            f"Hồ sơ {dossier.code} cần bổ sung, hoàn thiện trước khi tiếp nhận: Ảnh 4x6; Tờ khai.",
        )
    ]
    message = OutboxMessage.objects.get(dossier_id=dossier.pk, type="completion_requested")
    assert message.delivered_at is not None
    assert message.payload["email"] == "an@example.vn" and message.payload["phone"] == "+84912345678"


def test_a_supplement_request_is_told_to_the_applicant_with_its_text(mailoutbox):
    setup = setup_procedure()
    with at(MONDAY):
        dossier = received(setup)
        services.dossier_request_supplement(
            code=dossier.code,
            actor=setup.specialist,
            version=dossier.version,
            reason="Thiếu giấy tờ",
            items=["Bản sao CCCD"],
        )
    subjects = [subject for subject, _ in told(mailoutbox)]
    assert subjects == [f"Hồ sơ {dossier.code} đã được tiếp nhận", f"Hồ sơ {dossier.code} cần bổ sung"]
    assert mailoutbox[1].body == f"Hồ sơ {dossier.code} cần bổ sung giấy tờ: Bản sao CCCD."


def test_the_applicant_hears_of_each_change_that_concerns_them_once_over_a_life_cycle(mailoutbox):
    setup = setup_procedure()
    with at(MONDAY):
        dossier = submit_online(setup)
        dossier = services.dossier_request_completion(
            code=dossier.code, actor=setup.officer, version=dossier.version, items=["Ảnh"]
        )
        dossier = services.dossier_resubmit(code=dossier.code, actor=setup.applicant, version=dossier.version)
        dossier = services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)
        dossier = services.dossier_request_supplement(
            code=dossier.code, actor=setup.specialist, version=dossier.version, reason="Thiếu", items=["x"]
        )
        dossier = services.dossier_supplement(
            code=dossier.code, actor=setup.applicant, version=dossier.version
        )
        dossier = services.dossier_complete_step(
            code=dossier.code, actor=setup.specialist, version=dossier.version
        )
        services.dossier_add_document(
            code=dossier.code, actor=setup.specialist, file=pdf_file(), source="issued_result"
        )
        dossier = services.dossier_resolve(
            code=dossier.code, actor=setup.leader, version=dossier.version, outcome="approved"
        )
        services.dossier_return(code=dossier.code, actor=setup.officer, version=dossier.version)
    code = dossier.code
    assert [subject for subject, _ in told(mailoutbox)] == [
        f"Hồ sơ {code} cần hoàn thiện",
        f"Hồ sơ {code} đã được tiếp nhận",
        f"Hồ sơ {code} cần bổ sung",
        f"Hồ sơ {code} đã có kết quả",
    ]
    # Every event is still in the outbox (one row each); the applicant's address only on what they are told.
    rows = list(OutboxMessage.objects.filter(dossier_id=dossier.pk).order_by("id"))
    assert len(rows) == Event.objects.filter(dossier=dossier).count()
    assert [r.type for r in rows if r.payload.get("email")] == [
        "completion_requested",
        "received",
        "supplement_requested",
        "resolved",
    ]


# ---------------------------------------------------------------------------------------------------------------
# 2. The assignee named when the last step is completed


def test_after_the_last_step_only_a_leader_of_the_competent_agency_can_be_named():
    setup = setup_procedure()
    outsider = user_with_role("specialist", setup.centre)  # active, but at another agency
    for someone in (outsider, setup.officer, setup.applicant, setup.specialist):
        dossier = received(setup)
        with pytest.raises(ValidationFailed) as refused:
            services.dossier_complete_step(
                code=dossier.code, actor=setup.specialist, version=dossier.version, to_user=someone.pk
            )
        assert refused.value.code == "assignee_not_eligible"
        dossier.refresh_from_db()
        assert dossier.current_step is not None and dossier.assignee is None  # nothing changed
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=setup.specialist, version=dossier.version, to_user=setup.leader.username
    )
    assert dossier.current_step is None and dossier.current_agency == setup.department
    assert dossier.assignee == setup.leader
    assert dossier.events.get(kind="step_completed").payload["to_user"] == setup.leader.pk


def test_the_next_steps_assignee_is_still_checked_against_that_step():
    setup = setup_procedure(
        steps=[
            ("centre", "receiving_officer", 1),
            ("department", "specialist", 2),
            ("department", "leader", 2),
        ]
    )
    dossier = received(setup)
    with pytest.raises(ValidationFailed):
        services.dossier_forward(
            code=dossier.code, actor=setup.specialist, version=dossier.version, to_user=setup.officer.pk
        )
    dossier = services.dossier_forward(
        code=dossier.code, actor=setup.specialist, version=dossier.version, to_user=setup.leader.pk
    )
    assert dossier.assignee == setup.leader and dossier.current_step.order == 3


# ---------------------------------------------------------------------------------------------------------------
# 3 and 6. A group's change applied to each child, each event with the child's own previous status


def test_a_groups_resubmission_records_each_childs_own_previous_status():
    setup = group_setup()
    with at(MONDAY):
        parent = submit_group(setup)
        parent = services.dossier_request_completion(
            code=parent.code, actor=setup.officer, version=parent.version, items=["Ảnh"]
        )
        parent = services.dossier_resubmit(code=parent.code, actor=setup.applicant, version=parent.version)
    resubmitted = list(Event.objects.filter(dossier__parent=parent, kind="submitted", seq__gt=1))
    assert len(resubmitted) == 2
    # Only the parent was waiting for completion; its children were (and stay) submitted.
    assert {(e.from_status, e.to_status) for e in resubmitted} == {(Status.SUBMITTED, Status.SUBMITTED)}
    assert parent.events.order_by("seq").last().from_status == Status.NEEDS_COMPLETION
    for dossier in [parent, *children_of(parent)]:
        assert_chain_states_follow(dossier)


def test_a_groups_life_cycle_keeps_every_childs_chain_consistent():
    setup = group_setup()
    with at(MONDAY):
        parent = submit_group(setup)
        parent = services.dossier_receive(code=parent.code, actor=setup.officer, version=parent.version)
        first, second = children_of(parent)
        first = services.dossier_complete_step(code=first.code, actor=setup.specialist, version=first.version)
        services.dossier_resolve(
            code=first.code, actor=setup.leader, version=first.version, outcome="denied", reasons="x"
        )
        services.dossier_stop(
            code=second.code, actor=setup.others["centre_leader"], version=second.version, reasons="y"
        )
        parent.refresh_from_db()
        assert parent.status == Status.RESOLVED
        parent = services.dossier_return(code=parent.code, actor=setup.officer, version=parent.version)
    first, second = children_of(parent)
    assert (first.status, second.status) == (Status.RETURNED, Status.STOPPED)  # a stopped child stays stopped
    for dossier in (parent, first, second):
        assert_chain_states_follow(dossier)
    returned = Event.objects.get(dossier=first, kind="returned")
    assert (returned.from_status, returned.payload) == (Status.RESOLVED, {"parent": parent.code})


def test_a_group_withdrawn_while_one_child_is_stopped_withdraws_only_the_open_ones():
    setup = group_setup()
    with at(MONDAY):
        parent = submit_group(setup)
        parent = services.dossier_receive(code=parent.code, actor=setup.officer, version=parent.version)
        first, second = children_of(parent)
        services.dossier_request_supplement(
            code=first.code, actor=setup.specialist, version=first.version, reason="Thiếu", items=["x"]
        )
        services.dossier_stop(
            code=second.code, actor=setup.others["centre_leader"], version=second.version, reasons="y"
        )
        parent.refresh_from_db()
        services.dossier_withdraw(
            code=parent.code, actor=setup.applicant, version=parent.version, reasons="Không còn nhu cầu"
        )
    first, second = children_of(parent)
    assert (first.status, second.status) == (Status.WITHDRAWN, Status.STOPPED)
    withdrawn = Event.objects.get(dossier=first, kind="withdrawn")
    assert withdrawn.from_status == Status.AWAITING_SUPPLEMENT
    assert first.pauses.get().ended_at is not None
    for dossier in (parent, first, second):
        assert_chain_states_follow(dossier)


def test_a_group_refused_after_completion_closes_each_child_from_its_own_state():
    setup = group_setup()
    with at(MONDAY):
        parent = submit_group(setup)
        parent = services.dossier_request_completion(
            code=parent.code, actor=setup.officer, version=parent.version, items=["Ảnh"]
        )
        services.dossier_refuse(code=parent.code, actor=setup.officer, version=parent.version, reasons="Sai")
    for child in children_of(parent):
        refused = Event.objects.get(dossier=child, kind="refused")
        assert (refused.from_status, refused.to_status) == (Status.SUBMITTED, Status.REFUSED)
        assert child.reasons == "Sai" and child.closed_at is not None
    for dossier in [parent, *children_of(parent)]:
        assert_chain_states_follow(dossier)


# ---------------------------------------------------------------------------------------------------------------
# 4. A group's applicant hears once per group event


def test_a_groups_applicant_is_told_of_its_receipt_and_result_once(mailoutbox):
    setup = group_setup()
    with at(MONDAY):
        parent = submit_group(setup)
        parent = services.dossier_receive(code=parent.code, actor=setup.officer, version=parent.version)
        assert told(mailoutbox) == [
            (
                f"Hồ sơ {parent.code} đã được tiếp nhận",
                f"Hồ sơ {parent.code} đã được tiếp nhận. Hẹn trả kết quả: 09:00 18/03/2026.",
            )
        ]
        first, second = children_of(parent)
        first = services.dossier_complete_step(code=first.code, actor=setup.specialist, version=first.version)
        services.dossier_resolve(
            code=first.code, actor=setup.leader, version=first.version, outcome="denied", reasons="x"
        )
        services.dossier_resolve(
            code=second.code,
            actor=setup.others["centre_leader"],
            version=second.version,
            outcome="denied",
            reasons="y",
        )
        parent.refresh_from_db()
        services.dossier_return(code=parent.code, actor=setup.officer, version=parent.version)
    assert [subject for subject, _ in told(mailoutbox)] == [
        f"Hồ sơ {parent.code} đã được tiếp nhận",
        f"Hồ sơ {parent.code} đã có kết quả",
    ]
    # The children's events stay in the chain and in the outbox, without the applicant's address.
    for child in children_of(parent):
        rows = OutboxMessage.objects.filter(dossier_id=child.pk)
        assert rows.count() == child.events.count()
        assert not any(row.payload.get("email") or row.payload.get("phone") for row in rows)


def test_a_member_procedures_own_request_still_reaches_the_groups_applicant(mailoutbox):
    setup = group_setup()
    with at(MONDAY):
        parent = submit_group(setup)
        parent = services.dossier_receive(code=parent.code, actor=setup.officer, version=parent.version)
        first, _second = children_of(parent)
        services.dossier_request_supplement(
            code=first.code, actor=setup.specialist, version=first.version, reason="Thiếu", items=["Bản sao"]
        )
    assert [subject for subject, _ in told(mailoutbox)] == [
        f"Hồ sơ {parent.code} đã được tiếp nhận",
        f"Hồ sơ {first.code} cần bổ sung",
    ]


# ---------------------------------------------------------------------------------------------------------------
# 7. Event kinds are one enum


def test_every_event_written_over_a_life_cycle_is_a_known_kind():
    setup = group_setup()
    with at(MONDAY):
        parent = submit_group(setup)
        parent = services.dossier_receive(code=parent.code, actor=setup.officer, version=parent.version)
        first, second = children_of(parent)
        services.dossier_assign(
            code=first.code, actor=setup.specialist, version=first.version, to_user=setup.leader.pk
        )
        first.refresh_from_db()
        first = services.dossier_complete_step(code=first.code, actor=setup.leader, version=first.version)
        services.dossier_add_document(
            code=first.code, actor=setup.leader, file=pdf_file(), source="issued_result"
        )
        services.dossier_resolve(
            code=first.code, actor=setup.leader, version=first.version, outcome="approved"
        )
        services.dossier_stop(
            code=second.code, actor=setup.others["centre_leader"], version=second.version, reasons="y"
        )
        parent.refresh_from_db()
        parent = services.dossier_return(code=parent.code, actor=setup.officer, version=parent.version)
        services.dossier_rate(code=parent.code, actor=setup.applicant, level="satisfied")
    kinds = set(Event.objects.filter(dossier__in=[parent, first, second]).values_list("kind", flat=True))
    assert kinds <= set(EventKind.values)
    assert {
        "submitted",
        "received",
        "assigned",
        "step_completed",
        "document_added",
        "resolved",
        "stopped",
    } <= kinds
    assert {"returned", "rated"} <= kinds
