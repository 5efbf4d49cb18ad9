"""After any sequence of actions by anyone, the counts kept at write time equal a recomputation from the events,
and how the open dossiers stand reads the same from their moments as from their status."""

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant, run_state_machine_as_test

from motcua.core import clock
from motcua.indicators.rebuild import rebuild_indicators
from motcua.indicators.snapshots import open_split_at, open_split_now
from tests.dossiers.test_state_machine import DossierLifeCycle


class CountedLifeCycle(DossierLifeCycle):
    @invariant()
    def kept_counts_equal_a_recomputation(self):
        assert rebuild_indicators(apply=False) == []

    @invariant()
    def the_open_split_by_moments_equals_the_live_one(self):
        now = clock.now()
        assert open_split_at(None, moment=now) == open_split_now(None, now=now)


@pytest.mark.django_db
def test_kept_counts_equal_a_recomputation_after_random_actions():
    run_state_machine_as_test(
        CountedLifeCycle,
        settings=settings(
            max_examples=15,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
