"""The counter intake in Chromium: a receiving officer enters and receives a walk-in dossier with the keyboard
only, every step passing axe-core at phone and desktop widths without sideways scrolling; the receipt shows the
express lane's working-minute deadline. With MOTCUA_SCREENSHOT_DIR set, the README's pictures are written."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
import time_machine

from motcua.catalog.models import ExpressLane, Procedure, ProcedureVersion
from motcua.catalog.services import procedure_refresh_search
from motcua.core import clock
from tests.e2e.test_workspace_queues import tab_to
from tests.factories.catalog import RequiredDocumentFactory
from tests.factories.dossiers import setup_procedure

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("MOTCUA_SCREENSHOT_DIR")  # set to write docs/screenshots/ images
# A Friday morning in working hours: the procedure's express lane applies on Fridays.
FRIDAY = datetime(2026, 3, 13, 9, 0, tzinfo=clock.LOCAL_TZ)


@pytest.fixture
def setup(transactional_db):
    setup = setup_procedure()
    procedure = Procedure.objects.get(pk=setup.version.procedure_id)
    procedure.name = "Cấp phiếu lý lịch tư pháp"
    procedure.save()
    procedure_refresh_search(procedure=procedure)
    ProcedureVersion.objects.filter(pk=setup.version.pk).update(name=procedure.name)
    RequiredDocumentFactory(version=setup.version, code="CCCD", name="Bản sao thẻ căn cước", mandatory=True)
    ExpressLane.objects.create(
        procedure=procedure, agency=setup.centre, name="Thứ Sáu xanh", weekdays=[4], working_minutes=60
    )
    return setup


def checked(page, width: int, name: str | None = None) -> None:
    page.wait_for_load_state()
    page.evaluate("() => document.fonts.ready")
    from tests.e2e.conftest import axe_violations, format_axe_violations

    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{format_axe_violations(violations)}"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {width}px"
    if SCREENSHOTS and name:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=width == 360)


def type_into(page, element_id: str, text: str) -> None:
    tab_to(page, f"el.id === '{element_id}'")
    page.keyboard.type(text)


def press(page, predicate: str) -> None:
    tab_to(page, predicate)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("viewport_width", [360, 1280])
def test_a_walk_in_is_received_with_the_keyboard_only(page, live_server, login, setup, viewport_width):
    traveller = time_machine.travel(FRIDAY, tick=True)
    traveller.start()
    try:
        login(page, setup.officer, next_path="/workspace/ho-so/")
        press(page, "el.id === 'counter-link'")
        checked(page, viewport_width)

        # Step 1: the procedure, typed without diacritics; today's express lane is shown.
        type_into(page, "id_q", "ly lich tu phap")
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        result = page.locator(f'[data-procedure="{setup.version.procedure.code}"]')
        assert "Làn xanh hôm nay: 60 phút làm việc" in result.inner_text()
        checked(page, viewport_width, "counter-search-360" if viewport_width == 360 else None)
        press(page, "el.closest('[data-procedure]') && el.tagName === 'A'")

        # Step 2: a mistake first (no consent): the error summary takes the focus, typed values stay.
        type_into(page, "id_name", "Nguyễn Thị Hoà")
        type_into(page, "id_phone", "0912345678")
        press(page, "el.id === 'save-applicant'")
        assert page.evaluate("() => document.activeElement.closest('.error-summary') !== null")
        assert page.locator("#id_name").input_value() == "Nguyễn Thị Hoà"
        checked(page, viewport_width)
        tab_to(page, "el.id === 'id_consent'")
        page.keyboard.press("Space")
        press(page, "el.id === 'save-applicant'")

        # Step 3: the checklist, each component received as an original (arrow keys within each group).
        checked(page, viewport_width)
        for group in page.locator("#checklist fieldset").all():
            name = group.locator("input").first.get_attribute("name")
            tab_to(page, f"el.name === '{name}' && el.checked")
            page.keyboard.press("ArrowUp")
            page.keyboard.press("ArrowUp")
        press(page, "el.id === 'checklist-continue'")

        # Step 4: receive; nothing mandatory is left unticked.
        assert page.locator("#unticked").count() == 0
        checked(page, viewport_width, "counter-decision" if viewport_width == 1280 else None)
        tab_to(page, "el.name === 'decision'")
        page.keyboard.press("Space")
        press(page, "el.id === 'decide'")

        code = page.locator("#dossier-code").inner_text()
        assert "Làn xanh: 60 phút làm việc" in page.locator("#appointment").inner_text()
        assert page.locator("#appointment").inner_text().startswith("10:00 13/03/2026")
        checked(page, viewport_width)
        if SCREENSHOTS and viewport_width == 1280:
            receipt = page.request.get(live_server.url + page.locator("#print-form").get_attribute("href"))
            pdf = Path(SCREENSHOTS) / "counter-receipt.pdf"
            pdf.write_bytes(receipt.body())
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(pdf.with_suffix(""))],
                check=True,
            )
            pdf.unlink()
        assert code.startswith(f"{setup.centre.code}-")
    finally:
        traveller.stop()


def test_a_refusal_without_reasons_shows_its_error_and_stays_clean(
    page, live_server, login, axe_check, setup
):
    login(page, setup.officer, next_path=f"/workspace/quay/thu-tuc/{setup.version.procedure.code}/")
    page.locator("#id_name").fill("Nguyễn Thị Hoà")
    page.locator("#id_consent").check()
    page.locator("#save-applicant").click()
    page.locator("#checklist-continue").click()
    page.get_by_label("Từ chối tiếp nhận, nêu rõ lý do (mẫu 03)").check()
    page.locator("#decide").click()

    assert "Nêu rõ lý do." in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Từ chối tiếp nhận, nêu rõ lý do (mẫu 03)").is_checked()
    axe_check(page)
