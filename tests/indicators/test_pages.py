"""The indicator pages with a hand-computed dataset: the numbers appear, each page is scoped, bad input is a 400.

The dataset (competent agency STP, 5 working days each):
- A: received Monday 2 February 2026 09:00, still open at the end of February, resolved 12 March (late);
- B, C: received Monday 9 March 09:00 (due 16 March 09:00); B resolved 12 March (early), C still open.
Seen on Friday 13 March 2026 at 10:00. March: carried over 1, received 2 (online), resolved 2 (1 early, 1 late),
open 1 within time; on-time rate (1 early + 1 within) / (2 resolved + 1 open) = 66.7%. Q1 the same, with 3
received. Progress group (20 points, target 100%): 20 x 2/3 = 13.33.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from motcua.accounts.models import Role
from motcua.indicators.dashboard import monthly_trend
from tests.factories.accounts import CITIZEN_NAME, user_with_role
from tests.factories.organization import AgencyFactory

from .test_counting import MONDAY, receive_at, resolve_at

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 13, 10, 0, tzinfo=HN)
DASHBOARD = "/workspace/chi-so/STP/"


@pytest.fixture
def figures():
    from tests.factories.dossiers import setup_procedure

    setup = setup_procedure()
    late = receive_at(setup, datetime(2026, 2, 2, 9, 0, tzinfo=HN))
    early = receive_at(setup, MONDAY)
    receive_at(setup, MONDAY)
    resolve_at(setup, early, datetime(2026, 3, 12, 10, 0, tzinfo=HN))
    resolve_at(setup, late, datetime(2026, 3, 12, 11, 0, tzinfo=HN))
    return setup


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def figure(html: str, name: str) -> str:
    """The text of the element marked data-figure=name (its link's text when it is a link)."""
    start = html.index(f'data-figure="{name}"')
    text = html[html.index(">", start) + 1 : html.index("</", start)]
    return text.rsplit(">", 1)[-1].strip()


def test_dashboard_shows_the_numbers_of_the_period(figures):
    answer = client_of(figures.leader).get(DASHBOARD, {"period": "2026-03"})
    assert answer.status_code == 200
    html = answer.content.decode()
    expected = {
        "received": "2",
        "carried_over": "1",
        "received_online": "2",
        "resolved": "2",
        "resolved_early": "1",
        "resolved_on_time": "0",
        "resolved_late": "1",
        "open": "1",
        "within_time": "1",
        "overdue": "0",
        "paused": "0",
        "on_time_rate": "66,7%",
        "online_rate": "100,0%",
    }
    assert {name: figure(html, name) for name in expected} == expected
    assert "Tháng 03/2026" in html
    assert "format=xlsx" in html and "agency=STP" in html
    assert "timing=in_progress_overdue" in html  # the running month: the open ones are one click away


def test_dashboard_defaults_to_the_running_quarter(figures):
    html = client_of(figures.leader).get(DASHBOARD).content.decode()
    assert "Quý 1/2026" in html
    assert (figure(html, "received"), figure(html, "carried_over"), figure(html, "on_time_rate")) == (
        "3",
        "0",
        "66,7%",
    )


def test_a_period_that_has_ended_links_no_live_lists(figures):
    html = client_of(figures.inspector).get(DASHBOARD, {"period": "2026-02"}).content.decode()
    assert figure(html, "received") == "1" and figure(html, "open") == "1"
    assert "timing=" not in html
    assert "Chưa ghi nhận tình trạng hồ sơ cuối kỳ" in html  # no end-of-February snapshot was taken


def test_the_trend_has_twelve_months_with_the_backlog_carried_over(figures):
    trend = monthly_trend(agency=figures.department)
    assert [m.period.label for m in trend][-3:] == ["2026-01", "2026-02", "2026-03"]
    assert len(trend) == 12 and trend[0].period.label == "2025-04"
    january, february, march = trend[-3:]
    assert (january.backlog, february.backlog, march.backlog) == (0, 1, 1)
    assert (january.online_rate, february.online_rate, march.online_rate) == (None, 1.0, 1.0)
    assert february.on_time_rate is None  # no snapshot of 28 February
    assert march.on_time_rate == pytest.approx(2 / 3)
    html = client_of(figures.leader).get(DASHBOARD).content.decode()
    assert "<svg" in html and '<td class="numeric">66,7%</td>' in html
    assert 'style="' not in html  # the Content-Security-Policy allows no inline style


@pytest.mark.parametrize("who", ["other_leader", "applicant", "specialist_elsewhere"])
def test_others_get_404(figures, who):
    users = {
        "other_leader": lambda: user_with_role(Role.LEADER, AgencyFactory()),
        "applicant": lambda: figures.applicant,
        "specialist_elsewhere": lambda: user_with_role(Role.SPECIALIST, figures.centre),
    }
    assert client_of(users[who]()).get(DASHBOARD).status_code == 404


def test_own_staff_and_inspectors_see_the_dashboard_and_strangers_sign_in(figures):
    assert client_of(figures.specialist).get(DASHBOARD).status_code == 200
    assert client_of(figures.inspector).get(DASHBOARD).status_code == 200
    assert client_of(figures.inspector).get("/workspace/chi-so/NOPE/").status_code == 404
    assert Client().get(DASHBOARD).status_code == 302


def test_ranking_shows_group_scores_and_links_each_agency(figures):
    answer = client_of(figures.inspector).get("/workspace/xep-hang/", {"period": "2026-Q1"})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Sở Tư pháp" in html and f'href="{DASHBOARD}?period=2026-Q1"' in html
    assert ">13,33<" in html  # progress: 20 x 2/3
    assert client_of(figures.leader).get("/workspace/xep-hang/").status_code == 200
    assert client_of(figures.specialist).get("/workspace/xep-hang/").status_code == 404


def test_a_leader_ranking_links_only_the_dashboards_they_may_open(figures):
    own = client_of(figures.leader).get("/workspace/xep-hang/", {"period": "2026-Q1"}).content.decode()
    assert f'href="{DASHBOARD}?period=2026-Q1"' in own
    stranger = user_with_role(Role.LEADER, AgencyFactory())
    html = client_of(stranger).get("/workspace/xep-hang/", {"period": "2026-Q1"}).content.decode()
    assert "Sở Tư pháp" in html and 'href="/workspace/chi-so/STP/' not in html  # ranked, not theirs to open
    inspector = (
        client_of(figures.inspector).get("/workspace/xep-hang/", {"period": "2026-Q1"}).content.decode()
    )
    for viewer, page in ((figures.leader, own), (figures.inspector, inspector)):
        for code in re.findall(r'href="/workspace/chi-so/([^/"]+)/\?', page):
            assert client_of(viewer).get(f"/workspace/chi-so/{code}/").status_code == 200


def test_ranking_level_filter_leaves_out_other_kinds(figures):
    html = client_of(figures.inspector).get("/workspace/xep-hang/", {"level": "commune"}).content.decode()
    assert "Sở Tư pháp" not in html and "Chưa có số liệu cho kỳ này." in html


def test_transparency_page_is_public_without_personal_data(figures):
    answer = Client().get("/minh-bach/", {"period": "2026-Q1"})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Sở Tư pháp" in html and "66,7%" in html
    assert CITIZEN_NAME not in html and figures.applicant.username not in html
    assert "<svg" in html and 'aria-hidden="true"' in html and "<caption" in html
    english = Client(HTTP_COOKIE="django_language=en").get("/minh-bach/", {"period": "2026-Q1"})
    assert "66.7%" in english.content.decode()


@pytest.mark.parametrize("params", [{"period": "2026-13"}, {"period": "xyz"}, {"level": "district"}])
def test_bad_filters_answer_400_with_the_reason(figures, params):
    answer = Client().get("/minh-bach/", params)
    assert answer.status_code == 400
    assert "Có lỗi cần sửa" in answer.content.decode()
    dashboard = client_of(figures.leader).get(DASHBOARD, {"period": params.get("period", "2026-00")})
    assert dashboard.status_code == 400


def test_workspace_home_and_portal_home_lead_to_the_pages(figures):
    leader = client_of(figures.leader).get("/workspace/").content.decode()
    assert f'href="{DASHBOARD}"' in leader and 'href="/workspace/xep-hang/"' in leader
    specialist = client_of(figures.specialist).get("/workspace/").content.decode()
    assert f'href="{DASHBOARD}"' in specialist and 'href="/workspace/xep-hang/"' not in specialist
    assert 'href="/minh-bach/"' in Client().get("/").content.decode()


def test_workspace_home_offers_no_link_that_answers_404(figures):
    """The inspector has no scorecard of their own, an applicant no feedback inbox, an agency's administrator no
    city calendar: no dead links for them."""
    agency_administrator = user_with_role(Role.ADMINISTRATOR, figures.department)
    for user in (
        figures.inspector,
        figures.applicant,
        figures.leader,
        figures.specialist,
        agency_administrator,
    ):
        client = client_of(user)
        html = client.get("/workspace/").content.decode()
        for path in set(re.findall(r'href="(/workspace/[^"#]*)"', html)):
            assert client.get(path.replace("&amp;", "&")).status_code == 200, (user.username, path)


def test_a_past_month_with_nothing_left_open_needs_no_snapshot():
    from tests.factories.dossiers import setup_procedure

    setup = setup_procedure()
    dossier = receive_at(setup, datetime(2026, 2, 2, 9, 0, tzinfo=HN))
    resolve_at(setup, dossier, datetime(2026, 2, 4, 9, 0, tzinfo=HN))  # early, nothing open at the end

    february = monthly_trend(agency=setup.department)[-2]
    assert (february.period.label, february.backlog, february.on_time_rate) == ("2026-02", 0, 1.0)
    html = client_of(setup.leader).get(DASHBOARD, {"period": "2026-02"}).content.decode()
    assert figure(html, "on_time_rate") == "100,0%" and figure(html, "overdue") == "0"
