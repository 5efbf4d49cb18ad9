from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.catalog.errors import CompetentAgencyNotFound, ProcedureNotFound
from motcua.catalog.models import ExpressLane, FeeLine, ProcedureVersion
from motcua.catalog.selectors import (
    competent_agency_for,
    express_lane_for,
    fee_total,
    procedure_version_in_force,
)
from motcua.organization.models import Agency
from tests.factories.catalog import ProcedureFactory, ProcedureVersionFactory
from tests.factories.organization import AgencyFactory, CommuneCommitteeFactory, CommuneFactory

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_version_in_force_is_the_published_one():
    procedure = ProcedureFactory()
    ProcedureVersionFactory(procedure=procedure, number=1, status=ProcedureVersion.Status.SUPERSEDED)
    published = ProcedureVersionFactory(procedure=procedure, number=2)
    ProcedureVersionFactory(procedure=procedure, number=3, status=ProcedureVersion.Status.DRAFT)
    assert procedure_version_in_force(procedure_code=procedure.code) == published


def test_version_in_force_missing_raises_not_found_in_both_languages():
    procedure = ProcedureFactory(is_active=False)
    ProcedureVersionFactory(procedure=procedure)
    with pytest.raises(ProcedureNotFound) as raised:
        procedure_version_in_force(procedure_code=procedure.code)
    assert raised.value.status_code == 404
    assert procedure.code in raised.value.message("vi") and "Không tìm thấy" in raised.value.message("vi")
    assert raised.value.message("en").startswith("No procedure in force")


@pytest.fixture
def green_friday():
    agency = CommuneCommitteeFactory()
    procedure = ProcedureVersionFactory().procedure
    lane = ExpressLane.objects.create(
        procedure=procedure,
        agency=agency,
        weekdays=[4],
        counter_only=True,
        working_minutes=60,
        effective_from=date(2026, 1, 1),
    )
    return lane


def test_express_lane_applies_on_friday_local_time_at_the_counter(green_friday):
    # 2026-11-27 is a Friday in Hanoi; 01:30 UTC is 08:30 local.
    friday = datetime(2026, 11, 27, 8, 30, tzinfo=HANOI)
    found = express_lane_for(
        procedure=green_friday.procedure, agency=green_friday.agency, channel="counter", moment=friday
    )
    assert found == green_friday


def test_express_lane_uses_hanoi_weekday_not_utc(green_friday):
    # Thursday 23:30 UTC is already Friday 06:30 in Hanoi.
    moment = datetime(2026, 11, 26, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert express_lane_for(
        procedure=green_friday.procedure, agency=green_friday.agency, channel="counter", moment=moment
    )
    thursday_local = datetime(2026, 11, 26, 16, 0, tzinfo=HANOI)
    assert not express_lane_for(
        procedure=green_friday.procedure, agency=green_friday.agency, channel="counter", moment=thursday_local
    )


@pytest.mark.parametrize(
    ("channel", "agency_is_other", "moment_date", "active"),
    [
        ("online", False, date(2026, 11, 27), True),
        ("counter", True, date(2026, 11, 27), True),
        ("counter", False, date(2025, 12, 26), True),  # a Friday before the lane took effect
        ("counter", False, date(2026, 11, 27), False),
    ],
)
def test_express_lane_does_not_apply(green_friday, channel, agency_is_other, moment_date, active):
    green_friday.is_active = active
    green_friday.save()
    agency = AgencyFactory() if agency_is_other else green_friday.agency
    moment = datetime(moment_date.year, moment_date.month, moment_date.day, 9, tzinfo=HANOI)
    assert (
        express_lane_for(procedure=green_friday.procedure, agency=agency, channel=channel, moment=moment)
        is None
    )


def test_express_lane_ended(green_friday):
    green_friday.effective_to = date(2026, 6, 30)
    green_friday.save()
    moment = datetime(2026, 11, 27, 9, tzinfo=HANOI)
    assert not express_lane_for(
        procedure=green_friday.procedure, agency=green_friday.agency, channel="counter", moment=moment
    )


def test_competent_agency_named_on_the_version_wins():
    version = ProcedureVersionFactory()
    assert competent_agency_for(version=version, applicant_unit=CommuneFactory()) == version.competent_agency


def test_competent_agency_by_kind_in_the_applicant_commune_then_receiving_agency():
    own = CommuneCommitteeFactory()
    other = CommuneCommitteeFactory()
    version = ProcedureVersionFactory(
        competent_agency=None, competent_agency_kind=Agency.Kind.COMMUNE_COMMITTEE
    )
    assert competent_agency_for(version=version, applicant_unit=own.administrative_unit) == own
    assert competent_agency_for(version=version, receiving_agency=other) == other
    assert (
        competent_agency_for(version=version, applicant_unit=own.administrative_unit, receiving_agency=other)
        == own
    )


def test_competent_agency_not_found_is_a_clear_error():
    version = ProcedureVersionFactory(
        competent_agency=None, competent_agency_kind=Agency.Kind.COMMUNE_COMMITTEE
    )
    with pytest.raises(CompetentAgencyNotFound) as raised:
        competent_agency_for(version=version, applicant_unit=CommuneFactory())
    assert "UBND xã/phường" in raised.value.message("vi")
    assert version.procedure.code in raised.value.message("en")


def test_fee_total_adds_the_lines():
    version = ProcedureVersionFactory()
    assert fee_total(version=version) == 0
    FeeLine.objects.create(version=version, name="Lệ phí", amount=50_000)
    FeeLine.objects.create(version=version, name="Phí thẩm định", amount=1_500_000)
    assert fee_total(version=version) == 1_550_000
