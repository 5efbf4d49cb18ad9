"""The administrators' pages: officers (search, create with a password shown once, roles, deactivation) and
express lanes (add, change, end), linked from the workspace home; a lane added on the page shows on the counter
the same day; nobody else may open them."""

from datetime import datetime

import pytest
import time_machine

from motcua.accounts.models import Membership, Role, User
from motcua.catalog.models import ExpressLane, Procedure
from motcua.catalog.services import procedure_refresh_search
from motcua.core import clock
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import setup_procedure
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db
OFFICERS = "/workspace/quan-tri/can-bo/"
LANES = "/workspace/quan-tri/lan-xanh/"
TUESDAY = datetime(2026, 3, 10, 9, 0, tzinfo=clock.LOCAL_TZ)


@pytest.fixture
def setup():
    return setup_procedure()


@pytest.fixture
def admin():
    return user_with_role(Role.ADMINISTRATOR, None, full_name="Quản Trị Viên")


def test_only_administrators_open_the_pages(client, setup):
    client.force_login(setup.leader)
    for url in (OFFICERS, f"{OFFICERS}them/", LANES, f"{OFFICERS}{setup.specialist.pk}/"):
        assert client.get(url).status_code == 403
    assert 'id="officers-link"' not in client.get("/workspace/").content.decode()


def test_the_officer_list_searches_and_filters_by_agency(client, setup, admin):
    client.force_login(admin)
    home = client.get("/workspace/").content.decode()
    assert 'id="officers-link"' in home and 'id="express-lanes-link"' in home
    html = client.get(OFFICERS, {"q": setup.specialist.username}).content.decode()
    assert f'data-officer="{setup.specialist.username}"' in html
    assert f'data-officer="{setup.officer.username}"' not in html
    html = client.get(OFFICERS, {"agency": setup.centre.pk}).content.decode()
    assert f'data-officer="{setup.officer.username}"' in html
    assert f'data-officer="{setup.specialist.username}"' not in html


def test_an_officer_is_created_with_a_password_shown_once(client, setup, admin):
    client.force_login(admin)
    refused = client.post(f"{OFFICERS}them/", {"username": "", "full_name": "Lan", "role": Role.SPECIALIST})
    assert refused.status_code == 400 and 'href="#id_username"' in refused.content.decode()

    created = client.post(
        f"{OFFICERS}them/",
        {
            "username": "cb.lan",
            "full_name": "Trần Thị Lan",
            "role": Role.SPECIALIST,
            "agency": setup.department.pk,
        },
    )

    assert created.status_code == 200 and "no-store" in created["Cache-Control"]
    html = created.content.decode()
    password = html.split('<code id="initial-password">')[1].split("</code>")[0]
    officer = User.objects.get(username="cb.lan")
    assert officer.check_password(password)
    assert password not in client.get(f"{OFFICERS}{officer.pk}/").content.decode()


def test_roles_are_granted_and_withdrawn_and_the_account_locked(client, setup, admin):
    client.force_login(admin)
    page = f"{OFFICERS}{setup.specialist.pk}/"
    assert client.post(page, {"role": Role.LEADER, "agency": setup.department.pk}).status_code == 302
    twice = client.post(page, {"role": Role.LEADER, "agency": setup.department.pk})
    assert twice.status_code == 400 and "Cán bộ đã có vai trò này" in twice.content.decode()
    membership = Membership.objects.get(user=setup.specialist, role=Role.LEADER)
    assert client.post(f"{page}vai-tro/{membership.pk}/thu-hoi/").status_code == 302
    assert not Membership.objects.get(pk=membership.pk).is_active

    assert client.post(f"{page}tai-khoan/", {"active": "0"}).status_code == 302
    assert not User.objects.get(pk=setup.specialist.pk).is_active
    assert "Đã khóa" in client.get(page).content.decode()


def test_an_agency_administrator_cannot_grant_elsewhere_nor_to_themselves(client, setup):
    admin = user_with_role(Role.ADMINISTRATOR, setup.centre)
    client.force_login(admin)
    assert client.get(f"{OFFICERS}{setup.specialist.pk}/").status_code == 404  # another agency's officer
    page = f"{OFFICERS}{setup.officer.pk}/"
    html = client.get(page).content.decode()
    assert f'value="{setup.department.pk}"' not in html  # only their agencies are offered
    refused = client.post(page, {"role": Role.LEADER, "agency": AgencyFactory().pk})
    assert refused.status_code == 400  # not a choice on the form
    own = client.post(f"{OFFICERS}{admin.pk}/", {"role": Role.LEADER, "agency": setup.centre.pk})
    assert own.status_code == 403
    assert not Membership.objects.filter(user=admin, role=Role.LEADER).exists()


