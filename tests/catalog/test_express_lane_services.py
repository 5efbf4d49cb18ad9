"""Administrators keep express lanes through a service that validates them (a procedure in force, at least one
weekday, a positive number of working minutes, dates in order), within their agencies; ending one stops it at
once; every change is in the change log."""

from datetime import date, datetime

import pytest
import time_machine
from django.contrib.admin.models import LogEntry

from motcua.accounts.models import Role
from motcua.catalog import selectors
from motcua.catalog import services_express_lanes as services
from motcua.catalog.models import Channel, ExpressLane
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import setup_procedure

pytestmark = pytest.mark.django_db
FRIDAY = datetime(2026, 3, 13, 9, 0, tzinfo=clock.LOCAL_TZ)


@pytest.fixture
def setup():
    return setup_procedure()


@pytest.fixture
def admin():
    return user_with_role(Role.ADMINISTRATOR, None)


def lane_data(setup, **fields) -> services.LaneData:
    values = {
        "procedure_code": setup.version.procedure.code,
        "agency_id": setup.centre.pk,
        "name": "Thứ Sáu xanh",
        "weekdays": [4],
        "working_minutes": 60,
    }
    values.update(fields)
    return services.LaneData(**values)


def lane_today(setup):
    return selectors.express_lane_for(
        procedure=setup.version.procedure, agency=setup.centre, channel=Channel.COUNTER, moment=clock.now()
    )


@time_machine.travel(FRIDAY, tick=False)
def test_a_lane_added_applies_at_once_and_ending_it_stops_it(setup, admin):
    lane = services.express_lane_save(actor=admin, data=lane_data(setup, weekdays=[4, 4, 0]))
    assert lane.weekdays == [0, 4]
    assert lane_today(setup) == lane
    assert LogEntry.objects.get(object_id=str(lane.pk)).user == admin

    changed = services.express_lane_save(
        actor=admin, data=lane_data(setup, working_minutes=90), lane_id=lane.pk
    )
    assert changed.working_minutes == 90 and ExpressLane.objects.count() == 1

    ended = services.express_lane_end(actor=admin, lane_id=lane.pk)
    assert (ended.is_active, ended.effective_to) == (False, date(2026, 3, 13))
    assert lane_today(setup) is None
    with pytest.raises(Conflict):
        services.express_lane_save(actor=admin, data=lane_data(setup), lane_id=lane.pk)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"weekdays": []}, "weekdays"),
        ({"weekdays": [7]}, "weekdays"),
        ({"working_minutes": 0}, "working_minutes"),
        ({"working_minutes": None}, "working_minutes"),
        ({"procedure_code": "KHONG.CO"}, "procedure"),
        ({"name": " "}, "name"),
        ({"effective_from": date(2026, 4, 1), "effective_to": date(2026, 3, 1)}, "effective_to"),
    ],
)
def test_invalid_lanes_are_refused_beside_the_field(setup, admin, fields, field):
    with pytest.raises(ValidationFailed) as refused:
        services.express_lane_save(actor=admin, data=lane_data(setup, **fields))
    assert list(refused.value.details) == [field]
    assert not ExpressLane.objects.exists()


def test_the_same_lane_twice_is_refused(setup, admin):
    services.express_lane_save(actor=admin, data=lane_data(setup))
    with pytest.raises(ValidationFailed) as refused:
        services.express_lane_save(actor=admin, data=lane_data(setup))
    assert refused.value.code == "express_lane_exists"


def test_an_agency_administrator_keeps_only_their_agency_lanes(setup):
    admin = user_with_role(Role.ADMINISTRATOR, setup.centre)
    lane = services.express_lane_save(actor=admin, data=lane_data(setup))
    with pytest.raises(PermissionDenied):  # everywhere: for city-wide administrators
        services.express_lane_save(actor=admin, data=lane_data(setup, agency_id=None, name="Khác"))
    other = user_with_role(Role.ADMINISTRATOR, setup.department)
    with pytest.raises(NotFound):
        services.express_lane_end(actor=other, lane_id=lane.pk)
    with pytest.raises(PermissionDenied):
        services.express_lane_save(actor=setup.leader, data=lane_data(setup, name="Khác"))
