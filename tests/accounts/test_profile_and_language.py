"""The applicant's profile (personal ID checked against date of birth and sex, phone in E.164), the language
remembered on the account, and sign-in with an identity provider absent unless configured."""

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from motcua.accounts.models import Role, User
from tests.factories.accounts import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db

PROFILE = {
    "full_name": "Nguyễn Văn An",
    "personal_id": "001085012345",
    "birth_date": "27/03/1985",
    "sex": "male",
    "address_street": "12 phố Hàng Bạc",
    "address_commune": "Phường Hoàn Kiếm",
    "address_province": "Thành phố Hà Nội",
    "phone": "0912 345 678",
    "email": "An@Example.vn",
}


def test_the_profile_is_saved_normalized(client):
    user = user_with_role(Role.APPLICANT)
    client.force_login(user)
    response = client.post("/accounts/profile/", PROFILE)
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.personal_id == "001085012345" and user.birth_date.isoformat() == "1985-03-27"
    assert user.phone == "+84912345678" and user.email == "an@example.vn"
    assert user.address_commune == "Phường Hoàn Kiếm"
    html = client.get("/accounts/profile/").content.decode()
    assert 'value="27/03/1985"' in html and "Đã lưu thông tin cá nhân." in html


def test_every_wrong_field_is_listed_at_once_and_typed_values_are_kept(client):
    user = user_with_role(Role.APPLICANT)
    client.force_login(user)
    data = {**PROFILE, "personal_id": "001185012345", "phone": "12345", "birth_date": "31/02/1985"}
    response = client.post("/accounts/profile/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_birth_date"' in html and 'href="#id_phone"' in html
    assert 'value="001185012345"' in html and 'value="12345"' in html
    assert 'aria-invalid="true"' in html


def test_a_personal_id_that_does_not_match_the_sex_is_refused(client):
    client.force_login(user_with_role(Role.APPLICANT))
    response = client.post("/accounts/profile/", {**PROFILE, "sex": "female"})
    assert response.status_code == 400
    assert "Số định danh cá nhân không khớp với giới tính." in response.content.decode()


def test_switching_language_is_remembered_on_the_account_and_restored_at_sign_in(client):
    user = user_with_role(Role.APPLICANT)
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"

    other_browser = client.__class__()
    response = other_browser.post("/accounts/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in other_browser.get("/").content.decode()


def test_a_language_chosen_before_signing_in_becomes_the_accounts(client):
    user = user_with_role(Role.APPLICANT)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/accounts/sign-in/", {"username": user.username, "password": PASSWORD})
    assert User.objects.get(pk=user.pk).preferred_language == "en"


def test_identity_provider_sign_in_is_off_by_default(client):
    assert not settings.MOTCUA_OIDC_ENABLED
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")
    assert client.get("/oidc/authenticate/").status_code == 404
    assert "/oidc/" not in client.get("/accounts/sign-in/").content.decode()


def test_the_identity_provider_backend_matches_by_subject_and_creates_an_active_applicant(settings):
    from motcua.accounts.oidc import ApplicantOIDCBackend

    settings.OIDC_RP_CLIENT_ID = "motcua"
    settings.OIDC_RP_CLIENT_SECRET = "bi-mat"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://id.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://id.example/userinfo"
    backend = ApplicantOIDCBackend()
    claims = {"sub": "VN-001085012345", "name": "Nguyễn Văn An", "email": "an@example.vn"}

    assert not backend.filter_users_by_claims(claims).exists()
    user = backend.create_user(claims)
    assert user.is_active and user.oidc_subject == "VN-001085012345" and not user.has_usable_password()
    assert user.email == ""  # an email the provider did not verify is not taken
    assert list(backend.filter_users_by_claims(claims)) == [user]
    assert user.memberships.filter(role=Role.APPLICANT).exists()
    # Someone else's account with the same email is never matched.
    user_with_role(Role.APPLICANT, email="an@example.vn")
    assert list(backend.filter_users_by_claims(claims)) == [user]


def test_configured_identity_provider_sign_in_offers_its_button_and_address(tmp_path):
    """Settings are read once per process: a fresh one with the MOTCUA_OIDC_* variables set."""
    import os
    import subprocess
    import sys

    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'motcua.settings'; django.setup()\n"
        "from django.test import Client; from django.urls import reverse\n"
        "html = Client(HTTP_HOST='127.0.0.1').get('/accounts/sign-in/').content.decode()\n"
        "print(reverse('oidc_authentication_init'), 'Đăng nhập bằng VNeID' in html, '/oidc/authenticate/' in html)\n"
    )
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "MOTCUA_OIDC_CLIENT_ID": "motcua",
        "MOTCUA_OIDC_CLIENT_SECRET": "bi-mat",
        "MOTCUA_OIDC_AUTHORIZATION_ENDPOINT": "https://id.example/authorize",
        "MOTCUA_OIDC_TOKEN_ENDPOINT": "https://id.example/token",
        "MOTCUA_OIDC_USER_ENDPOINT": "https://id.example/userinfo",
        "MOTCUA_OIDC_JWKS_ENDPOINT": "https://id.example/jwks",
    }
    env.pop("PYTEST_VERSION", None)
    env.pop("PYTEST_XDIST_WORKER", None)
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/oidc/authenticate/", "True", "True"]


def test_the_admin_shows_the_profile_and_how_the_account_was_verified(admin_client):
    user = user_with_role(Role.APPLICANT, address_commune="Phường Hoàn Kiếm")
    html = admin_client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()
    assert 'value="Phường Hoàn Kiếm"' in html
    assert "Xác minh lúc" in html and "Mã định danh OpenID Connect" in html
