import factory
from rest_framework.test import APIClient

from motcua.accounts.models import Membership, Role, User

from .organization import AgencyFactory

PASSWORD = "motcua-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.RECEIVING_OFFICER
    agency = factory.SubFactory(AgencyFactory)


# The person the test dossiers name by default (see factories.dossiers.applicant_data): a citizen's account is
# theirs unless a test names someone else, so a citizen files for themselves.
CITIZEN_NAME = "Nguyễn Văn An"


def user_with_role(role: str, agency=None, **user_fields) -> User:
    """A user holding `role` at `agency` (or system-wide when agency is None and the role allows it)."""
    if role == Role.APPLICANT:
        user_fields.setdefault("full_name", CITIZEN_NAME)
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, role=role, agency=agency)
    return user


def api_client(user: User) -> APIClient:
    """An API client signed in as `user`."""
    client = APIClient()
    client.force_authenticate(user)
    return client
