import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.catalog import demo
from motcua.catalog.models import ExpressLane, Procedure, ProcedureGroup, ProcedureVersion, Sector
from motcua.catalog.selectors import (
    competent_agency_for,
    express_lane_for,
    fee_total,
    procedure_version_in_force,
    procedures_search,
)
from motcua.organization.models import Agency
from tests.factories.organization import (
    AgencyFactory,
    CommuneCommitteeFactory,
    CommuneFactory,
    ProvinceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    """What the organization demo provides: found by kind and name, never by code."""
    hanoi = ProvinceFactory(name="Thành phố Hà Nội")
    justice = AgencyFactory(name="Sở Tư pháp", kind=Agency.Kind.DEPARTMENT, administrative_unit=hanoi)
    hoai_duc = CommuneFactory(name="Xã Hoài Đức", level="commune", parent=hanoi)
    centre = AgencyFactory(
        name="Trung tâm phục vụ hành chính công xã Hoài Đức",
        kind=Agency.Kind.SERVICE_CENTRE,
        administrative_unit=hoai_duc,
    )
    committee = CommuneCommitteeFactory(name="Ủy ban nhân dân Xã Hoài Đức", administrative_unit=hoai_duc)
    return {"justice": justice, "hoai_duc_centre": centre, "hoai_duc_committee": committee}


def _load():
    out = io.StringIO()
    demo.load(stdout=out)
    return out.getvalue()


def test_demo_catalog_is_broad_and_marked_as_sample(organization):
    output = _load()
    procedures = Procedure.objects.all()
    assert procedures.count() >= 40
    assert all(p.is_sample and p.current_version_id for p in procedures)
    assert Sector.objects.filter(procedures__isnull=False).distinct().count() >= 8
    assert {p.authority_level for p in procedures} == {"province", "commune"}
    assert ProcedureGroup.objects.filter(is_sample=True).count() >= 3
    assert all(g.members.count() >= 2 for g in ProcedureGroup.objects.all())
    assert "Green Friday at Trung tâm phục vụ hành chính công xã Hoài Đức" in output


def test_demo_reuses_existing_agencies_and_is_idempotent(organization):
    _load()
    agencies = Agency.objects.count()
    versions = ProcedureVersion.objects.count()
    _load()
    assert Agency.objects.count() == agencies
    assert ProcedureVersion.objects.count() == versions
    record = procedure_version_in_force(procedure_code="2.000488")
    assert record.competent_agency == organization["justice"]
    assert Agency.objects.filter(name="Sở Tư pháp").count() == 1


def test_demo_search_finds_birth_registration_first(organization):
    _load()
    for query in ["dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "khai sinh"]:
        assert procedures_search(query=query).first().name == "Đăng ký khai sinh"


def test_demo_facts_citizens_rely_on(organization):
    _load()
    birth = procedure_version_in_force(procedure_code="1.001193")
    assert fee_total(version=birth) == 0 and birth.processing_time_amount == 1
    commune = CommuneCommitteeFactory()
    assert competent_agency_for(version=birth, applicant_unit=commune.administrative_unit) == commune
    copy = procedure_version_in_force(procedure_code="2.000815")
    assert copy.fees.get().amount == 2000 and copy.boundary_free
    assert all(
        sum(s.time_budget for s in v.steps.all()) <= v.processing_time_amount
        for v in ProcedureVersion.objects.filter(status="published")
    )


def test_green_friday_lane_at_hoai_duc(organization):
    _load()
    household = Procedure.objects.get(code="2.000575")
    friday = datetime(2026, 11, 27, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    lane = express_lane_for(
        procedure=household, agency=organization["hoai_duc_centre"], channel="counter", moment=friday
    )
    assert lane is not None and lane.working_minutes == 60
    assert not express_lane_for(
        procedure=household, agency=organization["hoai_duc_centre"], channel="online", moment=friday
    )
    assert ExpressLane.objects.count() >= 3


def test_demo_loads_on_an_empty_database():
    _load()
    assert Procedure.objects.count() >= 40
    assert Agency.objects.filter(name="Công an thành phố Hà Nội", kind=Agency.Kind.VERTICAL_AGENCY).exists()
