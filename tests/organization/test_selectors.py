"""The agency reads on the submission path: one statement each, only active agencies."""

import pytest

from motcua.organization.models import Agency
from motcua.organization.selectors import active_agencies_of_kind, active_agency_with_unit
from tests.factories.organization import AgencyFactory, CommuneCommitteeFactory, CommuneFactory

pytestmark = pytest.mark.django_db


def test_an_agency_by_code_comes_with_its_unit_in_one_statement(django_assert_num_queries):
    committee = CommuneCommitteeFactory(code="HN.00070.UBND", name="Ủy ban nhân dân phường Hoàn Kiếm")
    with django_assert_num_queries(1):
        found = active_agency_with_unit("HN.00070.UBND")
        assert found.administrative_unit.name == committee.administrative_unit.name
    assert found == committee and found.name == "Ủy ban nhân dân phường Hoàn Kiếm"
    assert found.working_periods == [["08:00", "12:00"], ["13:00", "17:00"]]  # JSON read back
    assert active_agency_with_unit("KHONG-CO") is None


def test_an_inactive_agency_is_not_found():
    AgencyFactory(code="CU", is_active=False)
    assert active_agency_with_unit("CU") is None


def test_agencies_of_a_kind_for_a_unit():
    ward = CommuneFactory()
    first = CommuneCommitteeFactory(administrative_unit=ward)
    CommuneCommitteeFactory(administrative_unit=ward, is_active=False)
    AgencyFactory(administrative_unit=ward, kind=Agency.Kind.SERVICE_CENTRE)
    assert active_agencies_of_kind(Agency.Kind.COMMUNE_COMMITTEE, ward.pk) == [first]
    second = CommuneCommitteeFactory(administrative_unit=ward)
    CommuneCommitteeFactory(administrative_unit=ward)
    assert active_agencies_of_kind(Agency.Kind.COMMUNE_COMMITTEE, ward.pk) == [first, second]  # at most two
    assert active_agencies_of_kind(Agency.Kind.COMMUNE_COMMITTEE, CommuneFactory().pk) == []
