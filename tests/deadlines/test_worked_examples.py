"""Worked examples on the real Vietnamese calendar (holidays package + overrides), through the selectors."""

import datetime
import io
from decimal import Decimal

import pytest

from motcua.core.errors import ValidationFailed
from motcua.deadlines import demo, selectors
from motcua.deadlines.calendar import LOCAL_TZ, add_calendar_days
from motcua.deadlines.models import CalendarOverride, OverrideKind
from motcua.deadlines.services import calendar_override_set, due_moment, effective_start_for
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


def at(y, m, d, hh=0, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=LOCAL_TZ)


def test_tet_2026_days_are_off_and_the_next_working_day_is_monday_23_february():
    cal = selectors.calendar_for()
    for day in range(14, 23):
        assert not cal.is_working_day(datetime.date(2026, 2, day)), day
    assert cal.is_working_day(datetime.date(2026, 2, 13))
    assert cal.is_working_day(datetime.date(2026, 2, 23))
    # Received Friday 13/2 at 10:00 with one working day: due Monday 23/2 at 10:00.
    assert due_moment(start=at(2026, 2, 13, 10), kind="working_days", amount=1) == at(2026, 2, 23, 10)
    # Filed online during Tết: starts on 23/2 at 08:00.
    assert effective_start_for(moment=at(2026, 2, 17, 21)) == at(2026, 2, 23, 8)


def test_tet_2027_runs_from_4_to_10_february():
    cal = selectors.calendar_for()
    off = [datetime.date(2027, 2, d) for d in range(4, 11)]
    assert all(not cal.is_working_day(d) for d in off)
    assert cal.is_working_day(datetime.date(2027, 2, 3))
    assert cal.is_working_day(datetime.date(2027, 2, 11))
    # 3 working days from Wednesday 3/2/2027 09:00: Thu 11, Fri 12, Mon 15.
    assert due_moment(start=at(2027, 2, 3, 9), kind="working_days", amount=3) == at(2027, 2, 15, 9)


def test_reunification_and_labour_day_2026():
    # 30/4 (Thu) and 1/5 (Fri) off, then the weekend: 2 working days from Wed 29/4 15:00 end Tue 5/5 15:00.
    assert due_moment(start=at(2026, 4, 29, 15), kind="working_days", amount=2) == at(2026, 5, 5, 15)
    # 8 working hours from Wed 29/4 16:00: one hour that day, seven on Monday 4/5.
    assert due_moment(start=at(2026, 4, 29, 16), kind="working_minutes", amount=480) == at(2026, 5, 4, 16)


def test_national_day_2026_with_its_swapped_saturday():
    cal = selectors.calendar_for()
    assert cal.is_working_day(datetime.date(2026, 8, 22))  # Saturday worked in exchange for Monday 31/8
    for day in (datetime.date(2026, 8, 31), datetime.date(2026, 9, 1), datetime.date(2026, 9, 2)):
        assert not cal.is_working_day(day)
    # Friday 21/8 10:00 + 1 working day = Saturday 22/8 10:00; + 2 = Monday 24/8.
    assert due_moment(start=at(2026, 8, 21, 10), kind="working_days", amount=1) == at(2026, 8, 22, 10)
    assert due_moment(start=at(2026, 8, 21, 10), kind="working_days", amount=2) == at(2026, 8, 24, 10)
    # Friday 28/8 10:00 + 1 working day: 31/8, 1/9, 2/9 are off, so Thursday 3/9.
    assert due_moment(start=at(2026, 8, 28, 10), kind="working_days", amount=1) == at(2026, 9, 3, 10)
    # Calendar days whose last day is 31/8 (off until 2/9) end at the close of Thursday 3/9.
    assert due_moment(start=at(2026, 8, 21, 10), kind="calendar_days", amount=10) == at(2026, 9, 3, 17)


def test_vietnamese_culture_day_24_november_is_off_from_2026():
    cal = selectors.calendar_for()
    assert not cal.is_working_day(datetime.date(2026, 11, 24))  # Tuesday
    assert cal.is_working_day(datetime.date(2025, 11, 24))  # Monday, not yet a holiday
    assert due_moment(start=at(2026, 11, 23, 9), kind="working_days", amount=1) == at(2026, 11, 25, 9)


