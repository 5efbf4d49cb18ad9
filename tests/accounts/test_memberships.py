import pytest
from django.db import IntegrityError, transaction

from motcua.accounts.models import Membership, Role
from motcua.accounts.selectors import agency_ids_for, has_role, is_systemwide, roles_of
from tests.factories.accounts import UserFactory, user_with_role
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER])
def test_officer_roles_cannot_be_system_wide(role):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=UserFactory(), role=role, agency=None)


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.ADMINISTRATOR])
def test_inspectors_and_administrators_may_be_system_wide_once(role):
    user = UserFactory()
    Membership.objects.create(user=user, role=role)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=role)


def test_the_same_role_at_the_same_agency_is_held_once():
    user, agency = UserFactory(), AgencyFactory()
    Membership.objects.create(user=user, role=Role.SPECIALIST, agency=agency)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.SPECIALIST, agency=agency)
    Membership.objects.create(user=user, role=Role.LEADER, agency=agency)
    Membership.objects.create(user=user, role=Role.SPECIALIST, agency=AgencyFactory())
    assert roles_of(user) == {Role.SPECIALIST, Role.LEADER}


def test_a_user_without_staff_roles_is_an_applicant():
    assert roles_of(UserFactory()) == {Role.APPLICANT}


def test_roles_are_scoped_to_agencies_and_inactive_memberships_do_not_count():
    justice, construction = AgencyFactory(), AgencyFactory()
    specialist = user_with_role(Role.SPECIALIST, justice)
    Membership.objects.create(user=specialist, role=Role.LEADER, agency=construction, is_active=False)

    assert has_role(specialist, Role.SPECIALIST, agency_id=justice.pk)
    assert not has_role(specialist, Role.SPECIALIST, agency_id=construction.pk)
    assert not has_role(specialist, Role.LEADER)
    assert agency_ids_for(specialist) == {justice.pk}
    assert not is_systemwide(specialist, roles={Role.SPECIALIST, Role.INSPECTOR})


def test_a_system_wide_inspector_holds_the_role_at_every_agency():
    inspector = user_with_role(Role.INSPECTOR)
    assert has_role(inspector, Role.INSPECTOR, agency_id=AgencyFactory().pk)
    assert is_systemwide(inspector, roles={Role.INSPECTOR})
    assert Role.APPLICANT not in roles_of(inspector)
