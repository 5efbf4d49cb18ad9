"""The leaders' pages seen by an attacker: a leader of another agency neither sees nor acts on this agency's
dossiers (lists, reassignment, signing the result, the tracking book), and a reassignment names only an officer
who can handle the step at its agency."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.documents.models import DocumentRecord, Source
from motcua.documents.signing_keys import agencies_that_resolve, create_signing_keys
from motcua.dossiers import services
from tests.factories.accounts import api_client
from tests.factories.dossiers import apology_proposed, received_at, setup_procedure, with_another_agency

pytestmark = pytest.mark.django_db

HN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=HN)
WEDNESDAY = datetime(2026, 3, 11, 9, 0, tzinfo=HN)
LATE = datetime(2026, 3, 17, 9, 0, tzinfo=HN)


@pytest.fixture
def setup():
    return with_another_agency(setup_procedure())


@pytest.fixture
def dossier(setup):
    return received_at(setup, MONDAY)


def act(dossier, action) -> str:
    return f"/workspace/ho-so/{dossier.code}/thao-tac/{action}/"


def test_another_agencys_leader_sees_none_of_the_lists(client, setup, dossier):
    with time_machine.travel(WEDNESDAY, tick=False):
        apology_proposed(setup, dossier, new_due_at=datetime(2026, 3, 20, 9, 0, tzinfo=HN))
    client.force_login(setup.others["other_leader"])
    with time_machine.travel(LATE, tick=False):
        overdue = client.get("/workspace/lanh-dao/thoi-han/?timing=overdue").content.decode()
        approvals = client.get("/workspace/lanh-dao/phe-duyet/").content.decode()
    assert dossier.code not in overdue and dossier.code not in approvals
    # The leader of the agency does see it (so the test can fail).
    client.force_login(setup.leader)
    with time_machine.travel(LATE, tick=False):
        assert dossier.code in client.get("/workspace/lanh-dao/phe-duyet/").content.decode()


def test_another_agencys_leader_cannot_reassign_with_a_tampered_code(client, setup, dossier):
    client.force_login(setup.others["other_leader"])
    answer = client.post(
        act(dossier, "assign"),
        {"version": dossier.version, "to_user": setup.others["other_specialist"].pk, "next": "/workspace/"},
    )
    assert answer.status_code == 404
    dossier.refresh_from_db()
    assert dossier.assignee_id is None


def test_a_reassignment_names_only_an_officer_of_the_steps_agency(client, setup, dossier):
    client.force_login(setup.leader)
    for outsider in (setup.others["other_specialist"], setup.inspector, setup.applicant, setup.officer):
        answer = client.post(act(dossier, "assign"), {"version": dossier.version, "to_user": outsider.pk})
        assert answer.status_code == 400, outsider
    dossier.refresh_from_db()
    assert dossier.assignee_id is None


def test_another_agencys_leader_cannot_sign_the_result_nor_learn_the_dossier_exists(client, setup, dossier):
    create_signing_keys(agencies=agencies_that_resolve())
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=setup.specialist, version=dossier.version, outcome="Đủ điều kiện"
    )
    client.force_login(setup.others["other_leader"])
    known = client.post(f"/workspace/lanh-dao/ho-so/{dossier.code}/ky-ket-qua/")
    unknown = client.post("/workspace/lanh-dao/ho-so/TTHCC-260309-9999/ky-ket-qua/")
    assert known.status_code == unknown.status_code == 404
    assert not DocumentRecord.objects.filter(dossier=dossier, source=Source.ISSUED_RESULT).exists()


def test_the_tracking_book_of_another_agency_is_refused_on_the_page_and_in_the_api(client, setup, dossier):
    client.force_login(setup.others["other_leader"])
    page = client.get(
        "/workspace/lanh-dao/so-theo-doi/",
        {"agency": setup.department.code, "start": "2026-03-01", "end": "2026-03-31"},
    )
    assert page.status_code == 400 and page["Content-Type"].startswith("text/html")
    api = api_client(setup.others["other_leader"]).get(
        f"/api/v1/agencies/{setup.department.code}/tracking-book.pdf",
        {"from": "2026-03-01", "to": "2026-03-31"},
    )
    assert api.status_code == 403
    # An applicant, with sequential guesses of agency codes, gets no book either.
    citizen = api_client(setup.applicant).get(
        f"/api/v1/agencies/{setup.centre.code}/tracking-book.pdf", {"from": "2026-03-01", "to": "2026-03-31"}
    )
    assert citizen.status_code == 403
    assert date(2026, 3, 9) == MONDAY.date()
