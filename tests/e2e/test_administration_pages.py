"""The administrators' pages and the new feedback pages in Chromium: an administrator creates an officer's
account with the keyboard only and the officer signs in with the password shown once; no axe-core violations and
no sideways scrolling at phone and desktop widths, in both languages."""

import pytest

from motcua.accounts.models import Role
from motcua.catalog.models import ExpressLane
from motcua.feedback import services as feedback_services
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import setup_procedure
from tests.factories.feedback import file_feedback

from .test_workspace_queues import tab_to

pytestmark = pytest.mark.browser


@pytest.fixture
def setup(transactional_db):
    return setup_procedure()


def test_an_administrator_creates_an_officer_with_the_keyboard_and_the_officer_signs_in(
    page, live_server, login, setup
):
    admin = user_with_role(Role.ADMINISTRATOR, None)
    login(page, admin, next_path="/workspace/")
    tab_to(page, "el.id === 'officers-link'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "el.id === 'officer-new'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "el.id === 'id_username'")
    page.keyboard.type("cb.lan")
    page.keyboard.press("Tab")
    page.keyboard.type("Trần Thị Lan")
    tab_to(page, "el.id === 'id_role'")
    page.locator("#id_role").select_option(Role.SPECIALIST)
    tab_to(page, "el.id === 'id_agency'")
    page.locator("#id_agency").select_option(str(setup.department.pk))
    tab_to(page, "el.tagName === 'BUTTON' && el.type === 'submit' && el.closest('main')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    password = page.locator("#initial-password").inner_text()
    assert page.locator("#officer-username").inner_text() == "cb.lan"

    page.context.clear_cookies()
    officer = type(admin).objects.get(username="cb.lan")
    login(page, officer, password=password, next_path="/workspace/")
    assert page.locator('li[data-role="specialist"]').is_visible()


@pytest.mark.parametrize("site_language", [None, "en"])
@pytest.mark.parametrize("viewport_width", [360, 1280])
def test_the_new_pages_pass_axe(page, live_server, login, axe_check, setup, viewport_width, site_language):
    lane = ExpressLane.objects.create(
        procedure=setup.version.procedure, agency=setup.centre, weekdays=[4], working_minutes=60
    )
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    drafted = feedback_services.feedback_draft_answer(
        feedback_id=feedback.pk, actor=setup.specialist, version=feedback.version, answer="Dự thảo"
    )
    feedback_services.feedback_send_back(
        feedback_id=drafted.pk, actor=setup.leader, version=drafted.version, note="Thiếu căn cứ"
    )

    def check(url: str) -> None:
        page.goto(live_server.url + url)
        axe_check(page)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {viewport_width}px"

    login(page, user_with_role(Role.ADMINISTRATOR, None), next_path="/workspace/")
    for url in (
        "/workspace/",
        "/workspace/quan-tri/can-bo/",
        "/workspace/quan-tri/can-bo/them/",
        f"/workspace/quan-tri/can-bo/{setup.specialist.pk}/",
        "/workspace/quan-tri/lan-xanh/",
        f"/workspace/quan-tri/lan-xanh/{lane.pk}/",
    ):
        check(url)
    page.goto(live_server.url + "/workspace/quan-tri/lan-xanh/")
    with page.expect_navigation():
        page.locator("main form[novalidate] button[type=submit]").click()  # nothing filled: the error summary
    assert page.locator(".error-summary").is_visible()
    axe_check(page)

    page.context.clear_cookies()
    login(page, setup.specialist, next_path="/workspace/")
    check(f"/workspace/phan-anh-kien-nghi/{feedback.pk}/")
    assert page.locator("#sent-back-note").is_visible()

    page.context.clear_cookies()
    login(page, setup.officer, next_path="/workspace/")
    check("/workspace/phan-anh-kien-nghi/tai-quay/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
