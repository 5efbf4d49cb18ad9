"""GET /api/v1/reports/progress/: scoped, validated, JSON/XLSX/CSV with the same figures."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook
from rest_framework.test import APIClient

from motcua.accounts.models import Role
from tests.api.test_dossier_api import client_for
from tests.factories.accounts import user_with_role
from tests.factories.feedback import file_feedback
from tests.factories.organization import AgencyFactory

from .test_counting import MONDAY, at, receive_at, resolve_at

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
URL = "/api/v1/reports/progress/"


@pytest.fixture
def figures():
    from tests.factories.dossiers import setup_procedure

    setup = setup_procedure()
    dossier = receive_at(setup, MONDAY)
    receive_at(setup, MONDAY)
    resolve_at(setup, dossier, datetime(2026, 3, 12, 10, 0, tzinfo=HN))
    return setup


@time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=HN), tick=False)
def test_inspector_sees_every_agency_with_the_figures(figures):
    answer = client_for(figures.inspector).get(URL, {"period": "2026-03"})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["period"] == {"label": "2026-03", "first": "2026-03-01", "last": "2026-03-31"}
    (row,) = body["results"]
    assert row["agency"]["code"] == figures.department.code
    assert row["received"] == {"carried_over": 0, "total": 2, "online": 2, "direct": 0, "postal": 0}
    assert row["resolved"] == {"total": 1, "early": 1, "on_time": 0, "late": 0}
    assert row["in_progress"] == {"total": 1, "within_time": 1, "overdue": 0, "paused": 0}
    assert row["on_time_rate"] == 1.0
    assert body["total"]["agency"] is None and body["total"]["received"]["total"] == 2


@time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=HN), tick=False)
def test_an_officer_sees_only_their_agencies_and_an_applicant_nothing(figures):
    quiet = AgencyFactory()
    other = user_with_role(Role.LEADER, quiet)
    # Their own agency is listed even with nothing counted: zeros, not an empty table.
    (own,) = client_for(other).get(URL, {"period": "2026-03"}).json()["results"]
    assert own["agency"]["code"] == quiet.code
    assert own["received"]["total"] == own["resolved"]["total"] == own["in_progress"]["total"] == 0
    answer = client_for(other).get(URL, {"period": "2026-03", "agency": figures.department.code})
    assert answer.status_code == 400 and answer.json()["code"] == "invalid_parameter"
    leader = client_for(figures.leader).get(URL, {"period": "2026-03"}).json()
    assert [r["agency"]["code"] for r in leader["results"]] == [figures.department.code]
    assert client_for(figures.applicant).get(URL, {"period": "2026-03"}).status_code == 403
    assert APIClient().get(URL, {"period": "2026-03"}).status_code == 401


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"period": "2026-13"},
        {"period": "9999"},
        {"period": "2026-W54"},
        {"from": "2026-03-02"},
        {"from": "2026-03-09", "to": "2026-03-02"},
        {"period": "2026-03", "format": "pdf"},
        {"period": "2026-02-30", "format": "xlsx"},
    ],
)
def test_bad_parameters_answer_400_in_json(figures, params):
    answer = client_for(figures.inspector).get(URL, params, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400
    assert answer["Content-Type"].startswith("application/json")
    assert answer.json()["code"] in ("invalid_parameter", "invalid_period")


@time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=HN), tick=False)
def test_xlsx_and_csv_carry_the_same_figures(figures):
    client = client_for(figures.inspector)
    xlsx = client.get(URL, {"period": "2026-03", "format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"] == 'attachment; filename="bao-cao-tien-do-20260301-20260331.xlsx"'
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    headings = rows[3]
    department = dict(zip(headings, rows[4], strict=True))
    assert department["Mã cơ quan"] == figures.department.code
    assert (department["Tiếp nhận trong kỳ"], department["Trước hạn"], department["Tỷ lệ đúng hạn (%)"]) == (
        2,
        1,
        100,
    )
    assert rows[5][0] == "Tổng cộng"
    assert sheet.page_setup.orientation == "landscape"

    text = client.get(URL, {"period": "2026-03", "format": "csv"}).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == headings
    assert table[1][headings.index("Tiếp nhận trong kỳ")] == "2"


@time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=HN), tick=False)
def test_the_exports_speak_english_once_english_is_chosen(figures):
    client = client_for(figures.inspector)
    client.cookies["django_language"] = "en"
    text = client.get(URL, {"period": "2026-03", "format": "csv"}).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    headings = table[0]
    assert {"Agency code", "Carried over", "Received in the period", "On-time rate (%)"} <= set(headings)
    assert table[-1][0] == "Total"
    assert table[1][headings.index("Received in the period")] == "2"


@time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=HN), tick=False)
def test_an_agency_with_feedback_but_no_dossiers_has_its_row_in_every_format(figures):
    quiet = AgencyFactory(code="ZZ-QUIET")
    idle = AgencyFactory(code="ZZ-IDLE")
    with at(datetime(2026, 3, 9, 10, 0, tzinfo=HN)):
        file_feedback(figures.applicant, agency_code=quiet.code)
        file_feedback(figures.applicant, agency_code=quiet.code, kind="recommendation")
    client = client_for(figures.inspector)
    body = client.get(URL, {"period": "2026-03"}).json()
    # Every agency with anything counted, ordered by code; an agency with nothing at all is not listed.
    assert [r["agency"]["code"] for r in body["results"]] == [figures.department.code, quiet.code]
    row = body["results"][1]
    assert row["received"] == {"carried_over": 0, "total": 0, "online": 0, "direct": 0, "postal": 0}
    assert row["in_progress"] == {"total": 0, "within_time": 0, "overdue": 0, "paused": 0}
    assert row["feedback"] == {
        "complaints": 1,
        "recommendations": 1,
        "due": 0,
        "answered_on_time": 0,
        "answered_late": 0,
    }
    assert body["total"]["feedback"]["complaints"] == 1
    assert body["total"]["received"]["total"] == 2
    # Named explicitly, an agency with nothing counted answers its row of zeros.
    (named,) = client.get(URL, {"period": "2026-03", "agency": idle.code}).json()["results"]
    assert named["agency"]["code"] == idle.code and named["feedback"]["complaints"] == 0
    # The month before: nothing filed, nothing received.
    assert client.get(URL, {"period": "2026-02"}).json()["results"] == []

    text = client.get(URL, {"period": "2026-03", "format": "csv"}).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    quiet_line = dict(zip(table[0], table[2], strict=True))
    assert (quiet_line["Mã cơ quan"], quiet_line["Phản ánh trong kỳ"], quiet_line["Tiếp nhận trong kỳ"]) == (
        quiet.code,
        "1",
        "0",
    )
    xlsx = client.get(URL, {"period": "2026-03", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[1].value for row in sheet.iter_rows(min_row=5)] == [figures.department.code, quiet.code, None]
