from datetime import UTC, date, datetime

import pytest
import time_machine

from motcua.core import clock


@time_machine.travel(datetime(2026, 9, 1, 16, 59, 59, tzinfo=UTC), tick=False)
def test_now_is_aware_utc_and_local_time_is_hanoi():
    now = clock.now()
    assert now == datetime(2026, 9, 1, 16, 59, 59, tzinfo=UTC)
    assert now.utcoffset().total_seconds() == 0
    local = clock.local_now()
    assert (local.hour, local.minute, local.utcoffset().total_seconds()) == (23, 59, 7 * 3600)
    assert clock.today() == date(2026, 9, 1)


@time_machine.travel(datetime(2026, 9, 1, 17, 0, tzinfo=UTC), tick=False)
def test_the_local_day_starts_at_17_00_utc():
    assert clock.today() == date(2026, 9, 2)
    assert clock.now().date() == date(2026, 9, 1)


def test_time_machine_moves_the_clock():
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False):
        assert clock.now() == datetime(2030, 1, 1, tzinfo=UTC)
        assert clock.today() == date(2030, 1, 1)


def test_to_local_refuses_naive_datetimes():
    assert clock.to_local(datetime(2026, 1, 1, 1, 0, tzinfo=UTC)).hour == 8
    with pytest.raises(ValueError):
        clock.to_local(datetime(2026, 1, 1, 8, 0))
