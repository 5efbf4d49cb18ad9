import datetime

import factory

from motcua.deadlines.models import CalendarOverride, OverrideKind


class CalendarOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarOverride

    date = factory.Sequence(lambda n: datetime.date(2026, 3, 2) + datetime.timedelta(days=n))
    kind = OverrideKind.DAY_OFF
    reason = "Nghỉ theo thông báo của UBND thành phố"
    reason_en = "Day off announced by the city People's Committee"
    agency = None
