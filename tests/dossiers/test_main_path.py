from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction

from motcua.core.errors import ActionNotAllowed, PermissionDenied, StaleVersion
from motcua.core.hashchain import GENESIS_HASH
from motcua.dossiers import services
from motcua.dossiers.audit import chain_break
from motcua.dossiers.models import Event, Status
from motcua.notifications.models import OutboxMessage
from tests.factories.dossiers import pdf_file, received, setup_procedure, submit_online

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")


@time_machine.travel(datetime(2026, 3, 9, 9, 30, tzinfo=HN), tick=False)  # a Monday
def test_online_submission_gets_a_code_of_the_receiving_agency_and_the_day():
    setup = setup_procedure()
    first = submit_online(setup)
    second = submit_online(setup)
    assert first.code == "TTHCC-260309-0001"
    assert second.code == "TTHCC-260309-0002"
    assert first.status == Status.SUBMITTED
    assert first.due_at is None  # the clock has not started
    assert first.competent_agency == setup.department


@time_machine.travel(datetime(2026, 3, 9, 23, 30, tzinfo=HN), tick=False)
def test_code_day_is_the_local_day_not_utc():
    # 23:30 in Hanoi is 16:30 UTC on the same day, 00:30 the next day would be UTC's previous day.
    setup = setup_procedure()
    assert submit_online(setup).code.startswith("TTHCC-260309-")


def test_main_path_receive_steps_resolve_return_with_chain_and_outbox():
    setup = setup_procedure()
    with time_machine.travel(datetime(2026, 3, 9, 9, 30, tzinfo=HN), tick=False):
        dossier = received(setup)
    # 5 working days from Monday 09:30 -> Monday 16 March 09:30; steps 0.5 and 4.5 days.
    assert dossier.status == Status.RECEIVED
    assert dossier.due_at == datetime(2026, 3, 16, 9, 30, tzinfo=HN)
    steps = list(dossier.steps.order_by("order"))
    assert steps[0].finished_at is not None  # receiving is done at the counter
    assert steps[0].due_at == datetime(2026, 3, 9, 14, 30, tzinfo=HN)  # 240 working minutes
    assert steps[1].due_at == dossier.due_at
    assert dossier.current_step == steps[1]
    assert dossier.current_agency == setup.department

    with time_machine.travel(datetime(2026, 3, 10, 10, 0, tzinfo=HN), tick=False):
        dossier = services.dossier_complete_step(
            code=dossier.code, actor=setup.specialist, version=dossier.version, outcome="Đủ điều kiện"
        )
        assert dossier.current_step is None
        assert dossier.status == Status.IN_PROGRESS
        services.dossier_add_document(
            code=dossier.code, actor=setup.specialist, file=pdf_file(), source="issued_result"
        )
        dossier = services.dossier_resolve(
            code=dossier.code, actor=setup.leader, version=dossier.version, outcome="approved"
        )
        assert dossier.status == Status.RESOLVED
        dossier = services.dossier_return(code=dossier.code, actor=setup.officer, version=dossier.version)
    assert dossier.status == Status.RETURNED
    assert dossier.returned_at is not None

    events = list(Event.objects.filter(dossier=dossier).order_by("seq"))
    assert [e.kind for e in events] == [
        "submitted",
        "received",
        "step_completed",
        "document_added",
        "resolved",
        "returned",
    ]
    assert events[0].previous_hash == GENESIS_HASH
    assert all(e.previous_hash == p.hash for p, e in zip(events, events[1:], strict=False))
    assert chain_break(dossier_id=dossier.pk) is None
    assert OutboxMessage.objects.filter(dossier_id=dossier.pk).count() == len(events)


def test_stale_version_and_disallowed_moves_are_conflicts_and_wrong_roles_forbidden():
    setup = setup_procedure()
    dossier = submit_online(setup)
    with pytest.raises(PermissionDenied):
        services.dossier_receive(code=dossier.code, actor=setup.applicant, version=dossier.version)
    with pytest.raises(StaleVersion):
        services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version + 1)
    with pytest.raises(ActionNotAllowed):
        services.dossier_return(code=dossier.code, actor=setup.officer, version=dossier.version)


def test_events_cannot_be_changed_or_deleted():
    setup = setup_procedure()
    dossier = submit_online(setup)
    event = Event.objects.get(dossier=dossier)
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        Event.objects.filter(dossier=dossier).update(kind="x")
    with pytest.raises(TypeError):
        Event.objects.filter(dossier=dossier).delete()


def test_tampering_breaks_the_chain():
    setup = setup_procedure()
    dossier = received(setup)
    sql = "UPDATE dossiers_event SET payload = %s WHERE dossier_id = %s AND seq = 1"
    params = ['{"channel": "counter"}', dossier.pk]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The database itself refuses; only a superuser bypassing triggers can tamper.
            with pytest.raises(DatabaseError), transaction.atomic():
                cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")
    found = chain_break(dossier_id=dossier.pk)
    assert found is not None and found.index == 0 and found.reason == "hash_mismatch"
