import io
from datetime import date

import phonenumbers
import pytest
from django.contrib.auth import authenticate

from motcua.accounts import demo
from motcua.accounts.models import Membership, Role, User
from motcua.dossiers.validation import validate_personal_id
from motcua.organization import demo as organization_demo
from motcua.organization.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    organization_demo.load(stdout=io.StringIO())
    out = io.StringIO()
    demo.load(stdout=out)
    demo.summary(stdout=out)
    return out.getvalue()


def memberships():
    return set(Membership.objects.values_list("user__username", "role", "agency__kind", "agency__code"))


def test_one_demo_user_per_role_and_kind_of_agency(loaded):
    held = {(role, kind) for _user, role, kind, _code in memberships()}
    assert held == {
        (Role.RECEIVING_OFFICER, Agency.Kind.SERVICE_CENTRE),
        (Role.LEADER, Agency.Kind.SERVICE_CENTRE),
        (Role.SPECIALIST, Agency.Kind.DEPARTMENT),
        (Role.LEADER, Agency.Kind.DEPARTMENT),
        (Role.SPECIALIST, Agency.Kind.COMMUNE_COMMITTEE),
        (Role.LEADER, Agency.Kind.COMMUNE_COMMITTEE),
        (Role.SPECIALIST, Agency.Kind.PUBLIC_SERVICE_UNIT),
        (Role.LEADER, Agency.Kind.PUBLIC_SERVICE_UNIT),
        (Role.SPECIALIST, Agency.Kind.STATE_ENTERPRISE),
        (Role.LEADER, Agency.Kind.STATE_ENTERPRISE),
        (Role.INSPECTOR, None),
        (Role.ADMINISTRATOR, None),
    }
    receiving = Membership.objects.filter(role=Role.RECEIVING_OFFICER)
    assert {m.agency.administrative_unit.level for m in receiving} == {"province", "commune"}
    assert all(m.agency.receives_dossiers for m in receiving)


def test_applicants_have_valid_personal_ids_and_e164_phones(loaded):
    applicants = User.objects.filter(memberships__isnull=True)
    assert applicants.count() >= 2
    for user in applicants:
        validate_personal_id(user.personal_id)
        number = phonenumbers.parse(user.phone)
        assert phonenumbers.is_valid_number(number) and number.country_code == 84
        assert user.phone == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    an = User.objects.get(username="congdan.an")
    validate_personal_id(an.personal_id, birth_date=date(1985, 5, 20), sex="male")


def test_every_demo_user_signs_in_with_the_printed_password(loaded):
    assert f"password: {demo.DEMO_PASSWORD}" in loaded
    for spec in demo.DEMO_USERS:
        assert authenticate(username=spec.username, password=demo.DEMO_PASSWORD) is not None
        assert spec.username in loaded


def test_only_the_administrator_reaches_the_admin(loaded):
    staff = User.objects.filter(is_staff=True)
    assert list(staff.values_list("username", "is_superuser")) == [("quantri", True)]
    assert Membership.objects.filter(user__username="quantri", role=Role.ADMINISTRATOR, agency=None).exists()


def test_loading_twice_changes_nothing(loaded):
    before = (memberships(), list(User.objects.order_by("username").values_list("username", "password")))
    demo.load(stdout=io.StringIO())
    after = (memberships(), list(User.objects.order_by("username").values_list("username", "password")))
    assert after == before