def test_half_a_working_day_is_half_the_agency_working_minutes():
    assert due_moment(start=at(2026, 3, 2, 8), kind="working_days", amount=Decimal("0.5")) == at(
        2026, 3, 2, 12
    )
    assert due_moment(start=at(2026, 3, 2, 8), kind="working_days", amount=Decimal("1.5")) == at(
        2026, 3, 3, 12
    )


def test_city_override_day_off_and_agency_make_up_day():
    agency = AgencyFactory()
    calendar_override_set(day=datetime.date(2026, 3, 3), kind=OverrideKind.DAY_OFF, reason="Nghỉ")
    assert not selectors.calendar_for().is_working_day(datetime.date(2026, 3, 3))
    assert due_moment(start=at(2026, 3, 2, 9), kind="working_days", amount=1) == at(2026, 3, 4, 9)
    # The agency works that day anyway (its own override wins), and also on Saturday 7/3.
    calendar_override_set(
        day=datetime.date(2026, 3, 3), kind=OverrideKind.WORKING_DAY, reason="Làm", agency=agency
    )
    calendar_override_set(
        day=datetime.date(2026, 3, 7), kind=OverrideKind.WORKING_DAY, reason="Làm", agency=agency
    )
    own = selectors.calendar_for(agency=agency)
    assert own.is_working_day(datetime.date(2026, 3, 3))
    assert own.is_working_day(datetime.date(2026, 3, 7))
    assert not selectors.calendar_for().is_working_day(datetime.date(2026, 3, 7))
    # An override wins over the package: 22/8/2026 declared off after all.
    calendar_override_set(day=datetime.date(2026, 8, 22), kind=OverrideKind.DAY_OFF, reason="Nghỉ")
    assert not selectors.calendar_for().is_working_day(datetime.date(2026, 8, 22))


def test_agency_working_hours_are_respected():
    agency = AgencyFactory(
        working_periods=[["07:30", "11:30"], ["13:30", "16:30"]], working_weekdays=[0, 1, 2, 3, 4, 5]
    )
    assert selectors.calendar_for(agency=agency).minutes_per_day() == 420
    # Saturday 7/3/2026 is a working day for this agency; 16:30 is the end of its day.
    assert effective_start_for(moment=at(2026, 3, 6, 16, 45), agency=agency) == at(2026, 3, 7, 7, 30)
    assert due_moment(start=at(2026, 3, 7, 16), kind="working_minutes", amount=30, agency=agency) == at(
        2026, 3, 7, 16, 30
    )


def test_bad_kind_or_amount_is_refused():
    with pytest.raises(ValidationFailed):
        due_moment(start=at(2026, 3, 2, 9), kind="weeks", amount=1)
    with pytest.raises(ValidationFailed):
        due_moment(start=at(2026, 3, 2, 9), kind="calendar_days", amount=Decimal("1.5"))
    with pytest.raises(ValidationFailed):
        due_moment(start=at(2026, 3, 2, 9), kind="working_days", amount=-1)


def test_calendar_days_from_a_weekend_start():
    cal = selectors.calendar_for()
    # Filed Saturday 7/3/2026 evening: starts Monday 9/3 08:00; 5 calendar days = Saturday 14/3, a day off, so
    # the period ends at the close of Monday 16/3.
    assert add_calendar_days(cal, at(2026, 3, 7, 20), 5) == at(2026, 3, 16, 17)
    # 4 calendar days = Friday 13/3, a working day: the same clock time.
    assert add_calendar_days(cal, at(2026, 3, 7, 20), 4) == at(2026, 3, 13, 8)


# --- calendar days and the Civil Code 2015, art. 148 -------------------------------------------------------


