"""Administrators manage officers within their scope: a city-wide administrator everywhere, an agency's
administrator only at their agencies; nobody changes their own roles; every change leaves a change-log row."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import authenticate

from motcua.accounts import services_officers as services
from motcua.accounts.models import Membership, Role, User
from motcua.accounts.policy import administrator_scope
from motcua.accounts.selectors import roles_of
from motcua.accounts.selectors_officers import officers_search
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from tests.factories.accounts import user_with_role
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    return AgencyFactory(), AgencyFactory()


@pytest.fixture
def city_admin():
    return user_with_role(Role.ADMINISTRATOR, None)


@pytest.fixture
def agency_admin(agencies):
    return user_with_role(Role.ADMINISTRATOR, agencies[0])


def create(actor, agency, **fields):
    values = {
        "username": "cb.lan",
        "full_name": "Trần Thị Lan",
        "role": Role.SPECIALIST,
        "agency_id": agency.pk,
    }
    values.update(fields)
    return services.officer_create(actor=actor, **values)


def test_a_new_officer_signs_in_with_the_initial_password_and_holds_the_role(city_admin, agencies):
    user, password = create(city_admin, agencies[1], email="lan@example.vn", phone="0912 345 678")

    assert len(password) == services.PASSWORD_LENGTH
    assert authenticate(username="cb.lan", password=password) == user
    assert user.phone == "+84912345678"
    assert roles_of(User.objects.get(pk=user.pk)) == {Role.SPECIALIST}
    log = LogEntry.objects.get(object_id=str(user.pk))
    assert log.user == city_admin and "specialist" in log.change_message


def test_an_agency_administrator_grants_only_at_their_agency(agency_admin, agencies):
    mine, other = agencies
    user, _password = create(agency_admin, mine)
    with pytest.raises(PermissionDenied):
        services.membership_grant(actor=agency_admin, user_id=user.pk, role=Role.LEADER, agency_id=other.pk)
    with pytest.raises(PermissionDenied):  # system-wide roles are for city-wide administrators
        services.membership_grant(actor=agency_admin, user_id=user.pk, role=Role.INSPECTOR, agency_id=None)
    with pytest.raises(PermissionDenied):
        create(agency_admin, other, username="cb.khac")
    services.membership_grant(actor=agency_admin, user_id=user.pk, role=Role.LEADER, agency_id=mine.pk)
    assert set(Membership.objects.filter(user=user, is_active=True).values_list("role", flat=True)) == {
        Role.SPECIALIST,
        Role.LEADER,
    }


def test_nobody_grants_themselves_more(agency_admin, city_admin, agencies):
    for admin, agency in ((agency_admin, agencies[0]), (city_admin, agencies[1])):
        with pytest.raises(PermissionDenied):
            services.membership_grant(actor=admin, user_id=admin.pk, role=Role.LEADER, agency_id=agency.pk)
        with pytest.raises(PermissionDenied):
            services.officer_set_active(actor=admin, user_id=admin.pk, active=False)
    assert roles_of(User.objects.get(pk=agency_admin.pk)) == {Role.ADMINISTRATOR}


def test_officers_outside_the_scope_are_not_found(agency_admin, agencies):
    stranger = user_with_role(Role.SPECIALIST, agencies[1])
    scope = administrator_scope(agency_admin)
    assert list(officers_search(scope=scope)) == [agency_admin]
    with pytest.raises(NotFound):
        services.membership_grant(
            actor=agency_admin, user_id=stranger.pk, role=Role.LEADER, agency_id=agencies[0].pk
        )
    with pytest.raises(NotFound):
        services.officer_set_active(actor=agency_admin, user_id=stranger.pk, active=False)


def test_a_withdrawn_role_no_longer_counts_and_can_be_given_again(city_admin, agencies):
    user, _password = create(city_admin, agencies[0])
    membership = Membership.objects.get(user=user)
    services.membership_withdraw(actor=city_admin, user_id=user.pk, membership_id=membership.pk)
    assert roles_of(User.objects.get(pk=user.pk)) == {Role.APPLICANT}
    with pytest.raises(NotFound):
        services.membership_withdraw(actor=city_admin, user_id=user.pk, membership_id=membership.pk)
    services.membership_grant(
        actor=city_admin, user_id=user.pk, role=Role.SPECIALIST, agency_id=agencies[0].pk
    )
    assert Membership.objects.get(user=user).is_active
    with pytest.raises(ValidationFailed) as twice:
        services.membership_grant(
            actor=city_admin, user_id=user.pk, role=Role.SPECIALIST, agency_id=agencies[0].pk
        )
    assert twice.value.code == "membership_exists"


def test_deactivation_stops_sign_in_and_an_agency_administrator_cannot_lock_out_a_shared_officer(
    city_admin, agency_admin, agencies
):
    user, password = create(city_admin, agencies[0])
    services.officer_set_active(actor=agency_admin, user_id=user.pk, active=False)
    assert authenticate(username="cb.lan", password=password) is None
    services.officer_set_active(actor=agency_admin, user_id=user.pk, active=True)
    assert authenticate(username="cb.lan", password=password) == user

    services.membership_grant(actor=city_admin, user_id=user.pk, role=Role.LEADER, agency_id=agencies[1].pk)
    with pytest.raises(PermissionDenied):
        services.officer_set_active(actor=agency_admin, user_id=user.pk, active=False)
    assert User.objects.get(pk=user.pk).is_active


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"username": "có dấu cách"}, "invalid_username"),
        ({"full_name": "  "}, "required"),
        ({"email": "khong-phai-thu"}, "invalid_email"),
        ({"role": Role.APPLICANT}, "invalid_role"),
        ({"agency_id": None}, "agency_required"),
    ],
)
def test_invalid_accounts_are_refused_beside_the_field(city_admin, agencies, fields, code):
    with pytest.raises(ValidationFailed) as refused:
        create(city_admin, agencies[0], **fields)
    assert refused.value.code == code
    assert not User.objects.filter(username="cb.lan").exists()


def test_a_taken_username_is_refused(city_admin, agencies):
    create(city_admin, agencies[0])
    with pytest.raises(ValidationFailed) as refused:
        create(city_admin, agencies[0], username="CB.Lan")
    assert refused.value.code == "username_taken"


def test_only_administrators(agencies):
    leader = user_with_role(Role.LEADER, agencies[0])
    with pytest.raises(PermissionDenied):
        create(leader, agencies[0])