@time_machine.travel(TUESDAY, tick=False)
def test_a_lane_added_on_the_page_shows_on_the_counter_and_can_be_changed_and_ended(client, setup, admin):
    procedure = Procedure.objects.get(pk=setup.version.procedure_id)
    procedure.name = "Cấp phiếu lý lịch tư pháp"
    procedure.save()
    procedure_refresh_search(procedure=procedure)
    client.force_login(admin)
    data = {
        "procedure": procedure.code,
        "agency": setup.centre.pk,
        "name": "Thứ Ba xanh",
        "weekdays": ["1"],
        "working_minutes": "45",
        "counter_only": "on",
    }
    refused = client.post(LANES, {**data, "weekdays": [], "working_minutes": "0"})
    assert refused.status_code == 400
    assert "Chọn ít nhất một ngày trong tuần." in refused.content.decode()

    assert client.post(LANES, data).status_code == 302
    lane = ExpressLane.objects.get()
    assert f'data-lane="{procedure.code}"' in client.get(LANES).content.decode()

    counter = user_with_role(Role.RECEIVING_OFFICER, setup.centre)
    client.force_login(counter)
    html = client.get("/workspace/quay/", {"q": "ly lich tu phap"}).content.decode()
    assert "Làn xanh hôm nay: 45 phút làm việc" in html

    client.force_login(admin)
    edit = client.get(f"{LANES}{lane.pk}/").content.decode()
    assert 'value="45"' in edit
    assert client.post(f"{LANES}{lane.pk}/", {**data, "working_minutes": "30"}).status_code == 302
    assert ExpressLane.objects.get().working_minutes == 30
    assert client.post(f"{LANES}{lane.pk}/ket-thuc/").status_code == 302
    client.force_login(counter)
    assert "Làn xanh hôm nay" not in client.get("/workspace/quay/", {"q": "ly lich tu phap"}).content.decode()


def test_an_agency_administrator_sees_only_the_roles_at_their_agencies(client, setup):
    """An officer working at two agencies (and holding a system-wide role): the administrator of one sees that
    agency's roles, in the list and on the officer's page, and only a count of the others."""
    officer = user_with_role(Role.SPECIALIST, setup.centre, full_name="Phạm Văn Hai")
    Membership.objects.create(user=officer, role=Role.LEADER, agency=setup.department)
    Membership.objects.create(user=officer, role=Role.RECEIVING_OFFICER, agency=setup.department)
    Membership.objects.create(user=officer, role=Role.INSPECTOR, agency=None)
    Membership.objects.create(user=officer, role=Role.SPECIALIST, agency=AgencyFactory(), is_active=False)
    admin = user_with_role(Role.ADMINISTRATOR, setup.centre)
    client.force_login(admin)

    listing = client.get(OFFICERS, {"q": officer.username}).content.decode()
    row = listing.split(f'data-officer="{officer.username}"')[1].split("</tr>")[0]
    assert setup.centre.code in row
    assert setup.department.code not in row and "Lãnh đạo" not in row and "Thanh tra" not in row
    assert 'data-roles-elsewhere="3"' in row  # the current ones only: the withdrawn role is not counted

    page = client.get(f"{OFFICERS}{officer.pk}/").content.decode()
    assert f'data-agency="{setup.centre.code}"' in page
    assert setup.department.code not in page and setup.department.name not in page
    assert 'data-role="leader"' not in page and 'data-role="inspector"' not in page
    assert 'data-role="receiving_officer"' not in page
    assert page.count("data-role=") == 1
    assert "Cán bộ còn 3 vai trò tại cơ quan khác" in page

    client.cookies.load({"django_language": "en"})
    english = client.get(f"{OFFICERS}{officer.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "also holds 3 roles at other agencies" in english


def test_a_citywide_administrator_sees_every_role(client, setup, admin):
    Membership.objects.create(user=setup.specialist, role=Role.LEADER, agency=setup.centre)
    client.force_login(admin)
    page = client.get(f"{OFFICERS}{setup.specialist.pk}/").content.decode()
    assert f'data-agency="{setup.centre.code}"' in page and f'data-agency="{setup.department.code}"' in page
    assert 'id="roles-elsewhere"' not in page
    listing = client.get(OFFICERS, {"q": setup.specialist.username}).content.decode()
    assert "data-roles-elsewhere" not in listing
