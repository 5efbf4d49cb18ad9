"""GET /api/v1/calendar/due/: good answers, and clear 400s in Vietnamese or English."""

import pytest

from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/calendar/due/"


def get(client, language=None, **params):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    return client.get(URL, params, **headers)


@pytest.mark.parametrize(
    ("params", "start", "due"),
    [
        # Friday before Tết 2026, one working day: Monday 23/2 same time.
        ({"working_days": "1"}, "2026-02-13T10:00:00+07:00", "2026-02-23T10:00:00+07:00"),
        # Half a working day = 4 working hours, over lunch.
        ({"working_days": "0.5"}, "2026-02-13T10:00:00+07:00", "2026-02-13T15:00:00+07:00"),
        ({"working_minutes": "480"}, "2026-02-13T10:00:00+07:00", "2026-02-23T10:00:00+07:00"),
        # 10 calendar days from 13/2 is 23/2, a working day.
        ({"calendar_days": "10"}, "2026-02-13T10:00:00+07:00", "2026-02-23T10:00:00+07:00"),
        # 5 calendar days is Wednesday 18/2, in Tết: the period ends at the close of Monday 23/2 (Civil Code
        # 2015, art. 148).
        ({"calendar_days": "5"}, "2026-02-13T10:00:00+07:00", "2026-02-23T17:00:00+07:00"),
        ({"working_days": "0"}, "2026-02-13T10:00:00+07:00", "2026-02-13T10:00:00+07:00"),
    ],
)
def test_due_moments(client, params, start, due):
    response = get(client, start="2026-02-13T10:00:00+07:00", **params)
    assert response.status_code == 200, response.json()
    assert response.json() == {"start": start, "due": due}


def test_calendar_days_ending_on_a_holiday_end_at_the_close_of_the_next_working_day(client):
    # 10 days from Monday 20/4/2026 09:00 end on 30/4; 30/4 to 3/5 are off: the close of Monday 4/5.
    response = get(client, start="2026-04-20T09:00:00+07:00", calendar_days="10")
    assert response.json() == {"start": "2026-04-20T09:00:00+07:00", "due": "2026-05-04T17:00:00+07:00"}
    # With an agency's own hours, its own closing time.
    AgencyFactory(code="UBND.X", working_periods=[["07:30", "11:30"], ["13:30", "16:30"]])
    response = get(client, start="2026-04-20T09:00:00+07:00", calendar_days="10", agency="UBND.X")
    assert response.json() == {"start": "2026-04-20T09:00:00+07:00", "due": "2026-05-04T16:30:00+07:00"}


def test_start_outside_working_time_is_moved_and_utc_input_is_answered_in_vietnam_time(client):
    # Sunday 8/3/2026 20:00 in Hanoi, given in UTC.
    response = get(client, start="2026-03-08T13:00:00Z", working_days="2")
    assert response.json() == {"start": "2026-03-09T08:00:00+07:00", "due": "2026-03-11T08:00:00+07:00"}


def test_an_unencoded_plus_and_a_start_without_offset_are_read_as_vietnam_time(client):
    # A literal "+" in a query string arrives as a space.
    response = client.get(URL + "?start=2026-03-02T09:00:00+07:00&working_minutes=90")
    assert response.json()["due"] == "2026-03-02T10:30:00+07:00"
    response = get(client, start="2026-03-02T09:00:00", working_minutes="90")
    assert response.json()["due"] == "2026-03-02T10:30:00+07:00"


def test_agency_working_hours_and_code(client):
    AgencyFactory(code="SO.TUPHAP", working_periods=[["07:30", "11:30"], ["13:30", "17:00"]])
    response = get(client, start="2026-03-02T07:00:00+07:00", working_minutes="240", agency="SO.TUPHAP")
    assert response.json() == {"start": "2026-03-02T07:30:00+07:00", "due": "2026-03-02T11:30:00+07:00"}
    city = get(client, start="2026-03-02T07:00:00+07:00", working_minutes="240")
    assert city.json() == {"start": "2026-03-02T08:00:00+07:00", "due": "2026-03-02T12:00:00+07:00"}


@pytest.mark.parametrize(
    ("params", "parameter", "vi_fragment", "en_fragment"),
    [
        ({"working_days": "3"}, "start", "Thiếu thời điểm bắt đầu", "start is missing"),
        ({"start": "13/02/2026", "working_days": "3"}, "start", "ISO 8601", "ISO 8601"),
        ({"start": "1990-01-01T08:00:00+07:00", "working_days": "3"}, "start", "2000-2090", "2000-2090"),
        ({"start": "2026-02-13T10:00:00+07:00"}, "working_days", "Cần đúng một", "exactly one"),
        (
            {"start": "2026-02-13T10:00:00+07:00", "working_days": "1", "calendar_days": "1"},
            "working_days,calendar_days",
            "Cần đúng một",
            "exactly one",
        ),
        (
            {"start": "2026-02-13T10:00:00+07:00", "working_days": "-1"},
            "working_days",
            "không âm",
            "non-negative",
        ),
        (
            {"start": "2026-02-13T10:00:00+07:00", "calendar_days": "1.5"},
            "calendar_days",
            "không âm",
            "non-negative",
        ),
        (
            {"start": "2026-02-13T10:00:00+07:00", "working_days": "abc"},
            "working_days",
            "không âm",
            "non-negative",
        ),
        (
            {"start": "2026-02-13T10:00:00+07:00", "working_days": "3651"},
            "working_days",
            "không được quá",
            "at most",
        ),
        (
            {"start": "2026-02-13T10:00:00+07:00", "working_minutes": "99999999"},
            "working_minutes",
            "không quá",
            "at most",
        ),
        (
            {"start": "2026-02-13T10:00:00+07:00", "working_days": "1", "agency": "NOPE"},
            "agency",
            "NOPE",
            "NOPE",
        ),
    ],
)
def test_bad_parameters_get_a_clear_400_in_both_languages(
    client, params, parameter, vi_fragment, en_fragment
):
    vi = get(client, **params)
    assert vi.status_code == 400
    body = vi.json()
    assert body["code"] == "invalid_parameter"
    assert body["details"] == {"parameter": parameter}
    assert vi_fragment in body["message"]
    en = get(client, language="en", **params)
    assert en.status_code == 400
    assert en_fragment in en.json()["message"]
    assert en.json()["message"] != body["message"]


def test_the_largest_allowed_amounts_are_answered(client):
    for kind, amount in (("working_days", "3650"), ("calendar_days", "3650"), ("working_minutes", "1752000")):
        response = get(client, start="2090-12-31T23:00:00+07:00", **{kind: amount})
        assert response.status_code == 200, (kind, response.json())


def test_documented_in_the_schema(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/calendar/due/"]["get"]["parameters"]}
    assert {"start", "working_days", "working_minutes", "calendar_days", "agency"} <= parameters
