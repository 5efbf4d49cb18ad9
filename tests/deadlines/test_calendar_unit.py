"""Edge cases of the pure calendar functions and of the cached calendars."""

import datetime

import pytest

from motcua.deadlines import selectors
from motcua.deadlines.calendar import (
    LOCAL_TZ,
    WorkingCalendar,
    add_calendar_days,
    add_working_days,
    add_working_minutes,
    effective_start,
    working_minutes_between,
)
from motcua.deadlines.models import OverrideKind
from motcua.deadlines.services import calendar_override_set
from tests.factories.organization import AgencyFactory

T = datetime.time
CAL = WorkingCalendar()  # 08:00-12:00, 13:00-17:00, Monday to Friday, no holidays


def at(d, hh=0, mm=0, ss=0):
    return datetime.datetime(2026, 3, d, hh, mm, ss, tzinfo=LOCAL_TZ)  # March 2026: the 2nd is a Monday


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2, 9, 30), at(2, 9, 30)),  # inside working time: unchanged
        (at(2, 7, 59), at(2, 8)),
        (at(2, 12), at(2, 13)),  # 12:00 is the end of the morning, not in it
        (at(2, 12, 30), at(2, 13)),
        (at(2, 16, 59, 59), at(2, 16, 59, 59)),
        (at(2, 17), at(3, 8)),
        (at(6, 18), at(9, 8)),  # Friday evening -> Monday
        (at(8, 21), at(9, 8)),  # Sunday evening -> Monday (DOMAIN.md example)
    ],
)
def test_effective_start(moment, expected):
    assert effective_start(CAL, moment) == expected


def test_moments_in_other_time_zones_are_read_in_vietnam_time_and_answered_in_it():
    utc = datetime.datetime(2026, 3, 2, 2, 0, tzinfo=datetime.UTC)  # 09:00 in Hanoi
    due = add_working_minutes(CAL, utc, 60)
    assert due == at(2, 10) and due.tzinfo is LOCAL_TZ and due.utcoffset() == datetime.timedelta(hours=7)


def test_naive_moments_and_negative_amounts_are_refused():
    naive = datetime.datetime(2026, 3, 2, 9)
    for function in (add_working_days, add_working_minutes, add_calendar_days):
        with pytest.raises(ValueError, match="naive"):
            function(CAL, naive, 1)
        with pytest.raises(ValueError, match="negative"):
            function(CAL, at(2, 9), -1)
    with pytest.raises(ValueError, match="naive"):
        working_minutes_between(CAL, naive, at(3))
    with pytest.raises(ValueError, match="naive"):
        working_minutes_between(CAL, at(2), at(3), pauses=[(naive, None)])


@pytest.mark.parametrize(
    "periods",
    [(), ((T(12), T(8)),), ((T(8), T(12)), (T(11), T(13))), ((T(8), T(8)),)],
)
def test_bad_working_periods_are_refused(periods):
    with pytest.raises(ValueError):
        WorkingCalendar(periods=periods)


def test_minutes_end_exactly_at_a_period_end_and_a_full_day_is_same_time_next_day():
    assert add_working_minutes(CAL, at(2, 8), 240) == at(2, 12)
    assert add_working_minutes(CAL, at(2, 8), 241) == at(2, 13, 1)
    assert add_working_minutes(CAL, at(2, 8), 480) == at(2, 17)
    assert add_working_minutes(CAL, at(2, 10), 480) == at(3, 10)
    assert add_working_minutes(CAL, at(6, 16), 61) == at(9, 8, 1)  # over the weekend
    assert CAL.minutes_per_day() == 480


def test_elapsed_working_minutes_and_pauses():
    assert working_minutes_between(CAL, at(2, 11), at(2, 14)) == 120  # lunch does not count
    assert working_minutes_between(CAL, at(6, 16), at(9, 9)) == 120  # nor the weekend
    assert working_minutes_between(CAL, at(9, 9), at(6, 16)) == 0
    # Waiting for the citizen's supplement from Monday 10:00 to Wednesday 10:00 does not count.
    assert working_minutes_between(CAL, at(2, 8), at(4, 17), pauses=[(at(2, 10), at(4, 10))]) == 120 + 360
    # A pause still open lasts until the end.
    assert working_minutes_between(CAL, at(2, 8), at(4, 17), pauses=[(at(2, 10), None)]) == 120
    assert working_minutes_between(CAL, at(2, 8, 0, 59), at(2, 8, 2)) == 1  # whole minutes only


def test_a_calendar_without_any_working_day_ahead_says_so():
    cal = WorkingCalendar(weekdays=frozenset({0}), days_off=frozenset(), extra_working_days=frozenset())
    assert add_working_days(cal, at(2, 9), 3) == at(23, 9)  # Mondays only
    never = WorkingCalendar(weekdays=frozenset(), extra_working_days=frozenset({datetime.date(2026, 3, 4)}))
    assert add_working_days(never, at(2, 9), 0) == at(4, 8)
    with pytest.raises(ValueError, match="no working day"):
        add_working_days(never, at(2, 9), 1)


@pytest.mark.django_db
def test_calendars_are_reused_until_an_override_changes(django_assert_num_queries):
    first = selectors.calendar_for()
    with django_assert_num_queries(1):
        assert selectors.calendar_for() is first
    calendar_override_set(day=datetime.date(2026, 3, 3), kind=OverrideKind.DAY_OFF, reason="Nghỉ")
    changed = selectors.calendar_for()
    assert changed is not first
    assert not changed.is_working_day(datetime.date(2026, 3, 3))


@pytest.mark.django_db
def test_override_rows_are_read_once_per_block_and_forgotten_when_one_is_written(django_assert_num_queries):
    agency = AgencyFactory()
    day = datetime.date(2026, 3, 3)  # a Tuesday
    with selectors.calendars_kept():
        with django_assert_num_queries(2):  # the city's rows, then the agency's (with the city's)
            for _ in range(3):
                assert selectors.calendar_for().is_working_day(day)
                assert selectors.calendar_for(agency=agency).is_working_day(day)
        with selectors.calendars_kept(), django_assert_num_queries(0):  # an inner block shares the rows
            selectors.calendar_for(agency=agency)
        # Written within the block (the calendar page, the admin): the next read sees it.
        override = calendar_override_set(day=day, kind=OverrideKind.DAY_OFF, reason="Nghỉ", agency=agency)
        assert not selectors.calendar_for(agency=agency).is_working_day(day)
        assert selectors.calendar_for().is_working_day(day)
        override.delete()
        assert selectors.calendar_for(agency=agency).is_working_day(day)
        # The agency's hours changed within the block: its calendar follows.
        agency.working_periods = [["07:30", "11:30"]]
        assert selectors.calendar_for(agency=agency).periods == (
            (datetime.time(7, 30), datetime.time(11, 30)),
        )
    with django_assert_num_queries(2):  # outside a block, each read asks the database
        selectors.calendar_for(agency=agency)
        selectors.calendar_for(agency=agency)
