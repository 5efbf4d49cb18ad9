"""Steps planned at receipt: their agencies, and due moments that follow the steps' order."""

from datetime import datetime
from decimal import Decimal

import pytest
import time_machine

from motcua.core import clock
from tests.factories.dossiers import received, setup_procedure

pytestmark = pytest.mark.django_db


def test_calendar_day_steps_are_never_due_before_an_earlier_step():
    # 10 days from Monday 20/4/2026 09:00 is Thursday 30/4 (a holiday, then 1/5 and the weekend): that period
    # ends at the close of Monday 4/5; 14 days is Monday 4/5 09:00, a working day. Step 1 must not be due after
    # step 2.
    setup = setup_procedure(
        amount=24,
        kind="calendar_days",
        steps=[
            ("centre", "specialist", Decimal(10)),
            ("department", "specialist", Decimal(4)),
            ("department", "leader", Decimal(10)),
        ],
    )
    with time_machine.travel(datetime(2026, 4, 20, 9, 0, tzinfo=clock.LOCAL_TZ), tick=False):
        dossier = received(setup)
    dues = [clock.to_local(step.due_at) for step in dossier.steps.order_by("order")]
    assert dues == sorted(dues)
    assert dues[0] == dues[1] == datetime(2026, 5, 4, 9, 0, tzinfo=clock.LOCAL_TZ)


def test_a_receiving_step_without_an_agency_is_recorded_at_the_section_that_received_the_dossier():
    setup = setup_procedure()
    setup.version.steps.filter(role="receiving_officer").update(agency=None)
    setup.version.steps.filter(role="specialist").update(agency=None)
    dossier = received(setup)
    places = [(step.role, step.agency_id) for step in dossier.steps.order_by("order")]
    assert places == [("receiving_officer", setup.centre.pk), ("specialist", setup.department.pk)]
