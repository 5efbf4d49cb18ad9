"""Monthly sums of the daily counts: every sum over days is the same with them as from the daily rows alone,
an import counting on a day of a summed month makes it forget its sums, and a rebuild sums again."""

import random
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from motcua.indicators.counting import add_counts
from motcua.indicators.models import MEASURES, DailyCount, MonthlyCount, SummarizedMonth
from motcua.indicators.monthly import summarize_months, summed, sums_before_and_in
from motcua.indicators.periods import parse_period
from motcua.indicators.rebuild import rebuild_indicators
from motcua.indicators.selectors import progress_report
from tests.factories.catalog import ProcedureVersionFactory, SectorFactory
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime(2026, 4, 15, 10, 0, tzinfo=HN)


@pytest.fixture
def counts():
    """Random daily counts of three agencies in two sectors, 20 December 2025 to 15 April 2026."""
    rng = random.Random(7)
    agencies = [AgencyFactory() for _ in range(3)]
    sectors = [SectorFactory() for _ in range(2)]
    rows, day = [], date(2025, 12, 20)
    while day <= TODAY.date():
        for agency in agencies:
            for sector in sectors:
                if rng.random() < 0.6:
                    rows.append(
                        DailyCount(
                            agency=agency, sector=sector, day=day, **{m: rng.randint(0, 5) for m in MEASURES}
                        )
                    )
        day += timedelta(days=1)
    DailyCount.objects.bulk_create(rows)
    return agencies


def from_days(first, last, agency_ids=None) -> dict:
    """The sums from the daily rows alone."""
    result: dict = {}
    for row in DailyCount.objects.filter(day__lte=last).values("agency_id", "day", *MEASURES):
        if (first is None or row["day"] >= first) and (agency_ids is None or row["agency_id"] in agency_ids):
            sums = result.setdefault(row["agency_id"], Counter(dict.fromkeys(MEASURES, 0)))
            sums.update({m: row[m] for m in MEASURES})
    return {agency: dict(sums) for agency, sums in result.items()}


RANGES = [
    (date(2026, 1, 1), date(2026, 3, 31)),  # three whole months
    (date(2026, 1, 10), date(2026, 3, 5)),  # parts of two, one whole
    (date(2026, 2, 1), date(2026, 2, 28)),  # one whole month
    (date(2026, 3, 1), date(2026, 4, 15)),  # into the running month
    (None, date(2026, 2, 28)),  # everything before March (a report's carried-over dossiers)
    (None, date(2025, 12, 31)),
]


@time_machine.travel(TODAY, tick=False)
def test_sums_are_the_same_with_the_monthly_rows_as_from_the_days(counts):
    expected = {(first, last): from_days(first, last) for first, last in RANGES}
    assert summarize_months() == 4  # December to March; April is running
    assert set(SummarizedMonth.objects.values_list("month", flat=True)) == {
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    }
    assert MonthlyCount.objects.count() <= 3 * 4
    for first, last in RANGES:
        assert summed(agency_ids=None, first=first, last=last) == expected[first, last], (first, last)
    one = [counts[1].pk]
    assert summed(agency_ids=one, first=None, last=date(2026, 3, 31)) == from_days(
        None, date(2026, 3, 31), one
    )
    assert summarize_months() == 0  # nothing new to sum


PERIODS = [
    (date(2026, 1, 1), date(2026, 3, 31)),  # a quarter: months wholly on one side of its first day
    (date(2026, 2, 10), date(2026, 3, 5)),  # from the middle of a summed month: its days are read
    (date(2026, 4, 1), date(2026, 6, 30)),  # the running quarter
    (date(2025, 12, 25), date(2026, 1, 31)),  # before any count on one side
    (date(2026, 4, 20), date(2026, 4, 30)),  # after every count
]


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("summarize", [False, True])
def test_what_a_report_sums_before_and_in_its_period_in_one_statement_is_the_sum_of_the_days(
    counts, summarize
):
    if summarize:
        summarize_months()
    one, two = [counts[0].pk], [counts[0].pk, counts[2].pk]
    for first, last in PERIODS:
        for agency_ids in (None, one, two, []):
            before, within = sums_before_and_in(agency_ids=agency_ids, first=first, last=last)
            assert before == from_days(None, first - timedelta(days=1), agency_ids), (first, agency_ids)
            assert within == from_days(first, last, agency_ids), (first, last, agency_ids)


@time_machine.travel(TODAY, tick=False)
def test_counting_on_a_summed_day_forgets_the_month_until_it_is_summed_again(counts):
    summarize_months()
    version = ProcedureVersionFactory()
    # An import counts a dossier received on 10 February: February's sums no longer hold.
    add_counts(
        agency_id=counts[0].pk,
        procedure_version_id=version.pk,
        day=date(2026, 2, 10),
        counts=Counter(received=3),
    )
    assert not SummarizedMonth.objects.filter(month=date(2026, 2, 1)).exists()
    assert not MonthlyCount.objects.filter(month=date(2026, 2, 1)).exists()
    assert SummarizedMonth.objects.filter(month=date(2026, 1, 1)).exists()
    for first, last in RANGES:
        assert summed(agency_ids=None, first=first, last=last) == from_days(first, last), (first, last)
    # Counting today (the running month) touches no sum.
    add_counts(
        agency_id=counts[0].pk, procedure_version_id=version.pk, day=TODAY.date(), counts=Counter(received=1)
    )
    assert SummarizedMonth.objects.count() == 3
    assert summarize_months() == 1
    assert summed(agency_ids=None, first=None, last=date(2026, 3, 31)) == from_days(None, date(2026, 3, 31))


@time_machine.travel(TODAY, tick=False)
def test_the_report_is_the_same_before_and_after_summing(counts):
    reports = {}
    for summarize in (False, True):
        if summarize:
            summarize_months()
        for label in ("2026-Q1", "2026-02", "2026-W07", "2026"):
            rows, total = progress_report(period=parse_period(label), agency_ids=None)
            reports.setdefault(label, []).append(
                [
                    (row.agency and row.agency.pk, row.flows, row.carried_over, row.open_at_end)
                    for row in [*rows, total]
                ]
            )
    for label, (plain, with_sums) in reports.items():
        assert plain == with_sums, label


@time_machine.travel(TODAY, tick=False)
def test_the_service_index_is_the_same_before_and_after_summing(counts, settings):
    settings.MOTCUA_INDEX_SECONDS = 0
    client = APIClient()
    answers = {}
    for summarize in (False, True):
        if summarize:
            summarize_months()
        for label in ("2026-Q1", "2026-02-10", "2026-Q2"):
            response = client.get(f"/api/v1/indicators/?period={label}")
            assert response.status_code == 200
            answers.setdefault(label, []).append(response.json())
    for label, (plain, with_sums) in answers.items():
        assert plain == with_sums, label
        assert len(plain["results"]) == 3


@time_machine.travel(TODAY, tick=False)
def test_a_rebuild_that_replaces_the_counts_sums_the_months_again(counts):
    summarize_months()
    DailyCount.objects.filter(day=date(2026, 1, 5)).update(received=99)  # differs from the (absent) events
    rebuild_indicators(apply=True)
    assert not DailyCount.objects.exists()  # no events: the recomputation is empty
    assert not MonthlyCount.objects.exists() and not SummarizedMonth.objects.exists()
