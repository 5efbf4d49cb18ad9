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
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    home = client.get("/").content.decode()
    sign_in = client.get("/accounts/sign-in/").content.decode()

    assert '<html lang="en">' in home
    assert "One-stop public services" in home and "Sample data" in home
    assert "Dịch vụ công" not in home
    assert "<h1>Sign in</h1>" in sign_in
    assert 'for="id_username">Phone, email or username</label>' in sign_in


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
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = client.get("/").content.decode()
    assert 'name="language" value="en" lang="en"' in vi
    assert 'name="language" value="vi" lang="vi"' in en


@pytest.mark.parametrize("accept_language", ["en", "en-US,en;q=0.9", "fr-FR,en;q=0.5"])
def test_a_browser_with_an_english_interface_still_gets_vietnamese_pages(client, accept_language):
    response = client.get("/accounts/sign-in/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert "<h1>Đăng nhập</h1>" in response.content.decode()
    assert response["Content-Language"] == "vi"
    assert "accept-language" not in response.get("Vary", "").lower()


def test_an_unknown_language_in_the_cookie_falls_back_to_vietnamese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_the_api_still_answers_in_the_language_of_accept_language(client):
    unknown = "/api/v1/procedures/khong-co/"
    english = client.get(unknown, HTTP_ACCEPT_LANGUAGE="en")
    vietnamese = client.get(unknown)

    assert english.status_code == vietnamese.status_code == 404
    assert english.json()["message"] != vietnamese.json()["message"]
    assert "Accept-Language" in english["Vary"]
