"""The indicator pages in a real browser, with figures made through the services: the agency dashboard, the city
ranking and the public transparency page render their numbers, charts and tables, are axe-clean and do not
scroll sideways at 360 px and 1280 px."""

import os
from pathlib import Path

import pytest

from motcua.dossiers import services
from tests.factories.dossiers import received, setup_procedure

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("MOTCUA_SCREENSHOT_DIR")  # set to write docs/screenshots/ images


@pytest.fixture
def figures(transactional_db):
    """Two dossiers received now at STP, one of them resolved at once (early): received 2, resolved 1,
    open 1 within time, on-time rate 100%."""
    setup = setup_procedure()
    dossier = received(setup)
    received(setup)
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=setup.specialist, version=dossier.version, outcome="Đủ điều kiện"
    )
    services.dossier_resolve(
        code=dossier.code, actor=setup.leader, version=dossier.version, outcome="denied", reasons="Không đủ"
    )
    return setup


def _no_sideways_scroll(page):
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def _figure(page, name: str) -> str:
    return page.locator(f'[data-figure="{name}"]').inner_text().strip()


@pytest.mark.parametrize("viewport_width", [360, 1280])
def test_leader_dashboard_renders_numbers_and_trends(
    page, live_server, login, axe_check, figures, viewport_width
):
    login(page, figures.leader)
    page.goto(f"{live_server.url}/workspace/chi-so/STP/")

    assert page.get_by_role("heading", level=1).inner_text() == "Sở Tư pháp"
    assert [_figure(page, n) for n in ("received", "resolved", "open", "within_time", "on_time_rate")] == [
        "2",
        "1",
        "1",
        "1",
        "100,0%",
    ]
    assert page.locator("svg.chart").count() == 3
    assert page.get_by_role("table").count() == 3
    assert page.get_by_role("link", name="(XLSX)").count() == 1
    axe_check(page)
    if viewport_width == 360:
        _no_sideways_scroll(page)
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SCREENSHOTS}/dashboard-360.png", full_page=True)


@pytest.mark.parametrize("viewport_width", [360, 1280])
def test_city_ranking_renders_and_links_to_the_dashboard(
    page, live_server, login, axe_check, figures, viewport_width
):
    login(page, figures.inspector)
    page.goto(f"{live_server.url}/workspace/xep-hang/")

    row = page.get_by_role("row").filter(has_text="Sở Tư pháp")
    assert row.count() == 1
    # 50 of 82 measured points (progress, online dossiers and procedures, satisfaction in full; nothing
    # digitized; its procedure published without legal basis): 61%, average.
    assert "Trung bình" in row.inner_text()
    axe_check(page)
    if viewport_width == 360:
        _no_sideways_scroll(page)

    with page.expect_navigation():
        row.get_by_role("link", name="Sở Tư pháp").click()
    assert page.url.startswith(f"{live_server.url}/workspace/chi-so/STP/")
    assert _figure(page, "received") == "2"


@pytest.mark.parametrize("viewport_width", [360, 1280])
def test_officer_scorecards_for_a_leader(page, live_server, login, axe_check, figures, viewport_width):
    login(page, figures.leader)
    page.goto(f"{live_server.url}/workspace/")
    page.get_by_role("link", name="Kết quả công việc của cán bộ").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Kết quả công việc của cán bộ"
    row = page.locator(f'tr[data-officer="{figures.specialist.username}"]')
    # The specialist completed the one step that was decided (on time).
    assert row.locator('[data-figure="steps_done"]').inner_text() == "1"
    assert row.locator('[data-figure="steps_late"]').inner_text() == "0"
    assert page.locator(f'tr[data-officer="{figures.leader.username}"]').count() == 1
    axe_check(page)
    if viewport_width == 360:
        _no_sideways_scroll(page)


@pytest.mark.parametrize("site_language", [None, "en"])
@pytest.mark.parametrize("viewport_width", [360, 1280])
def test_transparency_page_is_public_and_accessible(
    page, live_server, axe_check, figures, viewport_width, site_language
):
    page.goto(f"{live_server.url}/minh-bach/")

    english = site_language == "en"
    assert page.locator("html").get_attribute("lang") == ("en" if english else "vi")
    row = page.get_by_role("row").filter(has_text="STP")
    assert ("100.0%" if english else "100,0%") in row.inner_text()
    assert page.locator("svg.chart rect.chart-bar").count() == 1
    axe_check(page)
    if viewport_width == 360:
        _no_sideways_scroll(page)
    # The form works without JavaScript: a plain GET that keeps the filters in the address.
    page.get_by_label("Cấp cơ quan" if not english else "Agency level").select_option("commune")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem" if not english else "Show").click()
    assert "level=commune" in page.url
    assert page.locator("svg.chart").count() == 0
