"""The officers' queues and dossier page in Chromium: receiving a dossier with the keyboard only, and no axe-core
violations at phone and desktop widths."""

from decimal import Decimal

import pytest

from tests.factories.dossiers import received, setup_procedure, submit_online

pytestmark = pytest.mark.browser


@pytest.fixture
def setup(transactional_db):
    # The first step is at the centre: a dossier it receives stays in the centre's queue.
    return setup_procedure(
        steps=[("centre", "specialist", Decimal("1")), ("department", "specialist", Decimal("4"))]
    )


def tab_to(page, matches, *, limit: int = 80) -> None:
    """Press Tab until the focused element matches (a JavaScript predicate on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({matches}); }}"):
            return
    pytest.fail(f"no focusable element matched {matches} after {limit} Tab presses")


def test_an_officer_receives_a_dossier_with_the_keyboard_only(page, live_server, login, setup):
    dossier = submit_online(setup)
    login(page, setup.officer, next_path="/workspace/ho-so/")

    tab_to(page, "el.dataset.queue === 'to_receive'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(f'tr[data-code="{dossier.code}"]').is_visible()

    tab_to(page, f"el.textContent.trim() === '{dossier.code}'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == f"Hồ sơ {dossier.code}"

    tab_to(page, "el.tagName === 'SUMMARY' && el.parentElement.id === 'action-receive'")
    page.keyboard.press("Enter")
    tab_to(page, "el.id === 'receive-note'")
    page.keyboard.type("Đủ thành phần hồ sơ")
    tab_to(page, "el.tagName === 'BUTTON' && el.closest('#action-receive')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "Đã thực hiện: Tiếp nhận hồ sơ." in page.locator(".messages").inner_text()
    assert page.locator('tr[data-kind="received"]').is_visible()
    tab_to(page, "el.textContent.trim() === 'Về danh sách hồ sơ'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "el.dataset.queue === 'agency'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    row = page.locator(f'tr[data-code="{dossier.code}"]')
    assert row.is_visible()
    assert "Trong hạn" in row.inner_text()


@pytest.mark.parametrize("viewport_width", [360, 1280])
def test_the_queue_and_the_dossier_page_pass_axe(page, live_server, login, axe_check, setup, viewport_width):
    dossier = received(setup)
    waiting = submit_online(setup)
    login(page, setup.officer, next_path="/workspace/ho-so/")

    for url in (
        "/workspace/ho-so/?queue=agency",
        "/workspace/ho-so/?queue=to_receive",
        f"/workspace/ho-so/{dossier.code}/",
    ):
        page.goto(live_server.url + url)
        axe_check(page)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {viewport_width}px"
    # An action that fails shows its error summary: still clean.
    page.goto(live_server.url + f"/workspace/ho-so/{waiting.code}/")
    page.locator("#action-refuse summary").click()
    page.locator("#action-refuse button").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
