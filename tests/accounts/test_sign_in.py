import pytest
from django.conf import settings

from motcua.accounts.models import Role
from tests.factories.accounts import PASSWORD, user_with_role
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_labels_its_fields_for_password_managers(client):
    html = client.get("/accounts/sign-in/").content.decode()
    assert '<label for="id_username">Số điện thoại, thư điện tử hoặc tên đăng nhập</label>' in html
    assert 'autocomplete="username"' in html and 'autocomplete="current-password"' in html


def test_a_wrong_password_shows_one_error_summary_and_keeps_the_username(client):
    user = user_with_role(Role.SPECIALIST, AgencyFactory())
    response = client.post("/accounts/sign-in/", {"username": user.username, "password": "sai-mat-khau"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="error-summary"') == 1
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert f'value="{user.username}"' in html
    assert "_auth_user_id" not in client.session


def test_signing_in_leads_to_the_workspace_which_lists_the_roles(client):
    agency = AgencyFactory(name="Sở Tư pháp", name_en="Department of Justice")
    user = user_with_role(Role.LEADER, agency, full_name="Vũ Đức Thắng")

    response = client.post(
        "/accounts/sign-in/", {"username": user.username, "password": PASSWORD, "next": "/workspace/"}
    )
    assert response.status_code == 302 and response["Location"] == "/workspace/"

    html = client.get("/workspace/").content.decode()
    assert "Xin chào, Vũ Đức Thắng." in html
    assert '<li data-role="leader">Lãnh đạo phê duyệt - Sở Tư pháp</li>' in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/workspace/").content.decode()
    assert '<li data-role="leader">Leader (approver) - Department of Justice</li>' in english


def test_the_sign_in_page_does_not_redirect_to_another_site(client):
    user = user_with_role(Role.INSPECTOR)
    response = client.post(
        "/accounts/sign-in/",
        {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_signing_out_needs_a_post_and_ends_the_session(client):
    client.force_login(user_with_role(Role.INSPECTOR))
    assert client.get("/accounts/sign-out/").status_code == 405
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 302
    assert client.get("/workspace/")["Location"].startswith("/accounts/sign-in/")
