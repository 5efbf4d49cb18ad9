"""A whole life cycle across two agencies in Chromium, with the demo's people and catalog (issue 11): a walk-in
received at the city's service centre for the Department of Justice's judicial record certificate (its receipt
PDF read back), assigned to the department's specialist, a supplement requested and recorded at the counter,
forwarded to the department's leader, an apology with a new appointment, a signed result issued and approved,
the result returned at the counter. The timeline shows every step; the signed result verifies on the public
signature check page and a copy with one byte changed does not."""

from __future__ import annotations

import io
from datetime import timedelta
from importlib import import_module
from io import StringIO

import pytest
from pypdf import PdfReader

from motcua.accounts.demo import DEMO_PASSWORD
from motcua.accounts.models import User
from motcua.core import clock
from motcua.dossiers.models import Dossier, EventKind
from tests.factories.accounts import api_client
from tests.portal.test_signature_check_page import tampered

pytestmark = pytest.mark.browser

PROCEDURE = "2.000488"  # Cấp Phiếu lý lịch tư pháp: received at HN.TTPVHCC, decided at HN.STP
APPLICANT = "Nguyễn Thị Hoà"
# The demo's sample data without its sample dossiers: the organization, people, calendar, catalog, signing keys.
DEMO_PARTS = [
    "motcua.organization.demo",
    "motcua.accounts.demo",
    "motcua.deadlines.demo",
    "motcua.catalog.demo",
    "motcua.documents.demo",
]


@pytest.fixture
def demo(transactional_db):
    for name in DEMO_PARTS:
        import_module(name).load(stdout=StringIO())
    return {u.username: u for u in User.objects.filter(username__contains=".")}


@pytest.fixture
def sign_in(page, login):
    def _sign_in(user):
        page.context.clear_cookies()
        login(page, user, password=DEMO_PASSWORD)

    return _sign_in


def act(page, action: str, **fields: str) -> None:
    """Open an action's form on the dossier page, fill it, send it; the page says it was done."""
    form = page.locator(f"#action-{action}")
    form.locator("summary").click()
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".messages").is_visible(), page.locator("main").inner_text()[:2000]


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_a_dossier_goes_through_two_agencies_from_counter_to_return(
    page, live_server, sign_in, demo, tmp_path
):
    base = live_server.url
    officer, specialist, leader = (
        demo["tiepnhan.thanhpho"],
        demo["chuyenvien.tuphap"],
        demo["lanhdao.tuphap"],
    )

    # The counter: find the procedure without diacritics, enter the walk-in, tick the checklist, receive.
    sign_in(officer)
    page.goto(base + "/workspace/")
    page.locator("#counter-link").click()
    page.get_by_label("Tên hoặc mã thủ tục").fill("ly lich tu phap")
    page.get_by_role("button", name="Tìm thủ tục").click()
    page.locator(f'[data-procedure="{PROCEDURE}"] a').click()
    page.get_by_label("Họ và tên người nộp hồ sơ").fill(APPLICANT)
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Người nộp đồng ý để cán bộ nhập hồ sơ thay").check()
    page.locator("#save-applicant").click()
    for radio in page.locator("#checklist input[value=original]").all():
        radio.check()
    page.locator("#checklist-continue").click()
    page.get_by_label("Hồ sơ đầy đủ: tiếp nhận và in giấy tiếp nhận, hẹn trả kết quả").check()
    page.locator("#decide").click()
    code = page.locator("#dossier-code").inner_text().strip()
    assert code.startswith("HN.TTPVHCC-")
    dossier = Dossier.objects.get(code=code)
    appointment = clock.to_local(dossier.due_at)
    assert page.locator("#appointment").inner_text().startswith(f"{appointment:%H:%M %d/%m/%Y}")

    receipt = page.request.get(base + page.locator("#print-form").get_attribute("href"))
    assert receipt.ok and receipt.headers["content-type"] == "application/pdf"
    text = pdf_text(receipt.body())
    assert code in text
    assert APPLICANT.upper() in text.upper()
    assert f"{appointment:%H} giờ {appointment:%M}, ngày {appointment:%d/%m/%Y}" in text

    # The Department of Justice: its specialist takes the dossier and asks for a supplement.
    sign_in(specialist)
    page.goto(base + "/workspace/ho-so/?queue=agency")
    page.locator(f'tr[data-code="{code}"] a').click()
    act(page, "assign", to_user=specialist.username)
    act(page, "request_supplement", reason="Thiếu bản sao căn cước", items="Bản sao thẻ căn cước")

    # The applicant brings the paper to the counter: the officer records the supplement.
    sign_in(officer)
    page.goto(f"{base}/workspace/ho-so/{code}/")
    act(page, "supplement", note="Đã nhận bản sao thẻ căn cước")

    # The specialist forwards to the leader, who apologises for the delay with a new appointment.
    sign_in(specialist)
    page.goto(f"{base}/workspace/ho-so/{code}/")
    act(page, "forward", outcome="Đủ điều kiện cấp phiếu", to_user=leader.username)
    sign_in(leader)
    page.goto(f"{base}/workspace/ho-so/{code}/")
    dossier.refresh_from_db()
    new_due = clock.to_local(dossier.due_at) + timedelta(days=3)
    act(page, "apologize", reason="Chờ xác minh của cơ quan công an", new_due_at=f"{new_due:%Y-%m-%dT%H:%M}")

    # The signed result (the result endpoint), then the approval on the dossier page.
    answer = api_client(leader).post(f"/api/v1/dossiers/{code}/result/")
    assert answer.status_code == 201, answer.content
    page.reload()
    act(page, "resolve", outcome="approved")

    # Back at the counter: the result is handed to the applicant.
    sign_in(officer)
    page.goto(f"{base}/workspace/ho-so/{code}/")
    act(page, "return", note="Đã trả tại quầy")

    kinds = page.locator("table.timeline tbody tr").evaluate_all("rows => rows.map(r => r.dataset.kind)")
    for kind in (
        EventKind.DRAFTED,
        EventKind.SUBMITTED,
        EventKind.RECEIVED,
        EventKind.ASSIGNED,
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.SUPPLEMENTED,
        EventKind.FORWARDED,
        EventKind.APOLOGIZED,
        EventKind.DOCUMENT_ADDED,
        EventKind.RESOLVED,
        EventKind.RETURNED,
    ):
        assert kind in kinds, f"{kind} missing from the timeline {kinds}"
    assert (
        kinds.index(EventKind.RECEIVED)
        < kinds.index(EventKind.SUPPLEMENTED)
        < kinds.index(EventKind.RETURNED)
    )

    # The signed result verifies; a copy with one byte changed does not.
    link = page.locator("a", has_text=f"{code}-ket-qua.pdf")
    signed = page.request.get(base + link.get_attribute("href")).body()
    good, bad = tmp_path / "ket-qua.pdf", tmp_path / "ket-qua-sua.pdf"
    good.write_bytes(signed)
    bad.write_bytes(tampered(signed))
    for path, verdict in ((good, "Hợp lệ"), (bad, "Không hợp lệ")):
        page.goto(base + "/kiem-tra-chu-ky/")
        page.locator("input[type=file]").set_input_files(str(path))
        page.locator("form.form button[type=submit]").click()
        assert page.locator(".signature-verdict h2 .tag").inner_text() == verdict
