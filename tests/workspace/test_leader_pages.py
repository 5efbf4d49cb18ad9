"""The leaders' pages: only leaders; the approvals page lists the proposals and results waiting and its forms
post to the dossier actions and come back; the overdue list reassigns work; the tracking book form answers the
PDF or names what is wrong."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import Role
from motcua.documents.models import DocumentRecord, Source
from motcua.documents.signing_keys import agencies_that_resolve, create_signing_keys
from motcua.dossiers import services
from motcua.dossiers.models import ApologyProposal, ProposalStatus, Status
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import apology_proposed, received_at, setup_procedure

pytestmark = pytest.mark.django_db

HN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=HN)
WEDNESDAY = datetime(2026, 3, 11, 9, 0, tzinfo=HN)
NEW_APPOINTMENT = datetime(2026, 3, 20, 9, 0, tzinfo=HN)
LATE = datetime(2026, 3, 17, 9, 0, tzinfo=HN)  # the day after the due moment (Monday 16/3 09:00)
APPROVALS = "/workspace/lanh-dao/phe-duyet/"


@pytest.fixture
def setup():
    return setup_procedure()


@pytest.fixture
def dossier(setup):
    return received_at(setup, MONDAY)


def act(dossier, action) -> str:
    return f"/workspace/ho-so/{dossier.code}/thao-tac/{action}/"


@pytest.mark.parametrize(
    "path",
    ["/workspace/lanh-dao/", APPROVALS, "/workspace/lanh-dao/thoi-han/", "/workspace/lanh-dao/so-theo-doi/"],
)
def test_only_leaders(client, setup, path):
    client.force_login(setup.specialist)
    assert client.get(path).status_code == 403
    client.force_login(setup.leader)
    assert client.get(path).status_code == 200
    client.logout()
    assert client.get(path).status_code == 302  # to the sign-in page


def test_the_leader_approves_a_proposal_from_the_approvals_page(client, setup, dossier):
    with time_machine.travel(WEDNESDAY, tick=False):
        dossier = apology_proposed(setup, dossier, new_due_at=NEW_APPOINTMENT, reason="Chờ xác minh")
        client.force_login(setup.leader)
        html = client.get(APPROVALS).content.decode()
        assert f'data-code="{dossier.code}"' in html and "Chờ xác minh" in html and "20/03/2026 09:00" in html
        overview = client.get("/workspace/lanh-dao/").content.decode()
        assert '<span class="figure">1</span> đề xuất xin lỗi' in overview

        response = client.post(
            act(dossier, "approve_apology"), {"version": dossier.version, "next": APPROVALS}
        )

        assert response.status_code == 302 and response["Location"] == APPROVALS
        page = client.get(APPROVALS).content.decode()
        assert f"Đã thực hiện: Duyệt đề xuất xin lỗi và hẹn lại (hồ sơ {dossier.code})." in page
        assert "Không có đề xuất nào chờ duyệt." in page
    dossier.refresh_from_db()
    assert dossier.rescheduled_due_at == datetime(2026, 3, 20, 9, 0, tzinfo=HN)


def test_a_page_elsewhere_is_never_a_place_to_come_back_to(client, setup, dossier):
    with time_machine.travel(WEDNESDAY, tick=False):
        dossier = apology_proposed(setup, dossier, new_due_at=NEW_APPOINTMENT, reason="Chờ")
        client.force_login(setup.leader)
        response = client.post(
            act(dossier, "reject_apology"),
            {"version": dossier.version, "note": "Chưa rõ lý do", "next": "https://example.com/workspace/"},
        )
    assert response["Location"] == f"/workspace/ho-so/{dossier.code}/"
    assert ApologyProposal.objects.get(dossier=dossier).status == ProposalStatus.REJECTED


def test_a_result_waiting_is_signed_and_approved_from_the_approvals_page(client, setup, dossier):
    create_signing_keys(agencies=agencies_that_resolve())
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=setup.specialist, version=dossier.version, outcome="Đủ điều kiện"
    )
    client.force_login(setup.leader)
    html = client.get(APPROVALS).content.decode()
    assert f'data-code="{dossier.code}"' in html and "Ký số văn bản kết quả" in html

    response = client.post(f"/workspace/lanh-dao/ho-so/{dossier.code}/ky-ket-qua/")

    assert response.status_code == 302 and response["Location"] == APPROVALS
    assert DocumentRecord.objects.get(dossier=dossier, source=Source.ISSUED_RESULT).signed
    dossier.refresh_from_db()
    response = client.post(
        act(dossier, "resolve"), {"version": dossier.version, "outcome": "approved", "next": APPROVALS}
    )
    assert response["Location"] == APPROVALS
    dossier.refresh_from_db()
    assert dossier.status == Status.RESOLVED
    assert "Không có hồ sơ nào chờ phê duyệt kết quả." in client.get(APPROVALS).content.decode()


def test_the_overdue_list_reassigns_a_dossier_to_another_officer(client, setup, dossier):
    colleague = user_with_role(Role.SPECIALIST, setup.department, full_name="Trần Thị Bình")
    client.force_login(setup.leader)
    with time_machine.travel(LATE, tick=False):
        html = client.get("/workspace/lanh-dao/thoi-han/?timing=overdue").content.decode()
        assert f'data-code="{dossier.code}"' in html and "Trần Thị Bình" in html
        assert (
            client.get("/workspace/lanh-dao/thoi-han/?timing=due_soon").content.decode().count("data-code=")
            == 0
        )
        here = "/workspace/lanh-dao/thoi-han/?timing=overdue"

        response = client.post(
            act(dossier, "assign"), {"version": dossier.version, "to_user": colleague.pk, "next": here}
        )

    assert response.status_code == 302 and response["Location"] == here
    dossier.refresh_from_db()
    assert dossier.assignee == colleague


def test_the_overdue_list_costs_the_same_few_queries_however_many_rows(
    client, setup, django_assert_max_num_queries
):
    colleague = user_with_role(Role.SPECIALIST, setup.department, full_name="Lê <Văn> Cường")
    dossiers = [received_at(setup, MONDAY) for _ in range(3)]
    with time_machine.travel(MONDAY, tick=False):
        services.dossier_assign(
            code=dossiers[0].code, actor=setup.leader, version=dossiers[0].version, to_user=colleague.username
        )
    client.force_login(setup.leader)
    with time_machine.travel(LATE, tick=False):
        client.get("/workspace/lanh-dao/")  # the session is read once
        # session, user, roles, the agency and its calendar (the due-soon limit), one page of rows, the officers
        with django_assert_max_num_queries(7):
            html = client.get("/workspace/lanh-dao/thoi-han/?timing=overdue").content.decode()
    assert html.count("data-code=") == 3
    for dossier in dossiers:
        assert f'action="/workspace/ho-so/{dossier.code}/thao-tac/assign/"' in html
        assert f'href="/workspace/ho-so/{dossier.code}/"' in html
    # Each select offers the agency's officers, names escaped, the current assignee selected (none: the first).
    assert html.count("Lê &lt;Văn&gt; Cường</option>") == 3
    assert html.count(f'<option value="{colleague.pk}" selected>') == 1 and html.count(" selected>") == 1


def test_the_approvals_page_costs_the_same_few_queries_however_many_results(
    client, setup, django_assert_max_num_queries
):
    done = []
    for _ in range(3):
        dossier = received_at(setup, MONDAY)
        done.append(
            services.dossier_complete_step(
                code=dossier.code, actor=setup.specialist, version=dossier.version, outcome="Đủ điều kiện"
            )
        )
    client.force_login(setup.leader)
    client.get(APPROVALS)
    # session, user, roles, the proposals, the results (with their procedure and whether a result is signed)
    with django_assert_max_num_queries(5):
        html = client.get(APPROVALS).content.decode()
    for dossier in done:
        assert f'action="/workspace/lanh-dao/ho-so/{dossier.code}/ky-ket-qua/"' in html
        assert f'<td><a href="/workspace/ho-so/{dossier.code}/">{dossier.code}</a></td>' in html
    assert html.count("<td>16/03/2026 09:00</td>") == 3  # the due moment, local time


def test_the_overview_counts_with_one_reading_of_the_agencies_and_the_calendar(client, setup):
    received_at(setup, MONDAY)  # due on Monday 16/3 09:00
    received_at(setup, datetime(2026, 3, 10, 9, 0, tzinfo=HN))  # due on Tuesday 17/3 09:00
    client.force_login(setup.leader)
    with time_machine.travel(LATE, tick=False):  # Tuesday 17/3 09:00: one overdue, one due now
        client.get("/workspace/lanh-dao/")
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/workspace/lanh-dao/").content.decode()
    assert '<span class="figure">1</span> hồ sơ quá hạn' in html
    assert '<span class="figure">1</span> hồ sơ đến hạn trong 1 ngày làm việc' in html
    statements = [query["sql"] for query in captured]
    # session, user, roles, the agencies led, the proposals, the results, the calendar's agency and its rows
    # (once for both counts), the two counts
    assert len(statements) <= 10
    assert sum("deadlines_calendaroverride" in sql for sql in statements) == 1
    assert sum('FROM "organization_agency"' in sql for sql in statements) == 2


def test_the_overdue_list_refuses_a_broken_position(client, setup):
    client.force_login(setup.leader)
    response = client.get("/workspace/lanh-dao/thoi-han/?timing=overdue&after=nonsense")
    assert response.status_code == 400 and "error-summary" in response.content.decode()


def test_the_tracking_book_form_answers_the_pdf_or_says_what_is_wrong(client, setup, dossier):
    client.force_login(setup.leader)
    code = setup.department.code
    pdf = client.get(
        "/workspace/lanh-dao/so-theo-doi/", {"agency": code, "start": "01/03/2026", "end": "31/03/2026"}
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    wrong = client.get(
        "/workspace/lanh-dao/so-theo-doi/", {"agency": code, "start": "31/03/2026", "end": "01/01/2025"}
    )
    html = wrong.content.decode()
    assert wrong.status_code == 400 and "error-summary" in html
    assert "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu." in html
    assert 'value="31/03/2026"' in html or 'value="2026-03-31"' in html  # what was typed is kept
    other = client.get(
        "/workspace/lanh-dao/so-theo-doi/",
        {"agency": setup.centre.code, "start": "01/03/2026", "end": "02/03/2026"},
    )
    assert other.status_code == 400  # not an agency this leader leads: not a choice
