"""Online payment in the service index: a fee-bearing dossier counts as paid online once, whether it was paid
before receipt, during processing or after its result, and the rebuild from the events agrees."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest

from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.indicators.models import DailyCount
from motcua.indicators.rebuild import rebuild_indicators
from motcua.payments import services
from tests.factories.dossiers import submit_online
from tests.factories.payments import answer, pay, setup_with_fee, start

from .test_counting import HN, MONDAY, at, kept, resolve_at

pytestmark = pytest.mark.django_db
FRIDAY = datetime(2026, 3, 13, 10, 0, tzinfo=HN)
NEXT_MONDAY = datetime(2026, 3, 16, 10, 0, tzinfo=HN)
BASE = Counter(received=1, received_online=1, resolved_early=1, fee_bearing=1)


def receive(setup, dossier):
    return dossier_services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)


def paid_online_by_day(setup) -> dict[date, int]:
    rows = DailyCount.objects.filter(agency=setup.department, paid_online__gt=0)
    return dict(rows.values_list("day", "paid_online"))


@pytest.mark.parametrize("when", ["before_receipt", "after_receipt"])
def test_paid_online_before_the_result_counts_with_the_result(when):
    setup = setup_with_fee()
    with at(MONDAY):
        dossier = submit_online(setup)
        if when == "before_receipt":
            pay(setup, dossier.code)
        dossier = receive(setup, Dossier.objects.get(pk=dossier.pk))
        if when == "after_receipt":
            pay(setup, dossier.code)
            dossier.refresh_from_db()
    resolve_at(setup, dossier, FRIDAY)
    assert kept(setup) == BASE + Counter(paid_online=1)
    assert paid_online_by_day(setup) == {date(2026, 3, 13): 1}
    assert rebuild_indicators(apply=False) == []


def test_paid_online_after_the_result_counts_on_the_day_of_the_payment_once():
    setup = setup_with_fee()
    with at(MONDAY):
        dossier = receive(setup, submit_online(setup))
    resolve_at(setup, dossier, FRIDAY)
    assert kept(setup) == BASE  # unpaid at the result
    with at(NEXT_MONDAY):
        pay(setup, dossier.code)
    assert kept(setup) == BASE + Counter(paid_online=1)
    assert paid_online_by_day(setup) == {date(2026, 3, 16): 1}
    # The rebuild reads today's dossier (paid online) and still counts the result's day unpaid.
    assert rebuild_indicators(apply=False) == []


def test_paid_at_the_counter_or_paid_twice_is_not_counted_twice():
    setup = setup_with_fee()
    with at(MONDAY):
        counter = receive(setup, submit_online(setup))
        services.payment_record_at_counter(code=counter.code, actor=setup.officer, version=counter.version)
        twice = receive(setup, submit_online(setup))
        one, two = start(setup, twice.code), start(setup, twice.code)
        services.payment_complete(data=answer(one, "success"))
        services.payment_complete(data=answer(two, "success"))
    for dossier in (counter, twice):
        dossier.refresh_from_db()
        resolve_at(setup, dossier, FRIDAY)
    assert kept(setup)["fee_bearing"] == 2 and kept(setup)["paid_online"] == 1
    assert rebuild_indicators(apply=False) == []
