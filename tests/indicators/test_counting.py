"""Hand-computed datasets: each count as DOMAIN.md §3.5 defines it, kept at write time, equal to a rebuild."""

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.indicators.models import MEASURES, DailyCount
from motcua.indicators.periods import parse_period
from motcua.indicators.rebuild import rebuild_indicators
from motcua.indicators.selectors import progress_report
from tests.factories.dossiers import received, setup_procedure, submit_online

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=HN)  # 5 working days -> due Monday 16 March 09:00


def at(moment):
    return time_machine.travel(moment, tick=False)


def kept(setup) -> Counter:
    rows = DailyCount.objects.filter(agency=setup.department).values(*MEASURES)
    total: Counter = Counter()
    for row in rows:
        total.update({m: n for m, n in row.items() if n})
    return total


def receive_at(setup, moment) -> Dossier:
    with at(moment):
        return received(setup)


def resolve_at(setup, dossier, moment) -> Dossier:
    with at(moment):
        dossier = services.dossier_complete_step(
            code=dossier.code, actor=setup.specialist, version=dossier.version, outcome="Đủ điều kiện"
        )
        return services.dossier_resolve(
            code=dossier.code,
            actor=setup.leader,
            version=dossier.version,
            outcome="denied",
            reasons="Không đủ điều kiện",
        )


def test_receipt_counts_at_the_competent_agency_by_channel():
    setup = setup_procedure()
    receive_at(setup, MONDAY)
    with at(MONDAY):
        submit_online(setup)  # submitted, not received: nothing counted yet
    assert kept(setup) == Counter(received=1, received_online=1)
    row = DailyCount.objects.get()
    assert (row.agency_id, row.sector_id, row.day) == (
        setup.department.pk,
        setup.version.procedure.sector_id,
        date(2026, 3, 9),
    )


@pytest.mark.parametrize(
    ("resolved", "measure"),
    [
        (datetime(2026, 3, 13, 16, 0, tzinfo=HN), "resolved_early"),  # the Friday before the due day
        (datetime(2026, 3, 16, 8, 0, tzinfo=HN), "resolved_on_time"),  # the due day, before the moment
        (datetime(2026, 3, 16, 9, 0, tzinfo=HN), "resolved_on_time"),  # exactly at the due moment
        (datetime(2026, 3, 16, 9, 1, tzinfo=HN), "resolved_late"),  # one minute after
    ],
)
def test_resolution_is_early_on_time_or_late_against_the_legal_due_moment(resolved, measure):
    setup = setup_procedure()
    dossier = receive_at(setup, MONDAY)
    assert dossier.due_at == datetime(2026, 3, 16, 9, 0, tzinfo=HN)
    resolve_at(setup, dossier, resolved)
    assert kept(setup) == Counter(received=1, received_online=1, **{measure: 1})


def test_an_apology_does_not_make_a_late_dossier_on_time():
    setup = setup_procedure()
    dossier = receive_at(setup, MONDAY)
    with at(datetime(2026, 3, 12, 9, 0, tzinfo=HN)):  # more than one working day before the due moment
        dossier = services.dossier_apologize(
            code=dossier.code,
            actor=setup.leader,
            version=dossier.version,
            reason="Cần xác minh thêm",
            new_due_at=datetime(2026, 3, 18, 9, 0, tzinfo=HN),
        )
    resolve_at(setup, dossier, datetime(2026, 3, 17, 9, 0, tzinfo=HN))  # within the new appointment
    assert kept(setup) == Counter(received=1, received_online=1, apologies=1, resolved_late=1)


def test_paused_time_is_excluded():
    setup = setup_procedure()
    dossier = receive_at(setup, MONDAY)
    with at(datetime(2026, 3, 10, 9, 0, tzinfo=HN)):  # one working day used
        dossier = services.dossier_request_supplement(
            code=dossier.code,
            actor=setup.specialist,
            version=dossier.version,
            reason="Thiếu bản sao",
            items=["Bản sao giấy khai sinh"],
        )
    with at(datetime(2026, 3, 13, 9, 0, tzinfo=HN)):  # three working days paused
        dossier = services.dossier_supplement(
            code=dossier.code, actor=setup.applicant, version=dossier.version
        )
    assert dossier.due_at == datetime(2026, 3, 19, 9, 0, tzinfo=HN)
    # After the first due moment, but within the legal time once the pause is taken out.
    resolve_at(setup, dossier, datetime(2026, 3, 18, 9, 0, tzinfo=HN))
    assert kept(setup) == Counter(received=1, received_online=1, supplement_requests=1, resolved_early=1)


