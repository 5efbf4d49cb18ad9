"""Properties of the working-calendar arithmetic, on random calendars and on the real Vietnamese one."""

import datetime
from datetime import UTC

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.deadlines import reference
from motcua.deadlines.calendar import (
    LOCAL_TZ,
    WorkingCalendar,
    add_calendar_days,
    add_working_days,
    add_working_minutes,
    effective_start,
    working_minutes_between,
)
from motcua.deadlines.selectors import statutory_days

T = datetime.time
PERIOD_SETS = [
    ((T(8), T(12)), (T(13), T(17))),
    ((T(7, 30), T(11, 30)), (T(13, 30), T(16, 30))),
    ((T(7), T(11, 45)),),
    ((T(0), T(6)), (T(7, 15), T(9, 5)), (T(18), T(23, 59))),
]

_off, _swapped = statutory_days()
VIETNAM = WorkingCalendar(days_off=_off, extra_working_days=_swapped)

some_days = st.dates(min_value=datetime.date(2025, 12, 1), max_value=datetime.date(2027, 12, 31))
random_calendars = st.builds(
    WorkingCalendar,
    periods=st.sampled_from(PERIOD_SETS),
    weekdays=st.frozensets(st.integers(0, 6), min_size=1),
    days_off=st.frozensets(some_days, max_size=60),
    extra_working_days=st.frozensets(some_days, max_size=10),
)
calendars = st.one_of(st.just(VIETNAM), random_calendars)
moments = st.datetimes(
    min_value=datetime.datetime(2025, 12, 1),
    max_value=datetime.datetime(2027, 12, 31),
    timezones=st.just(LOCAL_TZ),
) | st.datetimes(
    min_value=datetime.datetime(2025, 12, 1),
    max_value=datetime.datetime(2027, 12, 31),
    timezones=st.just(UTC),
)
whole_minute_moments = moments.map(lambda m: m.replace(second=0, microsecond=0))


def in_working_time_or_period_end(cal, moment):
    local = moment.astimezone(LOCAL_TZ)
    clock = local.time()
    return cal.is_working_day(local.date()) and any(s <= clock <= e for s, e in cal.periods)


@settings(max_examples=200)
@given(cal=calendars, start=moments, minutes=st.integers(0, 20_000))
def test_adding_minutes_then_measuring_gives_them_back(cal, start, minutes):
    due = add_working_minutes(cal, start, minutes)
    assert working_minutes_between(cal, start, due) == minutes
    assert in_working_time_or_period_end(cal, due)
    assert due.tzinfo is LOCAL_TZ


@settings(max_examples=200)
@given(cal=calendars, start=moments, days=st.integers(0, 400))
def test_working_days_land_inside_working_time_after_exactly_n_working_days(cal, start, days):
    begin = effective_start(cal, start)
    due = add_working_days(cal, start, days)
    assert reference.in_working_time(cal, due)
    assert due.time() == begin.time()
    assert working_minutes_between(cal, start, due) == days * cal.minutes_per_day()


@settings(max_examples=300)
@given(cal=calendars, start=moments, days=st.integers(0, 400))
def test_calendar_days_end_n_days_later_on_a_working_day_or_at_the_close_of_the_next_working_day(
    cal, start, days
):
    """Civil Code 2015, art. 148: the same clock time N days after the (effective) start when that day is a
    working day; otherwise the close (end of the last working period) of the first working day after it."""
    plain = effective_start(cal, start) + datetime.timedelta(days=days)
    due = add_calendar_days(cal, start, days)
    assert due.tzinfo is LOCAL_TZ
    if cal.is_working_day(plain.date()):
        assert due == plain
        assert reference.in_working_time(cal, due)
    else:
        assert due.date() > plain.date()
        assert cal.is_working_day(due.date())
        day = plain.date() + datetime.timedelta(days=1)
        while day < due.date():  # every day between the last day and the due day is a day off
            assert not cal.is_working_day(day)
            day += datetime.timedelta(days=1)
        assert due.time() == cal.periods[-1][1]
        # Not a minute of the due day's working time is left: it ends at its close.
        assert working_minutes_between(cal, plain, due) == cal.minutes_per_day()


@settings(max_examples=150)
@given(
    cal=calendars, start=moments, n=st.integers(0, 300), more=st.integers(0, 300), later=st.integers(0, 10**7)
)
def test_adding_is_monotonic_in_the_amount_and_in_the_start(cal, start, n, more, later):
    # Calendar days are not monotonic (art. 148 stretches a period that ends on a day off to the next working
    # day's close): see test_calendar_unit.py.
    later_start = start + datetime.timedelta(seconds=later)
    assert add_working_days(cal, start, n) <= add_working_days(cal, start, n + more)
    assert add_working_days(cal, start, n) <= add_working_days(cal, later_start, n)
    minutes = n * 37
    assert add_working_minutes(cal, start, minutes) <= add_working_minutes(cal, start, minutes + more)
    assert add_working_minutes(cal, start, minutes) <= add_working_minutes(cal, later_start, minutes)


@settings(max_examples=150)
@given(cal=calendars, start=moments)
def test_effective_start_is_the_first_working_moment_not_before_the_moment(cal, start):
    begin = effective_start(cal, start)
    assert begin >= start
    assert reference.in_working_time(cal, begin)
    assert working_minutes_between(cal, start, begin) == 0
    assert effective_start(cal, begin) == begin


@settings(max_examples=150)
@given(cal=calendars, points=st.lists(whole_minute_moments, min_size=4, max_size=4))
def test_a_pause_never_counts(cal, points):
    start, pause_start, pause_end, end = sorted(points)
    with_pause = working_minutes_between(cal, start, end, pauses=[(pause_start, pause_end)])
    assert with_pause == working_minutes_between(cal, start, pause_start) + working_minutes_between(
        cal, pause_end, end
    )
    # An open pause lasts until the end; a pause covering everything leaves nothing.
    assert working_minutes_between(cal, start, end, pauses=[(pause_start, None)]) == working_minutes_between(
        cal, start, pause_start
    )
    assert working_minutes_between(cal, start, end, pauses=[(start - datetime.timedelta(days=1), None)]) == 0


@settings(max_examples=100)
@given(cal=calendars, points=st.lists(whole_minute_moments, min_size=6, max_size=6))
def test_overlapping_pauses_count_once(cal, points):
    start, a, b, c, d, end = sorted(points)
    overlapping = working_minutes_between(cal, start, end, pauses=[(a, c), (b, d), (b, c)])
    assert overlapping == working_minutes_between(cal, start, end, pauses=[(a, d)])


@settings(max_examples=100, deadline=None)
@given(
    cal=calendars,
    start=whole_minute_moments,
    days=st.integers(0, 40),
    minutes=st.integers(0, 2_000),
    span=st.integers(0, 3 * 24 * 60),
)
def test_agrees_with_the_step_by_step_reference(cal, start, days, minutes, span):
    assert effective_start(cal, start) == reference.effective_start(cal, start)
    assert add_working_days(cal, start, days) == reference.add_working_days(cal, start, days)
    assert add_calendar_days(cal, start, days) == reference.add_calendar_days(cal, start, days)
    assert add_working_minutes(cal, start, minutes) == reference.add_working_minutes(cal, start, minutes)
    end = start + datetime.timedelta(minutes=span)
    assert working_minutes_between(cal, start, end) == reference.working_minutes_between(cal, start, end)
