"""Real concurrency on PostgreSQL: threads with their own database connections hit one dossier or one agency."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from rest_framework.test import APIClient

from motcua.core.errors import Conflict
from motcua.dossiers import services
from motcua.dossiers.audit import chain_break
from motcua.dossiers.models import Dossier, Status
from tests.factories.dossiers import applicant_data, setup_procedure, submit_online

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_concurrently(count: int, work):
    """Start `count` calls of work(i) at the same moment; each thread uses (and closes) its own connection."""
    barrier = threading.Barrier(count)

    def one(i):
        try:
            barrier.wait()
            return work(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def test_twenty_identical_actions_on_one_dossier_exactly_one_wins():
    setup = setup_procedure()
    dossier = submit_online(setup)

    def receive(_):
        try:
            services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)
            return "ok"
        except Conflict as exc:
            return exc.status_code

    outcomes = Counter(run_concurrently(20, receive))
    assert outcomes == {"ok": 1, 409: 19}
    dossier.refresh_from_db()
    assert dossier.version == 2
    assert dossier.events.filter(kind="received").count() == 1


def test_fifty_concurrent_submissions_get_fifty_consecutive_codes():
    setup = setup_procedure()

    def submit(_):
        return submit_online(setup).code

    codes = run_concurrently(50, submit)
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert numbers == list(range(1, 51))
    assert len(set(codes)) == 50


def test_a_retried_submission_with_the_same_idempotency_key_makes_one_dossier():
    setup = setup_procedure()
    body = {
        "procedure": setup.version.procedure.code,
        "receiving_agency": setup.centre.code,
        "applicant": {"name": "Nguyễn Văn An"},
    }

    def post(_):
        client = APIClient()
        client.force_authenticate(setup.applicant)
        response = client.post("/api/v1/dossiers/", body, format="json", HTTP_IDEMPOTENCY_KEY="retry-42")
        return response.status_code, response.json()["code"]

    results = run_concurrently(10, post)
    assert {status for status, _ in results} == {201}
    assert len({code for _, code in results}) == 1
    assert Dossier.objects.count() == 1
    # The next submission at the agency takes the next number: the losers' numbers were rolled back.
    assert submit_online(setup, applicant=applicant_data()).code.endswith("-0002")


def test_a_child_resolved_while_its_group_parent_is_withdrawn_never_deadlocks():
    """The child's action locks the parent first, as the parent's action does: one order, no deadlock."""
    from motcua.catalog.models import ProcedureGroup, ProcedureGroupMember
    from tests.factories.accounts import user_with_role
    from tests.factories.catalog import ProcedureVersionFactory

    setup = setup_procedure()
    second = ProcedureVersionFactory(competent_agency=setup.centre, processing_time_amount=3)
    group = ProcedureGroup.objects.create(code="LT09", name="Nhóm liên thông thử", processing_time_amount=7)
    ProcedureGroupMember.objects.create(group=group, procedure=setup.version.procedure, order=1)
    ProcedureGroupMember.objects.create(group=group, procedure=second.procedure, order=2)
    centre_leader = user_with_role("leader", setup.centre)
    for _round in range(5):
        parent = services.dossier_submit(
            actor=setup.applicant,
            applicant=applicant_data(),
            channel="online",
            group_code="LT09",
            receiving_agency_code=setup.centre.code,
        )
        parent = services.dossier_receive(code=parent.code, actor=setup.officer, version=parent.version)
        child = parent.children.get(code=f"{parent.code}.2")

        def act(i, parent=parent, child=child):
            try:
                if i == 0:
                    services.dossier_withdraw(
                        code=parent.code,
                        actor=setup.applicant,
                        version=parent.version,
                        reasons="Không cần nữa",
                    )
                else:
                    services.dossier_resolve(
                        code=child.code,
                        actor=centre_leader,
                        version=child.version,
                        outcome="denied",
                        reasons="x",
                    )
                return "ok"
            except Conflict as exc:
                return exc.status_code

        outcomes = run_concurrently(2, act)
        assert set(outcomes) <= {"ok", 409} and "ok" in outcomes
        parent.refresh_from_db()
        assert parent.status in {Status.WITHDRAWN, Status.RECEIVED, Status.RESOLVED}
        assert parent.status != Status.WITHDRAWN or child_status(child) in {Status.WITHDRAWN, Status.RESOLVED}
        assert chain_break(dossier_id=parent.pk) is None and chain_break(dossier_id=child.pk) is None


def child_status(child: Dossier) -> str:
    child.refresh_from_db()
    return child.status
