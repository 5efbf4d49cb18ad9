"""Feedback in the indicators: complaints and answers on time counted per routed agency and day in the write
transaction, recomputed by rebuild-indicators, and used by the satisfaction items of the service index."""

from collections import Counter
from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from motcua.indicators.models import FEEDBACK_MEASURES, FeedbackDailyCount
from motcua.indicators.rebuild import rebuild_indicators
from tests.factories.dossiers import setup_procedure
from tests.factories.feedback import answered, file_feedback
from tests.indicators.test_counting import HN, MONDAY, at, receive_at, resolve_at

pytestmark = pytest.mark.django_db


def kept(agency) -> dict[date, Counter]:
    return {
        row["day"]: Counter({m: row[m] for m in FEEDBACK_MEASURES if row[m]})
        for row in FeedbackDailyCount.objects.filter(agency=agency).values("day", *FEEDBACK_MEASURES)
    }


@pytest.fixture
def setup(settings):
    settings.MOTCUA_FEEDBACK_ANSWER_WORKING_DAYS = 2
    setup = setup_procedure()
    setup.department.kind = "department"
    setup.department.save()
    return setup


def _file(setup, moment, **fields):
    with at(moment):
        return file_feedback(setup.applicant, agency_code=setup.department.code, **fields)


def _answer(setup, feedback, moment):
    with at(moment):
        return answered(feedback, specialist=setup.specialist, leader=setup.leader)


def test_counts_by_filing_day_and_by_due_day(setup):
    on_time = _file(setup, datetime(2026, 3, 9, 10, 0, tzinfo=HN))  # due Wed 11 March 10:00
    late = _file(setup, datetime(2026, 3, 9, 11, 0, tzinfo=HN), kind="recommendation")  # due 11 March 11:00
    _answer(setup, on_time, datetime(2026, 3, 10, 9, 0, tzinfo=HN))
    _answer(setup, late, datetime(2026, 3, 12, 9, 0, tzinfo=HN))
    assert kept(setup.department) == {
        date(2026, 3, 9): Counter(complaints=1, recommendations=1),
        date(2026, 3, 11): Counter(feedback_due=2, answered_on_time=1, answered_late=1),
    }


def test_rebuild_recomputes_the_feedback_counts(setup):
    feedback = _file(setup, datetime(2026, 3, 9, 10, 0, tzinfo=HN))
    _answer(setup, feedback, datetime(2026, 3, 10, 9, 0, tzinfo=HN))
    assert rebuild_indicators(apply=False) == []
    FeedbackDailyCount.objects.filter(day=date(2026, 3, 9)).update(complaints=5)
    with pytest.raises(CommandError):
        call_command("rebuild-indicators", "--check")
    (diff,) = rebuild_indicators(apply=True)
    assert (diff.sector_id, diff.day, diff.measure, diff.kept, diff.recomputed) == (
        None,
        date(2026, 3, 9),
        "complaints",
        5,
        1,
    )
    assert kept(setup.department)[date(2026, 3, 9)] == Counter(complaints=1)


def test_satisfaction_items_from_hand_computed_figures(setup):
    # Four dossiers received Monday 9 March (due 16 March); one resolved early, three open within time.
    dossiers = [receive_at(setup, MONDAY) for _ in range(4)]
    resolve_at(setup, dossiers[0], datetime(2026, 3, 12, 10, 0, tzinfo=HN))
    # Two complaints and one recommendation. Due 11 March: one answered on time, one late. The third is due
    # 17 March, after the day the index is read (13 March): not judged yet.
    first = _file(setup, datetime(2026, 3, 9, 10, 0, tzinfo=HN))
    second = _file(setup, datetime(2026, 3, 9, 11, 0, tzinfo=HN), kind="recommendation")
    _file(setup, datetime(2026, 3, 13, 9, 0, tzinfo=HN))
    _answer(setup, first, datetime(2026, 3, 10, 9, 0, tzinfo=HN))
    _answer(setup, second, datetime(2026, 3, 12, 9, 0, tzinfo=HN))

    with at(datetime(2026, 3, 13, 11, 0, tzinfo=HN)):
        answer = APIClient().get("/api/v1/indicators/", {"period": "2026-03", "level": "department"})
    assert answer.status_code == 200, answer.content
    (row,) = answer.json()["results"]
    # Satisfaction: 1 - 0/4 overdue - 0 not satisfied - 2 complaints / 4 handled = 0.5 -> 2 of 4 -> 14 * 0.5.
    assert row["items"]["satisfaction_rate"] == {"numerator": 2, "denominator": 4, "value": 0.5, "score": 7}
    # Answered on time: 1 of the 2 due by 12 March -> 4 * 0.5.
    assert row["items"]["feedback_on_time"] == {"numerator": 1, "denominator": 2, "value": 0.5, "score": 2}
    # Progress 20 (4 of 4) + online dossiers 6 + satisfaction 7 + 2, + online procedures 6 (its one procedure
    # is offered online); nothing digitized (0 of 22) and its procedure published without legal basis (0 of 18):
    # 41 of 82 measured points.
    assert (row["total"], row["measured_points"]) == (41, 82)
    assert row["groups"]["satisfaction"] == 9
