"""Vietnamese by default, English on request; the language switcher works without JavaScript."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_pages_are_vietnamese_by_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert "Dịch vụ công một cửa" in html
    assert "Dữ liệu mẫu" in html  # the footer marks sample data


def test_english_pages_come_from_the_compiled_catalog(client):
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    sign_in = client.get("/accounts/sign-in/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<html lang="en">' in home
    assert "One-stop public services" in home and "Sample data" in home
    assert "Dịch vụ công" not in home
    assert "<h1>Sign in</h1>" in sign_in
    assert 'for="id_username">Username</label>' in sign_in


def test_the_language_switcher_posts_a_plain_form_and_returns_to_the_same_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/sign-in/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "<h1>Sign in</h1>" in client.get("/accounts/sign-in/").content.decode()

    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "<h1>Đăng nhập</h1>" in client.get("/accounts/sign-in/").content.decode()


def test_the_switcher_ignores_an_outside_next_address(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://example.com/phishing"})
    assert response["Location"] == "/"


def test_every_page_offers_the_other_language(client):
    vi = client.get("/").content.decode()
    en = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="language" value="en" lang="en"' in vi
    assert 'name="language" value="vi" lang="vi"' in en
