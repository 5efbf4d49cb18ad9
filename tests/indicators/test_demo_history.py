"""The year of demo history: generated lines import without an error, with a realistic spread, and the kept
counts equal a recomputation."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.accounts.models import Role
from motcua.dossiers.imports import import_dossiers
from motcua.dossiers.imports.history import Offer, history_lines
from motcua.indicators.models import DailyCount
from motcua.indicators.rebuild import rebuild_indicators
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import setup_procedure

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_a_year_of_history_imports_on_time_mostly_and_counts_match_a_rebuild():
    setup = setup_procedure(
        amount=5,
        channels=["online", "counter"],
        steps=[
            ("centre", "receiving_officer", 0.5),
            ("department", "specialist", 3),
            ("department", "leader", 1.5),
        ],
    )
    offer = Offer(
        procedure=setup.version.procedure.code,
        receiving=setup.centre.code,
        competent=setup.department.code,
        channels=("online", "counter"),
        handling_steps=2,
        working_days=5,
        fee=0,
    )
    lines = list(enumerate(history_lines([offer], count=400, now=NOW), start=1))
    result = import_dossiers(rows=lines, actor=user_with_role(Role.ADMINISTRATOR, None))
    assert result.dossiers == 400
    totals = {m: sum(DailyCount.objects.values_list(m, flat=True)) for m in ("received", "resolved_late")}
    resolved = sum(
        sum(row)
        for row in DailyCount.objects.values_list("resolved_early", "resolved_on_time", "resolved_late")
    )
    assert all(
        datetime.fromisoformat(e["at"]) < NOW for _, line in lines for e in line["events"] if "at" in e
    )
    assert totals["received"] >= 390  # about 1% refused at intake
    assert resolved > 300 and totals["resolved_late"] / resolved < 0.04  # on time about 98%
    assert rebuild_indicators(apply=False) == []
