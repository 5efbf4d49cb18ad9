"""Due-moment computations per second: motcua.deadlines.calendar against step-by-step loops, in the same run.

    .venv/bin/python bench/calendar_bench.py [--seconds 0.5]

Both sides use the same WorkingCalendar (the real Vietnamese one: `holidays` VN + swapped Saturdays) and the same
starts (moments spread over 2026, inside and outside working hours). The baselines are
motcua.deadlines.reference: a day-by-day loop for working days, a minute-stepping loop for working minutes.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from motcua.deadlines import reference  # noqa: E402
from motcua.deadlines.calendar import (  # noqa: E402
    LOCAL_TZ,
    WorkingCalendar,
    add_calendar_days,
    add_working_days,
    add_working_minutes,
)

DAYS = (1, 5, 15, 30)


def vietnam_calendar() -> WorkingCalendar:
    import holidays

    vn = holidays.country_holidays("VN", years=range(2000, 2101))
    return WorkingCalendar(days_off=frozenset(vn), extra_working_days=frozenset(vn.weekend_workdays))


def starts(count: int) -> list[datetime.datetime]:
    rng = random.Random(2026)
    base = datetime.datetime(2026, 1, 1, tzinfo=LOCAL_TZ)
    return [base + datetime.timedelta(minutes=rng.randrange(365 * 24 * 60)) for _ in range(count)]


def rate(function, cal, moments, amount, seconds: float) -> float:
    """Calls per second of function(cal, start, amount), cycling over `moments` for about `seconds`."""
    calls, begin = 0, time.perf_counter()
    deadline = begin + seconds
    while True:
        for moment in moments:
            function(cal, moment, amount)
        calls += len(moments)
        now = time.perf_counter()
        if now >= deadline:
            return calls / (now - begin)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.5, help="time spent on each measurement")
    args = parser.parse_args()
    cal = vietnam_calendar()
    moments = starts(200)
    # Same answers first: a benchmark of wrong code proves nothing.
    for moment in moments:
        for days in DAYS:
            assert add_working_days(cal, moment, days) == reference.add_working_days(cal, moment, days)
        assert add_working_minutes(cal, moment, 480) == reference.add_working_minutes(cal, moment, 480)
        for days in DAYS:
            assert add_calendar_days(cal, moment, days) == reference.add_calendar_days(cal, moment, days)
    # Warm the per-year cache so that its one-off construction is not what we measure.
    for moment in moments:
        add_working_days(cal, moment, 60)

    print(f"Working days: calls per second ({len(moments)} starts over 2026, {args.seconds:.1f} s per cell)")
    print(f"{'days':>5} | {'calendar.py':>12} | {'day-by-day loop':>15} | {'speed-up':>8}")
    print("-" * 50)
    for days in DAYS:
        fast = rate(add_working_days, cal, moments, days, args.seconds)
        slow = rate(reference.add_working_days, cal, moments, days, args.seconds)
        print(f"{days:>5} | {fast:>12,.0f} | {slow:>15,.0f} | {fast / slow:>7.1f}x")
    # Moments read from the database arrive in UTC: both sides then pay a time-zone conversion.
    utc_moments = [moment.astimezone(datetime.UTC) for moment in moments]
    fast = rate(add_working_days, cal, utc_moments, 30, args.seconds)
    slow = rate(reference.add_working_days, cal, utc_moments, 30, args.seconds)
    print(f"{'30*':>5} | {fast:>12,.0f} | {slow:>15,.0f} | {fast / slow:>7.1f}x   (* starts given in UTC)")

    print()
    print(f"Calendar days: calls per second ({len(moments)} starts over 2026)")
    print(f"{'days':>5} | {'calendar.py':>12} | {'day-by-day loop':>15} | {'speed-up':>8}")
    print("-" * 50)
    for days in DAYS:
        fast = rate(add_calendar_days, cal, moments, days, args.seconds)
        slow = rate(reference.add_calendar_days, cal, moments, days, args.seconds)
        print(f"{days:>5} | {fast:>12,.0f} | {slow:>15,.0f} | {fast / slow:>7.1f}x")

    minutes_moments = moments[:20]
    print()
    print(f"Working minutes (N working days x 480 min): calls per second ({len(minutes_moments)} starts)")
    print(f"{'days':>5} | {'calendar.py':>12} | {'minute loop':>15} | {'speed-up':>8}")
    print("-" * 50)
    for days in DAYS:
        minutes = days * 480
        fast = rate(add_working_minutes, cal, minutes_moments, minutes, args.seconds)
        slow = rate(reference.add_working_minutes, cal, minutes_moments, minutes, args.seconds)
        print(f"{days:>5} | {fast:>12,.0f} | {slow:>15,.0f} | {fast / slow:>7.1f}x")


if __name__ == "__main__":
    main()
