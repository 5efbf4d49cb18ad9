"""A citizen who forgot the password, in Chromium on a 360 px phone: from the sign-in page's link, asks for a
code with the number as written on paper, enters the code from the log sender's outbox with a new password
(a weak one is refused first, with the code kept), then signs in with the new password. Once in Vietnamese
without JavaScript, once in English; every page axe-core clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from motcua.accounts.models import Membership, Role
from tests.e2e.test_citizen_accounts import code_sent_to, h1
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.browser

PHONE = "+84912345678"
NEW_PASSWORD = "mat-khau-moi-cua-An-2027"
TEXT = {
    "vi": {
        "forgot": "Quên mật khẩu?",
        "ask": "Quên mật khẩu",
        "new": "Đặt mật khẩu mới",
        "done": "Đã đặt lại",
    },
    "en": {
        "forgot": "Forgot your password?",
        "ask": "Forgotten password",
        "new": "Choose a new password",
        "done": "Your password was reset",
    },
}


@pytest.fixture
def viewport_width() -> int:
    return 360


@pytest.mark.parametrize(
    ("site_language", "javascript_enabled"), [(None, False), ("en", True)], ids=["vi-no-js", "en"]
)
def test_forgotten_password_from_the_sign_in_page_to_signing_in_again(
    page, live_server, axe_check, site_language, javascript_enabled
):
    text = TEXT[site_language or "vi"]
    user = UserFactory(username=PHONE, phone=PHONE, is_active=True)
    user.set_password("mat-khau-cu-da-quen-2026")
    user.save()
    Membership.objects.create(user=user, role=Role.APPLICANT, agency=None)

    page.goto(live_server.url + "/accounts/sign-in/")
    with page.expect_navigation():
        page.get_by_role("link", name=text["forgot"]).click()
    assert h1(page) == text["ask"]
    axe_check(page)
    page.locator("#id_identifier").fill("0912 345 678")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    assert page.url.endswith("/accounts/password-reset/new/") and h1(page) == text["new"]
    expect(page.locator(".messages")).to_contain_text("+84•••••678")
    axe_check(page)
    code = code_sent_to(PHONE)
    page.locator("#id_code").fill(code)
    page.locator("#id_password").fill("12345678")  # too common: refused beside the field, the code kept
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.locator("#id_code").input_value() == code
    axe_check(page)
    page.locator("#id_password").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()

    assert "/accounts/sign-in/" in page.url
    expect(page.locator(".messages")).to_contain_text(text["done"])
    page.locator("#id_username").fill("0912345678")
    page.locator("#id_password").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/accounts/sign-in/" not in page.url
