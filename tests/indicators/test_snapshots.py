"""How the open dossiers stood at the end of a day, and past periods reading it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection

from motcua.dossiers import services
from motcua.indicators.models import OpenCount
from motcua.indicators.periods import parse_period
from motcua.indicators.selectors import progress_report
from motcua.indicators.snapshots import end_of_day, open_split_at, open_split_now, take_snapshot
from motcua.indicators.tasks import snapshot_open_dossiers
from tests.factories.dossiers import setup_procedure

from .test_counting import MONDAY, at, receive_at, resolve_at

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_end_of_day_is_the_last_moment_of_the_day_in_hanoi():
    assert end_of_day(date(2026, 9, 30)) == datetime(2026, 9, 30, 23, 59, 59, 999999, tzinfo=HN)


def test_the_split_at_past_day_ends_follows_the_moments():
    setup = setup_procedure()
    dossier = receive_at(setup, MONDAY)  # due Monday 16 March 09:00
    paused = receive_at(setup, MONDAY)
    with at(datetime(2026, 3, 11, 9, 0, tzinfo=HN)):
        services.dossier_request_supplement(
            code=paused.code,
            actor=setup.specialist,
            version=paused.version,
            reason="Thiếu",
            items=["Bản sao"],
        )
    resolve_at(setup, dossier, datetime(2026, 3, 18, 9, 0, tzinfo=HN))  # late
    agency = setup.department.pk
    with at(datetime(2026, 3, 20, 9, 0, tzinfo=HN)):
        assert open_split_at(None, moment=end_of_day(date(2026, 3, 8))) == {}
        assert open_split_at(None, moment=end_of_day(date(2026, 3, 10)))[agency] == {
            "within_time": 2,
            "overdue": 0,
            "paused": 0,
        }
        assert open_split_at(None, moment=end_of_day(date(2026, 3, 16)))[agency] == {
            "within_time": 0,
            "overdue": 1,
            "paused": 1,
        }
        assert open_split_at(None, moment=end_of_day(date(2026, 3, 18)))[agency] == {
            "within_time": 0,
            "overdue": 0,
            "paused": 1,
        }
        # At the present moment the two ways agree.
        now = datetime(2026, 3, 20, 9, 0, tzinfo=HN)
        assert open_split_at(None, moment=now) == open_split_now(None, now=now)


def test_a_past_period_reads_the_snapshot_of_its_last_day():
    setup = setup_procedure()
    early = receive_at(setup, MONDAY)
    receive_at(setup, datetime(2026, 3, 30, 9, 0, tzinfo=HN))  # due in April: within time at the end of March
    receive_at(setup, datetime(2026, 3, 2, 9, 0, tzinfo=HN))  # due 9 March: overdue at the end of March
    resolve_at(setup, early, datetime(2026, 3, 12, 9, 0, tzinfo=HN))
    with at(datetime(2026, 4, 1, 0, 1, tzinfo=HN)):
        snapshot_open_dossiers()  # what the beat schedule runs just after midnight
    assert OpenCount.objects.get(day=date(2026, 3, 31)).overdue == 1
    with at(datetime(2026, 5, 10, 9, 0, tzinfo=HN)):
        (row,), total = progress_report(period=parse_period("2026-03"), agency_ids=None)
    assert row.open_split == {"within_time": 1, "overdue": 1, "paused": 0}
    assert row.on_time_rate == pytest.approx(2 / 3)
    # A month with no snapshot taken: flows and stock, no split.
    with at(datetime(2026, 5, 10, 9, 0, tzinfo=HN)):
        (row,), _ = progress_report(period=parse_period("2026-04"), agency_ids=None)
    assert row.open_split is None and row.open_at_end == 2


def test_rebuild_backfills_the_days_without_a_snapshot():
    setup = setup_procedure()
    receive_at(setup, MONDAY)
    with at(datetime(2026, 3, 12, 9, 0, tzinfo=HN)):
        take_snapshot(date(2026, 3, 10))
        call_command("rebuild-indicators", "--snapshots")
    days = sorted(OpenCount.objects.values_list("day", flat=True))
    assert days == [date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 11)]


def test_the_live_split_is_taken_at_most_a_minute_ago_and_says_when(settings):
    settings.MOTCUA_OPEN_SPLIT_SECONDS = 60
    setup = setup_procedure()
    receive_at(setup, MONDAY)
    with at(datetime(2026, 3, 10, 9, 0, tzinfo=HN)):
        (row,), total = progress_report(period=parse_period("2026-03"), agency_ids=None)
        assert row.open_split["within_time"] == 1
        assert total.open_as_of == datetime(2026, 3, 10, 9, 0, tzinfo=HN)
    receive_at(setup, datetime(2026, 3, 10, 9, 0, 30, tzinfo=HN))
    with at(datetime(2026, 3, 10, 9, 0, 40, tzinfo=HN)):  # within the minute: the split taken at 09:00
        (row,), total = progress_report(period=parse_period("2026-03"), agency_ids=None)
        assert row.flows["received"] == 2  # the counts are always current
        assert row.open_split["within_time"] == 1 and total.open_as_of.second == 0
    with at(datetime(2026, 3, 10, 9, 1, 0, tzinfo=HN)):  # a minute later: taken again
        (row,), total = progress_report(period=parse_period("2026-03"), agency_ids=None)
        assert row.open_split["within_time"] == 2
        assert total.open_as_of == datetime(2026, 3, 10, 9, 1, tzinfo=HN)


def test_a_day_with_nothing_open_is_recorded_with_zeros():
    setup = setup_procedure()
    dossier = receive_at(setup, MONDAY)
    resolve_at(setup, dossier, datetime(2026, 3, 12, 10, 0, tzinfo=HN))
    with at(datetime(2026, 4, 2, 9, 0, tzinfo=HN)):
        take_snapshot(date(2026, 3, 31))
        (row,), _ = progress_report(period=parse_period("2026-03"), agency_ids=None)
    assert row.open_split == {"within_time": 0, "overdue": 0, "paused": 0}
    assert row.on_time_rate == 1.0


@pytest.mark.postgres  # a PostgreSQL plan
def test_the_live_split_reads_the_open_dossiers_index_alone():
    """At ten million dossiers the table is too large to read for it: every column it needs is in the index."""
    setup = setup_procedure()
    receive_at(setup, MONDAY)
    statements = []

    def kept(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(kept):
        assert open_split_now(None, now=datetime(2026, 3, 10, 9, 0, tzinfo=HN)) == {
            setup.department.pk: {"within_time": 1, "overdue": 0, "paused": 0}
        }
    ((sql, params),) = statements
    with connection.cursor() as cursor:
        # A table of a few rows would be read whole: only the index is left to choose, and how it is read.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "Index Only Scan using dossier_open_split" in plan, plan
