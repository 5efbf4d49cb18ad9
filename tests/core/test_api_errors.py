"""The API's one error format, in the caller's language, and bearer-token authentication."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.accounts.models import ApiToken
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

UNKNOWN_PROCEDURE = "/api/v1/procedures/KHONG-CO-THU-TUC-NAY/"


def test_a_missing_resource_has_the_error_shape_in_the_callers_language(client):
    vi = client.get(UNKNOWN_PROCEDURE, HTTP_ACCEPT_LANGUAGE="vi")
    en = client.get(UNKNOWN_PROCEDURE, HTTP_ACCEPT_LANGUAGE="en")

    assert vi.status_code == en.status_code == 404
    assert vi["Content-Type"].startswith("application/json")
    assert set(vi.json()) == set(en.json()) == {"code", "message", "details"}
    assert vi.json()["code"] == en.json()["code"]
    assert vi.json()["message"].startswith("Không tìm thấy")
    assert en.json()["message"].startswith("No ")


@pytest.mark.parametrize(
    ("language", "message"), [("vi", "Không tìm thấy."), ("en", "Not found.")], ids=["vi", "en"]
)
def test_an_unknown_api_address_also_answers_in_the_error_shape(client, language, message):
    response = client.get("/api/v1/khong-co/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": message, "details": None}


def test_an_unknown_page_outside_the_api_is_an_html_page(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Page not found" in response.content.decode()
    assert '<html lang="en">' in response.content.decode()


def test_a_bad_bearer_token_is_refused_with_401_and_the_error_shape(client):
    response = client.get("/api/v1/dossiers/", HTTP_AUTHORIZATION="Bearer mc_not-a-real-token")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    body = response.json()
    assert body["code"] == "authentication_failed"
    assert body["message"] == "Xác thực không thành công."


def test_no_credentials_is_401_not_authenticated(client):
    response = client.get("/api/v1/dossiers/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 401
    assert response.json() == {"code": "not_authenticated", "message": "Please sign in.", "details": None}


def issue_token(username: str) -> str:
    out = StringIO()
    call_command("create_api_token", username, "--name", "tich-hop", stdout=out)
    return out.getvalue().strip()


def test_a_token_from_create_api_token_authenticates_as_its_user_until_revoked(client):
    user = UserFactory(username="tichhop")

    key = issue_token("tichhop")

    token = ApiToken.objects.get(user=user)
    assert key.startswith("mc_") and token.name == "tich-hop"
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash  # only the hash is kept
    assert client.get("/api/v1/dossiers/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200

    call_command("create_api_token", "tichhop", stdout=StringIO())  # a second token does not revoke the first
    assert client.get("/api/v1/dossiers/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200

    from motcua.accounts.services import api_token_revoke

    api_token_revoke(token=token)
    assert client.get("/api/v1/dossiers/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(client):
    user = UserFactory(username="nghiviec")
    key = issue_token("nghiviec")
    user.is_active = False
    user.save()

    assert client.get("/api/v1/dossiers/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_create_api_token_for_an_unknown_user_fails_clearly():
    with pytest.raises(CommandError, match="No user named 'ai-do'"):
        call_command("create_api_token", "ai-do", stdout=StringIO())
