import datetime
import io

import pytest

from motcua.deadlines import demo, selectors
from motcua.deadlines.models import CalendarOverride

pytestmark = pytest.mark.django_db


def test_demo_overrides_are_idempotent_and_keep_the_2026_national_day_swap():
    demo.load(stdout=io.StringIO())
    second = io.StringIO()
    demo.load(stdout=second)
    assert second.getvalue() == ""
    assert CalendarOverride.objects.count() == 2
    cal = selectors.calendar_for()
    assert cal.is_working_day(datetime.date(2026, 8, 22))
    assert not cal.is_working_day(datetime.date(2026, 8, 31))
