"""Step-by-step reference versions of the calendar functions: a day (or a minute) at a time.

Obviously correct and slow. The tests use them as an oracle for `calendar.py`, and bench/calendar_bench.py
measures how much faster `calendar.py` is. Minute resolution: give them moments on whole minutes.
"""

from __future__ import annotations

import datetime

from .calendar import LOCAL_TZ, WorkingCalendar

_DAY = datetime.timedelta(days=1)
_MINUTE = datetime.timedelta(minutes=1)


def in_working_time(cal: WorkingCalendar, moment: datetime.datetime) -> bool:
    local = moment.astimezone(LOCAL_TZ)
    clock = local.time()
    return cal.is_working_day(local.date()) and any(s <= clock < e for s, e in cal.periods)


def effective_start(cal: WorkingCalendar, moment: datetime.datetime) -> datetime.datetime:
    local = moment.astimezone(LOCAL_TZ)
    if in_working_time(cal, local):
        return local
    day = local.date()
    if cal.is_working_day(day):
        for start, _end in cal.periods:
            if start > local.time():
                return datetime.datetime.combine(day, start, tzinfo=LOCAL_TZ)
    day += _DAY
    while not cal.is_working_day(day):
        day += _DAY
    return datetime.datetime.combine(day, cal.periods[0][0], tzinfo=LOCAL_TZ)


def add_working_days(cal: WorkingCalendar, start: datetime.datetime, days: int) -> datetime.datetime:
    begin = effective_start(cal, start)
    day, counted = begin.date(), 0
    while counted < days:
        day += _DAY
        if cal.is_working_day(day):
            counted += 1
    return datetime.datetime.combine(day, begin.time(), tzinfo=LOCAL_TZ)


def add_working_minutes(cal: WorkingCalendar, start: datetime.datetime, minutes: int) -> datetime.datetime:
    moment = effective_start(cal, start)
    while minutes:
        if not in_working_time(cal, moment):
            moment = effective_start(cal, moment)
        moment += _MINUTE
        minutes -= 1
    return moment


def add_calendar_days(cal: WorkingCalendar, start: datetime.datetime, days: int) -> datetime.datetime:
    due = effective_start(cal, start) + days * _DAY
    if cal.is_working_day(due.date()):
        return due
    day = due.date() + _DAY
    while not cal.is_working_day(day):
        day += _DAY
    return datetime.datetime.combine(day, cal.periods[-1][1], tzinfo=LOCAL_TZ)  # the close of that day


def working_minutes_between(cal: WorkingCalendar, start: datetime.datetime, end: datetime.datetime) -> int:
    moment, total = start, 0
    while moment < end:
        total += in_working_time(cal, moment)
        moment += _MINUTE
    return total
