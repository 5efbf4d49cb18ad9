"""The administrators' calendar page: only administrators; a day off added there moves the due moments computed
afterwards; duplicates and days that would not change are refused beside the field; a change can be removed."""

import pytest

from motcua.accounts.models import Role
from motcua.deadlines.models import CalendarOverride, OverrideKind
from tests.factories.accounts import user_with_role

pytestmark = pytest.mark.django_db

PAGE = "/workspace/lich-lam-viec/"
DUE = "/api/v1/calendar/due/?start=2027-03-01T09:00:00%2B07:00&working_days=1"  # Monday -> Tuesday 09:00


@pytest.fixture
def admin():
    return user_with_role(Role.ADMINISTRATOR, None)


def add(client, **fields):
    data = {"date": "02/03/2027", "kind": OverrideKind.DAY_OFF, "reason": "Nghỉ bù ngày bầu cử", "agency": ""}
    data.update(fields)
    return client.post(f"{PAGE}?year=2027", data)


def test_only_administrators(client):
    client.force_login(user_with_role(Role.INSPECTOR, None))
    assert client.get(PAGE).status_code == 403
    assert add(client).status_code == 403
    assert not CalendarOverride.objects.exists()


def test_the_page_lists_the_statutory_days_of_the_year(client, admin):
    client.force_login(admin)
    html = client.get(f"{PAGE}?year=2026").content.decode()
    assert "Lịch làm việc năm 2026" in html
    assert "02/09/2026" in html and "01/01/2026" in html  # National Day, New Year


def test_a_day_off_added_moves_the_due_moments_and_can_be_removed(client, admin):
    assert client.get(DUE).json()["due"] == "2027-03-02T09:00:00+07:00"
    client.force_login(admin)

    response = add(client)

    assert response.status_code == 302 and response["Location"] == f"{PAGE}?year=2027"
    assert client.get(DUE).json()["due"] == "2027-03-03T09:00:00+07:00"
    html = client.get(response["Location"]).content.decode()
    assert 'data-date="2027-03-02"' in html and "Nghỉ bù ngày bầu cử" in html

    again = add(client, reason="Lần nữa")
    assert again.status_code == 400
    assert "Ngày này đã có trong danh sách điều chỉnh" in again.content.decode()
    assert 'value="Lần nữa"' in again.content.decode()  # what was typed is kept

    override = CalendarOverride.objects.get()
    assert client.post(f"{PAGE}{override.pk}/xoa/", {"year": "2027"}).status_code == 302
    assert not CalendarOverride.objects.exists()
    assert client.get(DUE).json()["due"] == "2027-03-02T09:00:00+07:00"


def test_a_change_that_changes_nothing_is_refused(client, admin):
    client.force_login(admin)
    sunday = add(client, date="07/03/2027")
    assert sunday.status_code == 400 and "Ngày này đã là ngày nghỉ." in sunday.content.decode()
    working = add(client, date="03/03/2027", kind=OverrideKind.WORKING_DAY, reason="Làm bù")
    assert working.status_code == 400 and "Ngày này đã là ngày làm việc." in working.content.decode()
    blank = add(client, reason="   ")
    assert blank.status_code == 400 and "error-summary" in blank.content.decode()
    assert not CalendarOverride.objects.exists()
