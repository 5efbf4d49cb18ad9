"""Every answer carries a strict Content-Security-Policy and the other security headers; no template holds inline
script, event handler attributes or inline style, so the policy needs no exception for them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client, override_settings

import motcua
from motcua.core.security_headers import DOCS_DIRECTIVES, PAGE_DIRECTIVES, policy
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
SRC = Path(motcua.__file__).parent


def directives(header: str) -> dict[str, str]:
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] for part in header.split("; ")}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/sign-in/",
        "/admin/login/",
        "/api/v1/procedures/",
        "/api/v1/schema/",
        "/khong-co-trang-nay/",
        "/api/v1/khong-co/",
        "/healthz",
        "/static/motcua/site.css",
    ],
)
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code < 500
    csp = directives(response["Content-Security-Policy"])
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'" and csp["base-uri"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_signed_in_pages_and_the_server_error_page_carry_them_too(client):
    client.force_login(UserFactory())
    assert client.get("/workspace/")["Content-Security-Policy"] == policy(PAGE_DIRECTIVES)
    raising = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF="tests.core.urls_raising"):
        response = raising.get("/hong/")
    assert response.status_code == 500
    assert response["Content-Security-Policy"] == policy(PAGE_DIRECTIVES)
    assert "<style" not in response.content.decode()


def test_the_api_docs_run_no_inline_script():
    """Swagger UI's start-up script is its own answer from our origin; only its inline style is allowed."""
    client = Client()
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    csp = directives(page["Content-Security-Policy"])
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self' 'unsafe-inline'"
    assert csp["frame-ancestors"] == "'none'"
    assert page["Content-Security-Policy"] == policy(DOCS_DIRECTIVES)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all('src="' in attrs and not body.strip() for attrs, body in scripts)
    start = [re.search(r'src="([^"]+)"', attrs).group(1) for attrs, _ in scripts if "script" in attrs][-1]
    script = client.get(start.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.I)


def test_no_template_holds_inline_script_handlers_or_style():
    templates = [p for p in SRC.rglob("*.html") if "templates" in p.parts]
    assert len(templates) > 10
    found = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for name, pattern in [
            ("inline script", INLINE_SCRIPT),
            ("event handler", EVENT_HANDLER),
            ("inline style", INLINE_STYLE),
            ("javascript: URL", JAVASCRIPT_URL),
        ]:
            if pattern.search(text):
                found.append(f"{path.relative_to(SRC)}: {name}")
    assert found == []
