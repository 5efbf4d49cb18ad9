import io
import re

import pytest

from motcua.organization import demo
from motcua.organization.models import AdministrativeUnit, Agency, Counter, agency_code_validator

pytestmark = pytest.mark.django_db

REQUIRED_DEPARTMENTS = {
    "Sở Tư pháp",
    "Sở Xây dựng",
    "Sở Nông nghiệp và Môi trường",
    "Sở Tài chính",
    "Sở Nội vụ",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Công Thương",
}


def load() -> str:
    out = io.StringIO()
    demo.load(stdout=out)
    return out.getvalue()


def snapshot():
    return (
        list(AdministrativeUnit.objects.values_list("code", "name", "level", "parent__code")),
        list(Agency.objects.values_list("code", "name", "kind", "parent__code", "receives_dossiers")),
        list(Counter.objects.values_list("agency__code", "code", "is_priority")),
    )


def test_hanoi_has_its_centre_committee_departments_and_vertical_agencies():
    load()
    hanoi = AdministrativeUnit.objects.get(code="01")
    assert (hanoi.name, hanoi.level, hanoi.parent) == ("Thành phố Hà Nội", "province", None)
    centre = Agency.objects.get(name="Trung tâm Phục vụ hành chính công thành phố Hà Nội")
    assert centre.kind == Agency.Kind.SERVICE_CENTRE and centre.receives_dossiers
    assert centre.parent.name == "Ủy ban nhân dân thành phố Hà Nội"
    assert centre.parent.kind == Agency.Kind.PROVINCIAL_COMMITTEE
    departments = Agency.objects.filter(kind=Agency.Kind.DEPARTMENT)
    assert set(departments.values_list("name", flat=True)) >= REQUIRED_DEPARTMENTS
    assert all(d.name_en.startswith("Department of") for d in departments)
    assert set(Agency.objects.filter(kind=Agency.Kind.VERTICAL_AGENCY).values_list("name", flat=True)) == {
        "Công an thành phố Hà Nội",
        "Bảo hiểm xã hội thành phố Hà Nội",
    }


def test_communes_have_official_codes_a_committee_and_a_receiving_service_centre():
    load()
    communes = AdministrativeUnit.objects.exclude(level="province")
    assert communes.count() >= 12
    for unit in communes:
        assert re.fullmatch(r"\d{5}", unit.code), unit.code
        assert unit.parent.code == "01"
        assert unit.name.startswith("Phường ") == (unit.level == "ward")
        kinds = dict(unit.agencies.values_list("kind", "receives_dossiers"))
        assert kinds == {Agency.Kind.COMMUNE_COMMITTEE: False, Agency.Kind.SERVICE_CENTRE: True}
    hoan_kiem = AdministrativeUnit.objects.get(code="00070")
    assert hoan_kiem.name == "Phường Hoàn Kiếm"
    assert set(hoan_kiem.agencies.values_list("name", flat=True)) == {
        "Ủy ban nhân dân phường Hoàn Kiếm",
        "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
    }


def test_every_service_centre_has_two_or_three_counters_with_one_priority_counter():
    load()
    for centre in Agency.objects.filter(kind=Agency.Kind.SERVICE_CENTRE):
        counters = list(centre.counters.all())
        assert 2 <= len(counters) <= 3
        assert sum(c.is_priority for c in counters) == 1


def test_agency_codes_are_valid_and_unique_and_can_start_a_dossier_code():
    load()
    codes = list(Agency.objects.values_list("code", flat=True))
    for code in codes:
        agency_code_validator(code)
        assert "-" not in code
    assert len(codes) == len(set(codes))


def test_loading_twice_changes_nothing():
    first_output = load()
    before = snapshot()
    load()
    assert snapshot() == before
    assert "20 xã/phường" in first_output


def test_loading_repairs_edited_sample_data():
    load()
    Agency.objects.filter(code="HN.STP").update(name="Tên sai", receives_dossiers=True)
    load()
    justice = Agency.objects.get(code="HN.STP")
    assert (justice.name, justice.receives_dossiers) == ("Sở Tư pháp", False)
