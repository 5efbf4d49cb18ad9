"""A bearer token's user arrives with their active memberships, read again on every request."""

import pytest

from motcua.accounts.models import Membership, Role
from motcua.accounts.selectors import active_grants, roles_of, user_for_token
from motcua.accounts.services import api_token_issue, api_token_revoke
from tests.factories.accounts import UserFactory
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


def test_token_user_holds_active_memberships_without_another_query(django_assert_num_queries):
    user = UserFactory()
    here, there = AgencyFactory(), AgencyFactory()
    Membership.objects.create(user=user, role=Role.RECEIVING_OFFICER, agency=here)
    Membership.objects.create(user=user, role=Role.SPECIALIST, agency=there, is_active=False)
    _token, key = api_token_issue(user=user)
    with django_assert_num_queries(1):
        found = user_for_token(key)
        assert found == user
        assert active_grants(found) == {(Role.RECEIVING_OFFICER, here.pk)}
        assert roles_of(found) == {Role.RECEIVING_OFFICER}


def test_applicant_without_memberships_is_an_applicant():
    user = UserFactory()
    _token, key = api_token_issue(user=user)
    found = user_for_token(key)
    assert active_grants(found) == frozenset()
    assert roles_of(found) == {Role.APPLICANT}


def test_revocation_and_membership_changes_count_on_the_next_request():
    user = UserFactory()
    membership = Membership.objects.create(user=user, role=Role.RECEIVING_OFFICER, agency=AgencyFactory())
    token, key = api_token_issue(user=user)
    assert roles_of(user_for_token(key)) == {Role.RECEIVING_OFFICER}
    membership.is_active = False
    membership.save()
    assert roles_of(user_for_token(key)) == {Role.APPLICANT}
    api_token_revoke(token=token)
    assert user_for_token(key) is None


def test_inactive_user_or_unknown_key_is_refused():
    user = UserFactory(is_active=False)
    _token, key = api_token_issue(user=user)
    assert user_for_token(key) is None
    assert user_for_token("mc_unknown") is None
