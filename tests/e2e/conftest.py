"""Browser test harness: Debian's Chromium driven by Playwright (sync API), axe-core from its Python package.

Usage in a test module (mark every browser test):

    pytestmark = pytest.mark.browser

    def test_something(page, live_server, login, axe_check):
        user = user_with_role(Role.SPECIALIST, agency)
        login(page, user)                      # signs in through the real sign-in page
        page.goto(live_server.url + "/workspace/")
        axe_check(page)                        # fails with rule ids, nodes and help if axe finds violations

    @pytest.mark.parametrize("viewport_width", [360, 1280])
    def test_narrow(page, viewport_width): ...

    @pytest.mark.parametrize("site_language", ["en"])
    def test_in_english(page, site_language): ...     # as if English had been chosen with the switcher

    @pytest.mark.parametrize("javascript_enabled", [False])
    def test_without_javascript(page, javascript_enabled): ...

Pages ignore the browser's language (`browser_locale`, Accept-Language): they are Vietnamese unless English was
chosen with the switcher, which `site_language` stands for (Django's language cookie).

No browser is ever downloaded: Chromium comes from the Debian package (`/usr/bin/chromium`, override with
CHROMIUM_PATH). One browser per test session (per xdist worker); a fresh context (cookies, storage) per test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

# Playwright's sync API runs an asyncio loop in the test thread; Django refuses ORM calls from a thread with a
# running loop unless told that this is deliberate. Tests and fixtures here are synchronous, so it is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from tests.factories.accounts import PASSWORD  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",  # the test machines run as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # No internet here: nothing may phone home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEFAULT_TIMEOUT_MS = 10_000
DEFAULT_HEIGHT = 800
# axe rule sets checked on every page: WCAG 2.0-2.2 A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            "Chromium is missing: install Debian's package (apt-get install chromium); `make test` does."
        )
    return path


@cache
def axe_source() -> str:
    """axe.min.js as shipped inside the axe-playwright-python wheel (no network)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def _no_stray_database_sessions(django_db_setup, django_db_blocker):
    """Browser tests (Playwright's sync API runs them among greenlets) can leave a PostgreSQL session to the test
    database open that no thread closes; it would stop pytest-django from dropping the test database at the
    end of the run. End such sessions first."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def viewport_width() -> int:
    """Parametrize `viewport_width` to test another width (e.g. 360 for a small phone)."""
    return 1280


@pytest.fixture
def browser_locale() -> str:
    """The browser's language (Accept-Language). English, as on many phones in Vietnam: pages must still be
    Vietnamese until English is chosen with the switcher."""
    return "en-US"


@pytest.fixture
def javascript_enabled() -> bool:
    """Parametrize `javascript_enabled` with False to check that a flow works without JavaScript (the page's
    own scripts are off; Playwright's evaluate, and so `axe_check`, still run)."""
    return True


@pytest.fixture
def site_language() -> str | None:
    """The language chosen with the switcher before the test starts (None: not chosen, Vietnamese)."""
    return None


@pytest.fixture
def page(
    request, browser: Browser, viewport_width: int, browser_locale: str, site_language, javascript_enabled
) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": viewport_width, "height": DEFAULT_HEIGHT},
        locale=browser_locale,
        timezone_id="Asia/Ho_Chi_Minh",
        java_script_enabled=javascript_enabled,
    )
    if site_language:
        url = request.getfixturevalue("live_server").url
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": site_language, "url": url}])
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def login(live_server) -> Callable[..., None]:
    """`login(page, user)`: sign in through the sign-in page (factory users share one password)."""

    def _login(page: Page, user: Any, *, password: str = PASSWORD, next_path: str = "/workspace/") -> None:
        page.goto(f"{live_server.url}/accounts/sign-in/?next={next_path}")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(password)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        if "/accounts/sign-in/" in page.url:
            errors = page.locator(".error-summary").all_inner_texts()
            pytest.fail(f"Sign-in failed for {user.username!r}: {errors}")

    return _login


def format_axe_violations(violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core found {len(violations)} accessibility violation(s):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:10]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {', '.join(map(str, node['target']))}: {summary}")
            lines.append(f"       {node['html'][:200]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more node(s)")
    return "\n".join(lines)


def axe_violations(page: Page, *, context: Any = None, tags: list[str] | None = None) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": tags or AXE_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate(
        "async ([context, options]) => await axe.run(context || document, options)", [context, options]
    )
    return result["violations"]


@contextmanager
def _checked_with_javascript(browser: Browser, page: Page, viewport_width: int) -> Iterator[Page]:
    """axe runs on the page's own timers, which are off without JavaScript: the same HTML, served at the same
    address (its style sheets from the live server), in a context where JavaScript runs."""
    html = page.content()
    context = browser.new_context(viewport={"width": viewport_width, "height": DEFAULT_HEIGHT})
    try:
        copy = context.new_page()
        address = page.url.split("#")[0]
        copy.route(
            address,
            lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
        )
        copy.goto(address)
        yield copy
    finally:
        context.close()


@pytest.fixture
def axe_check(request, javascript_enabled: bool, viewport_width: int) -> Callable[..., None]:
    """`axe_check(page)` (optionally `context="main"`, `tags=[...]`): fail listing every violation. Without
    JavaScript, the page's HTML is checked in a copy where it runs (see `_checked_with_javascript`)."""

    def _check(page: Page, *, context: Any = None, tags: list[str] | None = None) -> None:
        if javascript_enabled:
            violations = axe_violations(page, context=context, tags=tags)
        else:
            browser = request.getfixturevalue("browser")
            with _checked_with_javascript(browser, page, viewport_width) as copy:
                violations = axe_violations(copy, context=context, tags=tags)
        if violations:
            pytest.fail(f"{page.url}\n{format_axe_violations(violations)}", pytrace=False)

    return _check
