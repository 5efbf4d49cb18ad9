"""The leaders' pages and the administrators' calendar in Chromium: a specialist proposes an apology from the
dossier page and the leader approves it from the approvals page with the keyboard only; no axe-core violations
and no sideways scrolling at phone and desktop widths."""

from datetime import timedelta

import pytest

from motcua.accounts.models import Role
from motcua.core import clock
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import received, setup_procedure

from .test_workspace_queues import tab_to

pytestmark = pytest.mark.browser


@pytest.fixture
def setup(transactional_db):
    return setup_procedure()


def test_a_proposed_apology_is_approved_by_the_leader_with_the_keyboard(page, live_server, login, setup):
    dossier = received(setup)
    new_appointment = clock.to_local(dossier.due_at + timedelta(days=3))
    login(page, setup.specialist, next_path=f"/workspace/ho-so/{dossier.code}/")

    page.locator("#action-propose_apology summary").click()
    page.locator("#propose_apology-reason").fill("Chờ kết quả xác minh")
    page.locator("#propose_apology-new_due_at").fill(f"{new_appointment:%Y-%m-%dT%H:%M}")
    with page.expect_navigation():
        page.locator("#action-propose_apology button").click()
    assert "Đã thực hiện: Đề xuất xin lỗi và hẹn lại." in page.locator(".messages").inner_text()
    assert page.locator('tr[data-kind="apology_proposed"]').is_visible()

    page.context.clear_cookies()
    login(page, setup.leader, next_path="/workspace/lanh-dao/")
    tab_to(page, "el.getAttribute('href') === '/workspace/lanh-dao/phe-duyet/#proposals-title'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    card = page.locator(f'section.approval[data-code="{dossier.code}"]')
    assert "Chờ kết quả xác minh" in card.inner_text()
    tab_to(page, "el.tagName === 'BUTTON' && el.textContent.includes('Duyệt và ký')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert f"(hồ sơ {dossier.code})" in page.locator(".messages").inner_text()
    assert page.url.endswith("/workspace/lanh-dao/phe-duyet/")
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.rescheduled_due_at is not None
    assert (
        clock.to_local(dossier.rescheduled_due_at).strftime("%Y-%m-%dT%H:%M")
        == f"{new_appointment:%Y-%m-%dT%H:%M}"
    )


@pytest.mark.parametrize("viewport_width", [360, 1280])
def test_the_new_pages_pass_axe(page, live_server, login, axe_check, setup, viewport_width):
    waiting = received(setup)
    services.dossier_propose_apology(
        code=waiting.code,
        actor=setup.specialist,
        version=waiting.version,
        reason="Chờ xác minh",
        new_due_at=waiting.due_at + timedelta(days=3),
    )
    done = received(setup)
    services.dossier_complete_step(
        code=done.code, actor=setup.specialist, version=done.version, outcome="Đạt"
    )
    login(page, setup.leader, next_path="/workspace/lanh-dao/")
    pages = [
        "/workspace/lanh-dao/",
        "/workspace/lanh-dao/phe-duyet/",
        "/workspace/lanh-dao/thoi-han/?timing=due_soon",
        "/workspace/lanh-dao/thoi-han/?timing=overdue",
        "/workspace/lanh-dao/so-theo-doi/?agency=STP&start=31/12/2026&end=01/01/2026",  # the error summary
    ]
    for url in pages:
        page.goto(live_server.url + url)
        axe_check(page)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {viewport_width}px"

    page.context.clear_cookies()
    login(page, user_with_role(Role.ADMINISTRATOR, None), next_path="/workspace/lich-lam-viec/")
    axe_check(page)
    page.locator("#id_reason").fill("Nghỉ")
    with page.expect_navigation():
        page.locator("form.calendar-form button").click()  # no date: the error summary
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the calendar page scrolls sideways by {overflow}px at {viewport_width}px"