def test_calendar_days_ending_in_the_reunification_and_labour_day_run_end_at_the_close_of_monday_4_may():
    """10 calendar days from Monday 20/4/2026 09:00: the last day is Thursday 30/4 (Reunification Day); 1/5
    (Labour Day) is off too, then the weekend. The override table says nothing of these days, the demo's
    overrides included; so the period ends at the close of Monday 4/5, 17:00 (not 08:00)."""
    demo.load(stdout=io.StringIO())
    assert not CalendarOverride.objects.filter(
        date__range=(datetime.date(2026, 4, 30), datetime.date(2026, 5, 4))
    )
    cal = selectors.calendar_for()
    for day in (30, 1, 2, 3):
        assert not cal.is_working_day(datetime.date(2026, 4 if day == 30 else 5, day)), day
    assert cal.is_working_day(datetime.date(2026, 5, 4))
    assert due_moment(start=at(2026, 4, 20, 9), kind="calendar_days", amount=10) == at(2026, 5, 4, 17)
    # 9 days end on Wednesday 29/4, a working day: plain arithmetic, same clock time.
    assert due_moment(start=at(2026, 4, 20, 9), kind="calendar_days", amount=9) == at(2026, 4, 29, 9)
    # Every last day from 30/4 to 3/5 ends at the same close.
    for amount in (10, 11, 12, 13):
        assert due_moment(start=at(2026, 4, 20, 9), kind="calendar_days", amount=amount) == at(2026, 5, 4, 17)
    # 14 days end on Monday 4/5 itself, a working day: 09:00, earlier than the 10-day period's end. The rule
    # is the law's, so calendar-day due moments are not monotonic in the amount (nor in the start).
    assert due_moment(start=at(2026, 4, 20, 9), kind="calendar_days", amount=14) == at(2026, 5, 4, 9)


def test_calendar_days_end_at_the_agency_own_closing_time():
    agency = AgencyFactory(working_periods=[["07:30", "11:30"], ["13:30", "16:30"]])
    assert due_moment(start=at(2026, 4, 20, 9), kind="calendar_days", amount=10, agency=agency) == at(
        2026, 5, 4, 16, 30
    )
    # A single morning period: the day closes at its end.
    morning = AgencyFactory(working_periods=[["07:00", "11:45"]])
    assert due_moment(start=at(2026, 4, 20, 9), kind="calendar_days", amount=10, agency=morning) == at(
        2026, 5, 4, 11, 45
    )


def test_calendar_days_ending_on_a_swapped_working_saturday_end_that_saturday_at_the_same_time():
    # Saturday 22/8/2026 is worked (in exchange for Monday 31/8): a last day like any working day.
    assert due_moment(start=at(2026, 8, 12, 10), kind="calendar_days", amount=10) == at(2026, 8, 22, 10)
    # The Saturday before is an ordinary day off: the close of Monday 17/8.
    assert due_moment(start=at(2026, 8, 5, 10), kind="calendar_days", amount=10) == at(2026, 8, 17, 17)


def test_calendar_days_ending_during_tet_end_at_the_close_of_the_first_working_day_after_it():
    # Tết 2026: Saturday 14/2 to Sunday 22/2 off. 10 days from Friday 6/2 10:00 end on Monday 16/2, in the run.
    assert due_moment(start=at(2026, 2, 6, 10), kind="calendar_days", amount=10) == at(2026, 2, 23, 17)
    # Tết 2027: Thursday 4/2 to Wednesday 10/2 off; 30 days from Tuesday 5/1/2027 14:00 end on Thursday 4/2.
    assert due_moment(start=at(2027, 1, 5, 14), kind="calendar_days", amount=30) == at(2027, 2, 11, 17)


def test_calendar_days_follow_the_override_table():
    agency = AgencyFactory()
    # Tuesday 10/3/2026 declared a day off for the city: a period ending that day ends at the close of 11/3.
    calendar_override_set(day=datetime.date(2026, 3, 10), kind=OverrideKind.DAY_OFF, reason="Nghỉ")
    assert due_moment(start=at(2026, 3, 2, 9), kind="calendar_days", amount=8) == at(2026, 3, 11, 17)
    # The agency works on Saturday 7/3: its period ending that day ends then, at the same clock time.
    calendar_override_set(
        day=datetime.date(2026, 3, 7), kind=OverrideKind.WORKING_DAY, reason="Làm", agency=agency
    )
    assert due_moment(start=at(2026, 3, 2, 9), kind="calendar_days", amount=5, agency=agency) == at(
        2026, 3, 7, 9
    )
    assert due_moment(start=at(2026, 3, 2, 9), kind="calendar_days", amount=5) == at(2026, 3, 9, 17)
