"""Which one-stop section receives an agency's dossiers (DOMAIN.md §3.3): data first, then the area's centre."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from motcua.core.errors import ValidationFailed
from motcua.organization.models import Agency
from motcua.organization.selectors import agencies_served_by, one_stop_section_for
from tests.factories.organization import AgencyFactory, CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def centre(unit, **fields):
    return AgencyFactory(kind=Agency.Kind.SERVICE_CENTRE, administrative_unit=unit, **fields)


def committee(unit, **fields):
    return AgencyFactory(
        kind=Agency.Kind.COMMUNE_COMMITTEE, administrative_unit=unit, receives_dossiers=False, **fields
    )


def test_the_section_named_in_the_data_wins():
    city = ProvinceFactory()
    city_centre = centre(city, code="HN.TTPVHCC")
    water = AgencyFactory(
        kind=Agency.Kind.STATE_ENTERPRISE, administrative_unit=city, receives_dossiers=False
    )
    water.one_stop_section = city_centre
    water.full_clean()
    water.save()
    assert one_stop_section_for(water) == city_centre
    assert list(agencies_served_by(city_centre)) == [water]


def test_a_receiving_agency_serves_itself():
    desk = AgencyFactory(receives_dossiers=True)
    assert one_stop_section_for(desk) == desk


def test_a_commune_committee_is_served_by_the_centre_of_its_commune():
    ward = CommuneFactory()
    centre(ward.parent)  # the city's centre: not the nearest one
    own = centre(ward, code="HN.09832.TTPV")
    assert one_stop_section_for(committee(ward)) == own


def test_without_a_centre_in_the_commune_the_parent_units_centre_serves():
    ward = CommuneFactory()
    city_centre = centre(ward.parent)
    assert one_stop_section_for(committee(ward)) == city_centre


def test_an_inactive_or_non_receiving_centre_does_not_count():
    ward = CommuneFactory()
    centre(ward, is_active=False)
    centre(ward, receives_dossiers=False)
    city_centre = centre(ward.parent)
    assert one_stop_section_for(committee(ward)) == city_centre


def test_no_section_anywhere_is_a_clear_error_naming_the_agency():
    ward = CommuneFactory()
    lonely = committee(ward, code="HN.99999.UBND", name="Ủy ban nhân dân xã Thử", name_en="Test Commune")
    with pytest.raises(ValidationFailed) as caught:
        one_stop_section_for(lonely)
    error = caught.value
    assert error.code == "one_stop_section_not_found"
    assert "Ủy ban nhân dân xã Thử (HN.99999.UBND)" in error.message("vi")
    assert "bộ phận một cửa" in error.message("vi")
    assert "Test Commune (HN.99999.UBND)" in error.message("en")
    assert error.details == {"agency": "HN.99999.UBND"}


def test_two_centres_in_one_area_need_the_data_to_say_which():
    ward = CommuneFactory()
    first = centre(ward)
    centre(ward)
    agency = committee(ward)
    with pytest.raises(ValidationFailed):
        one_stop_section_for(agency)
    agency.one_stop_section = first
    agency.save()
    assert one_stop_section_for(agency) == first


def test_the_section_must_receive_dossiers():
    city = ProvinceFactory()
    not_a_desk = AgencyFactory(administrative_unit=city, receives_dossiers=False)
    agency = AgencyFactory.build(
        administrative_unit=city, receives_dossiers=False, one_stop_section=not_a_desk
    )
    with pytest.raises(ValidationError) as caught:
        agency.clean()
    assert "one_stop_section" in caught.value.message_dict
    agency.one_stop_section = AgencyFactory(administrative_unit=city, receives_dossiers=True, is_active=False)
    with pytest.raises(ValidationError):
        agency.clean()
    agency.one_stop_section = AgencyFactory(administrative_unit=city, receives_dossiers=True)
    agency.clean()


def test_an_agency_without_receiving_officers_cannot_be_its_own_section():
    agency = AgencyFactory(receives_dossiers=False)
    agency.one_stop_section = agency
    with pytest.raises(ValidationError):
        agency.clean()
    agency.receives_dossiers = True
    agency.clean()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.vn", "pw-motcua-admin")
    client.force_login(user)
    return client


def test_the_admin_shows_the_section_and_the_agencies_it_serves(admin_client):
    city = ProvinceFactory()
    city_centre = centre(city, code="HN.TTPVHCC", name="Trung tâm Phục vụ hành chính công thành phố Hà Nội")
    AgencyFactory(
        code="HN.NSHN",
        name="Công ty TNHH MTV Nước sạch Hà Nội",
        kind=Agency.Kind.STATE_ENTERPRISE,
        administrative_unit=city,
        receives_dossiers=False,
        one_stop_section=city_centre,
    )
    AgencyFactory(code="HN.KHAC", name="Cơ quan khác", administrative_unit=city)

    listing = admin_client.get(reverse("admin:organization_agency_changelist")).content.decode()
    assert "bộ phận một cửa" in listing.lower()  # the column and the filter
    assert f"one_stop_section__id__exact={city_centre.pk}" in listing

    filtered = admin_client.get(
        reverse("admin:organization_agency_changelist"), {"one_stop_section__id__exact": city_centre.pk}
    ).content.decode()
    assert "HN.NSHN" in filtered and "HN.KHAC" not in filtered

    page = admin_client.get(
        reverse("admin:organization_agency_change", args=[city_centre.pk])
    ).content.decode()
    assert "Công ty TNHH MTV Nước sạch Hà Nội" in page
    assert "HN.NSHN" in page
    assert 'name="one_stop_section"' in page


def test_the_admin_refuses_a_section_that_does_not_receive(admin_client):
    city = ProvinceFactory()
    not_a_desk = AgencyFactory(administrative_unit=city, receives_dossiers=False)
    agency = AgencyFactory(administrative_unit=city, receives_dossiers=False)
    form = {
        "code": agency.code,
        "name": agency.name,
        "name_en": agency.name_en,
        "kind": agency.kind,
        "administrative_unit": city.pk,
        "one_stop_section": not_a_desk.pk,
        "working_periods": '[["08:00", "12:00"], ["13:00", "17:00"]]',
        "working_weekdays": "[0, 1, 2, 3, 4]",
        "is_active": "on",
        "served_agencies-TOTAL_FORMS": "0",
        "served_agencies-INITIAL_FORMS": "0",
        "counters-TOTAL_FORMS": "0",
        "counters-INITIAL_FORMS": "0",
    }
    answer = admin_client.post(reverse("admin:organization_agency_change", args=[agency.pk]), form)
    assert answer.status_code == 200  # the form again, with the error
    agency.refresh_from_db()
    assert agency.one_stop_section is None
