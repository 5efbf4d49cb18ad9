"""The override admin and its year calendar page."""

import datetime

import pytest
import time_machine
from django.conf import settings

from motcua.deadlines.models import OverrideKind
from tests.factories.deadlines import CalendarOverrideFactory
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db
YEAR_URL = "/admin/deadlines/calendaroverride/year/"


def test_changelist_links_to_the_year_calendar(admin_client):
    response = admin_client.get("/admin/deadlines/calendaroverride/")
    assert response.status_code == 200
    assert YEAR_URL.encode() in response.content


def test_year_page_marks_holidays_swapped_saturdays_and_overrides(admin_client):
    CalendarOverrideFactory(
        date=datetime.date(2026, 3, 3), kind=OverrideKind.DAY_OFF, reason="Bầu cử bổ sung"
    )
    CalendarOverrideFactory(
        date=datetime.date(2026, 3, 7),
        kind=OverrideKind.WORKING_DAY,
        reason="Làm bù",
        legal_basis="TB 12/TB-UBND",
    )
    response = admin_client.get(YEAR_URL + "2026/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Năm 2026" in html and "Năm 2025" in html and "Năm 2027" in html
    assert html.count('<table class="wc-month">') == 12
    # Statutory days carry their names as text, not only a colour.
    assert "17/02: Tết Nguyên Đán" in html
    assert "24/11: Ngày Văn hóa Việt Nam" in html
    assert "22/08: làm bù" in html
    assert "03/03: nghỉ - Bầu cử bổ sung" in html
    assert "07/03: làm việc - Làm bù; TB 12/TB-UBND" in html
    # 2026: 261 weekdays, 13 statutory days off on weekdays, 1 swapped Saturday (22/8), then the two overrides.
    assert response.context["working_days"] == 261 - 13 + 1 - 1 + 1


def test_year_page_in_english_and_for_an_agency(admin_client):
    agency = AgencyFactory(code="UBND.PHUONG1", working_weekdays=[0, 1, 2, 3, 4, 5])
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = admin_client.get(YEAR_URL + "2026/", {"agency": agency.code})
    html = response.content.decode()
    assert "Vietnam Cultural Day" in html
    # Saturdays are working days for this agency: 313 Mondays..Saturdays minus 13 statutory days off.
    assert response.context["working_days"] == 300


def test_year_defaults_to_the_current_year(client, admin_user):
    with time_machine.travel(datetime.datetime(2027, 6, 1, 3, tzinfo=datetime.UTC)):
        client.force_login(admin_user)
        response = client.get(YEAR_URL)
    assert response.context["year"] == 2027


def test_year_page_needs_permission(client, django_user_model):
    user = django_user_model.objects.create_user(username="staff", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(YEAR_URL + "2026/").status_code == 403
