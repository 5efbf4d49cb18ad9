"""In a real browser, under the strict Content-Security-Policy: the pages and the Swagger UI (drf-spectacular's
sidecar files, served locally) work, and nothing is refused by the policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from motcua.accounts.models import Role
from tests.factories.accounts import PASSWORD, user_with_role
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def refused(page: Page) -> list[str]:
    """What the browser refused under the policy on this page (its console says so)."""
    messages: list[str] = []
    page.on(
        "console",
        lambda message: messages.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return messages


def test_the_pages_work_and_nothing_is_refused(page, live_server, login, refused):
    page.goto(f"{live_server.url}/")
    assert page.evaluate("() => typeof window.htmx") == "object"  # the vendored scripts ran
    page.goto(f"{live_server.url}/accounts/sign-in/")
    login(page, user_with_role(Role.SPECIALIST, AgencyFactory()))
    assert page.url.endswith("/workspace/")
    assert refused == []


def test_the_swagger_ui_renders_under_its_policy(page, live_server, refused):
    page.goto(f"{live_server.url}/api/v1/docs/")
    title = page.locator(".swagger-ui .info .title")
    title.wait_for()
    assert "Motcua API" in title.inner_text()
    page.locator(".opblock").first.wait_for()  # the operations were read from the schema
    assert page.locator(".opblock").count() > 10
    assert refused == []


def test_the_admin_works_and_nothing_is_refused(page, live_server, refused):
    from django.urls import reverse

    admin = user_with_role(Role.ADMINISTRATOR, None, is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.locator("#id_username").fill(admin.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    assert page.url.endswith("/admin/")
    for path in [
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[admin.pk]),
        reverse("admin:deadlines_calendaroverride_year", args=[2026]),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("#content").is_visible()
    # The year view's styles come from its static file.
    assert page.locator(".wc-months").evaluate("e => getComputedStyle(e).display") == "grid"
    assert refused == []
