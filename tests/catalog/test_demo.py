import csv
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
from motcua.catalog.transfer import SHEETS, catalog_rows
from motcua.organization import demo as organization_demo
from motcua.organization.models import Agency
from tests.factories.organization import CommuneCommitteeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    """The organization demo: the data files name its agencies by code."""
    organization_demo.load(stdout=io.StringIO())
    return {
        "justice": Agency.objects.get(code="HN.STP"),
        "hoai_duc_centre": Agency.objects.get(code="HN.09832.TTPV"),
        "hoai_duc_committee": Agency.objects.get(code="HN.09832.UBND"),
    }


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
    assert "Green Friday at Hoài Đức" in output


def test_demo_reuses_existing_agencies_and_is_idempotent(organization):
    _load()
    agencies = Agency.objects.count()
    versions = ProcedureVersion.objects.count()
    before = catalog_rows()
    lanes = list(ExpressLane.objects.values("id", "updated_at"))
    groups = list(ProcedureGroup.objects.values("id", "updated_at", "members__id"))
    _load()
    assert Agency.objects.count() == agencies
    assert ProcedureVersion.objects.count() == versions
    assert catalog_rows() == before
    assert list(ExpressLane.objects.values("id", "updated_at")) == lanes  # not even rewritten
    assert list(ProcedureGroup.objects.values("id", "updated_at", "members__id")) == groups
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
    _load()  # the organization demo comes first, since the files name its agencies
    assert Procedure.objects.count() >= 40
    assert Agency.objects.filter(name="Công an thành phố Hà Nội", kind=Agency.Kind.VERTICAL_AGENCY).exists()


def test_the_demo_data_is_the_importers_sheets_and_exports_back_the_same(organization):
    """The files under data/demo are what an administrator would import: the export gives them back."""
    _load()
    exported = catalog_rows()
    for sheet in SHEETS:
        with (demo.DATA / f"{sheet}.csv").open(encoding="utf-8", newline="") as text:
            rows = list(csv.reader(text))
        assert rows[0] == exported[sheet][0], sheet
        as_text = sorted([str(cell) for cell in row] for row in exported[sheet][1:])
        assert sorted(rows[1:]) == as_text, sheet


def test_the_two_providers_of_the_one_stop_pilots(organization):
    _load()
    benefit = procedure_version_in_force(procedure_code="1.000401")
    assert benefit.name == "Giải quyết hưởng trợ cấp thất nghiệp"
    assert (benefit.competent_agency.code, benefit.competent_agency.kind) == (
        "HN.TTDVVL",
        Agency.Kind.PUBLIC_SERVICE_UNIT,
    )
    assert (benefit.processing_time_kind, benefit.processing_time_amount) == ("working_days", 20)
    assert [d.code for d in benefit.documents.all()] == ["DON", "QĐNV", "SBHXH"]
    water = procedure_version_in_force(procedure_code="DV.NSHN.001")
    assert water.name == "Cấp nước sạch lắp đặt mới" and water.procedure.is_sample
    assert water.competent_agency.kind == Agency.Kind.STATE_ENTERPRISE
    for version in (benefit, water):
        assert version.competent_agency.one_stop_section.code == "HN.TTPVHCC"
        agencies = [s.agency.code if s.agency_id else None for s in version.steps.all()]
        assert agencies == ["HN.TTPVHCC", None, None]  # then at the provider, the competent agency
