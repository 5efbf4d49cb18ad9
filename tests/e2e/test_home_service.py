"""Home service in Chromium (DOMAIN.md §3.4): an elderly citizen, on a phone with JavaScript off, asks for a
visit from the procedure's page (an empty form first: the error summary); the officer of the one-stop section
serving the citizen's commune schedules the visit and records the dossier received at home on
/workspace/phuc-vu-tai-nha/; the citizen then sees the appointment and the dossier among their dossiers. Every
citizen page is axe-clean at 360 px and does not scroll sideways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page

from motcua.core import clock
from motcua.dossiers.models import Dossier, HomeServiceStatus, Status
from tests.dossiers.test_home_service import world  # noqa: F401 - the procedure, communes and officers

from .test_citizen_accounts import h1, no_sideways_scroll

pytestmark = pytest.mark.browser


def click_and_wait(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).click()


@pytest.fixture
def area(transactional_db, world):  # noqa: F811 - the imported fixture
    return world


@pytest.mark.parametrize(("viewport_width", "javascript_enabled"), [(360, False)])
def test_a_citizen_asks_for_a_visit_and_the_commune_officer_receives_the_dossier_at_home(
    page, browser, live_server, login, axe_check, area
):
    citizen, officer = area["citizen"], area["a"].officer
    code = area["version"].procedure.code
    tomorrow = clock.to_local(clock.now()).date() + timedelta(days=1)

    def check_page() -> None:
        axe_check(page)
        no_sideways_scroll(page)

    # The citizen: from the procedure's page to the request form; nothing chosen first, then the request.
    login(page, citizen, next_path=f"/thu-tuc/{code}/")
    click_and_wait(page, "#home-service")
    assert page.url.endswith(f"/phuc-vu-tai-nha/de-nghi/{code}/")
    check_page()
    click_and_wait(page, "#home-send")
    assert page.locator(".error-summary").is_visible()
    check_page()
    page.locator("input[name=eligibility][value=elderly]").check()
    page.locator("#id_reason").fill("Tôi 82 tuổi, đi lại khó khăn.")
    page.locator("#id_phone").fill("0912 345 678")
    page.locator("#id_address_street").fill("12 phố Hàng Bạc")
    page.locator("#id_address_unit").select_option(area["a"].commune.code)
    page.locator("#id_address_province").fill("Thành phố Hà Nội")
    page.locator("#id_preferred_date").fill(f"{tomorrow:%d/%m/%Y}")
    page.locator("input[name=preferred_window][value=morning]").check()
    click_and_wait(page, "#home-send")
    assert page.locator("#home-status").inner_text() == "Đã gửi yêu cầu"
    check_page()
    detail = page.url

    # The commune's one-stop officer, in their own browser: schedules the visit, then receives at home.
    desk_context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        desk = desk_context.new_page()
        login(desk, officer, next_path="/workspace/phuc-vu-tai-nha/")
        click_and_wait(desk, f"main table a:text('{citizen.full_name}')")
        desk.locator("#id_visit_date").fill(f"{tomorrow:%d/%m/%Y}")
        desk.locator("#id_visit_time").fill("09:30")
        desk.locator("#id_note").fill("Mang theo máy quét")
        click_and_wait(desk, "#home-schedule")
        assert desk.locator("#home-status").inner_text() == "Đã hẹn lịch"
        axe_check(desk)
        click_and_wait(desk, "#home-receive")
        assert "/workspace/ho-so/" in desk.url
        dossier = Dossier.objects.get(applicant=citizen)
        assert dossier.code in desk.locator("h1").inner_text()
    finally:
        desk_context.close()
    assert (dossier.channel, dossier.status) == ("home", Status.RECEIVED)

    # The citizen sees the appointment and the dossier, on the request and among their dossiers.
    page.goto(detail)
    assert page.locator("#home-status").inner_text() == "Đã tiếp nhận tại nhà"
    assert f"{tomorrow:%d/%m/%Y} 09:30" in page.locator(".summary-list").inner_text()
    check_page()
    click_and_wait(page, f"main a:text('{dossier.code}')")
    assert h1(page) == dossier.code
    check_page()
    page.goto(live_server.url + "/ho-so-cua-toi/")
    row = page.locator(".dossier-list li", has_text=dossier.code)
    assert "Đã tiếp nhận" in row.inner_text()
    check_page()
    assert citizen.home_service_requests.get().status == HomeServiceStatus.DONE