def test_period_edges_are_days_of_hanoi_not_utc():
    setup = setup_procedure(amount=30)
    # 23:30 on 30 September in Hanoi is 16:30 UTC the same day; 00:30 on 1 October is 17:30 UTC on 30 September.
    receive_at(setup, datetime(2026, 9, 30, 23, 30, tzinfo=HN))
    receive_at(setup, datetime(2026, 10, 1, 0, 30, tzinfo=HN))
    with at(datetime(2026, 12, 31, 10, 0, tzinfo=HN)):
        q3, _ = progress_report(period=parse_period("2026-Q3"), agency_ids=None)
        q4, _ = progress_report(period=parse_period("2026-Q4"), agency_ids=None)
    assert q3[0].flows["received"] == 1
    assert q4[0].flows["received"] == 1
    assert q4[0].carried_over == 1  # the one from Q3, still open


def test_report_rows_and_on_time_rate_for_a_running_period():
    setup = setup_procedure()
    early = receive_at(setup, MONDAY)
    late = receive_at(setup, MONDAY)
    overdue = receive_at(setup, MONDAY)
    within = receive_at(setup, datetime(2026, 3, 16, 8, 30, tzinfo=HN))
    resolve_at(setup, early, datetime(2026, 3, 12, 10, 0, tzinfo=HN))
    resolve_at(setup, late, datetime(2026, 3, 17, 10, 0, tzinfo=HN))
    with at(datetime(2026, 3, 18, 10, 0, tzinfo=HN)):
        rows, total = progress_report(period=parse_period("2026-03"), agency_ids=[setup.department.pk])
    (row,) = rows
    assert row.agency == setup.department
    assert row.flows["received"] == 4
    assert (row.flows["resolved_early"], row.flows["resolved_on_time"], row.flows["resolved_late"]) == (
        1,
        0,
        1,
    )
    assert row.carried_over == 0
    assert row.open_at_end == 2
    assert row.open_split == {"within_time": 1, "overdue": 1, "paused": 0}
    assert overdue.due_at < datetime(2026, 3, 18, 10, 0, tzinfo=HN) < within.due_at
    # (1 early + 1 open within time) / (2 resolved + 2 open)
    assert row.on_time_rate == pytest.approx(0.5)
    assert total.flows["received"] == 4 and total.on_time_rate == pytest.approx(0.5)


def test_a_past_period_gives_flows_and_stock_without_a_split():
    setup = setup_procedure()
    receive_at(setup, MONDAY)
    with at(MONDAY + timedelta(days=60)):
        rows, _ = progress_report(period=parse_period("2026-03"), agency_ids=None)
    assert rows[0].open_at_end == 1
    assert rows[0].open_split is None and rows[0].on_time_rate is None


def test_withdrawal_before_receipt_is_not_a_closing_of_a_received_dossier():
    setup = setup_procedure()
    with at(MONDAY):
        dossier = submit_online(setup)
        services.dossier_withdraw(
            code=dossier.code, actor=setup.applicant, version=dossier.version, reasons="Nộp nhầm"
        )
        opened = received(setup)
        services.dossier_withdraw(
            code=opened.code, actor=setup.applicant, version=opened.version, reasons="Thôi"
        )
    assert kept(setup) == Counter(received=1, received_online=1, withdrawn=1)


def test_rebuild_finds_and_corrects_a_difference():
    setup = setup_procedure()
    dossier = receive_at(setup, MONDAY)
    resolve_at(setup, dossier, datetime(2026, 3, 12, 10, 0, tzinfo=HN))
    assert rebuild_indicators(apply=False) == []
    call_command("rebuild-indicators", "--check")  # exit 0: nothing to report

    DailyCount.objects.filter(day=date(2026, 3, 9)).update(received=7)
    with pytest.raises(CommandError):
        call_command("rebuild-indicators", "--check")
    (diff,) = rebuild_indicators(apply=True)
    assert (diff.measure, diff.kept, diff.recomputed) == ("received", 7, 1)
    assert kept(setup)["received"] == 1
    assert rebuild_indicators(apply=False) == []


def test_a_rolled_back_change_leaves_no_count():
    setup = setup_procedure()
    with at(MONDAY):
        dossier = submit_online(setup)
        DailyCount.objects.all().delete()
        with pytest.raises(RuntimeError), __import__("django.db").db.transaction.atomic():
            services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)
            raise RuntimeError("the request fails after the receipt")
    assert DailyCount.objects.count() == 0
