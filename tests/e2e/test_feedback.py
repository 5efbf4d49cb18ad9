"""Feedback end to end in Chromium: a citizen complains about their dossier, the department's specialist drafts
the answer, its leader approves and publishes it, the citizen reads and rates it, and the public list shows it;
every page axe-clean at phone and desktop widths."""

import pytest

from motcua.feedback.models import Feedback
from tests.factories.dossiers import received, setup_procedure

pytestmark = pytest.mark.browser


@pytest.fixture
def setup(transactional_db):
    return setup_procedure()


def _as(page, login, user, path):
    page.context.clear_cookies()
    login(page, user, next_path=path)


@pytest.mark.parametrize("viewport_width", [360, 1280])
def test_a_complaint_from_filing_to_the_public_answer(page, live_server, login, axe_check, setup):
    dossier = received(setup)

    _as(page, login, setup.applicant, f"/ho-so-cua-toi/{dossier.code}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Gửi phản ánh, kiến nghị").click()
    assert "Sở Tư pháp" in page.locator(".summary-list").inner_text()
    axe_check(page)
    page.get_by_label("Phản ánh", exact=True).check()
    page.get_by_label("Tiêu đề").fill("Chưa được hướng dẫn khi nộp")
    page.get_by_label("Nội dung").fill("Tôi gọi điện ba lần nhưng không ai trả lời.")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()
    assert page.locator("#feedback-status").inner_text() == "Đã tiếp nhận"
    axe_check(page)
    feedback = Feedback.objects.get()

    _as(page, login, setup.specialist, "/workspace/phan-anh-kien-nghi/")
    row = page.locator(f'tr[data-feedback="{feedback.pk}"]')
    assert "Trong hạn" in row.inner_text()
    axe_check(page)
    with page.expect_navigation():
        row.get_by_role("link").click()
    page.get_by_label("Nội dung trả lời").fill("Xin lỗi ông; đường dây đã được bổ sung người trực.")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu dự thảo").click()
    assert page.locator("#feedback-status").inner_text() == "Đã có dự thảo trả lời"
    axe_check(page)

    _as(page, login, setup.leader, f"/workspace/phan-anh-kien-nghi/{feedback.pk}/")
    page.get_by_label("Công khai câu trả lời").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Duyệt và gửi trả lời").click()
    assert "đã công khai" in page.locator("#feedback-status").inner_text()
    axe_check(page)

    _as(page, login, setup.applicant, f"/phan-anh-kien-nghi-cua-toi/{feedback.pk}/")
    assert "đường dây đã được bổ sung" in page.locator("#feedback-answer").inner_text()
    axe_check(page)
    page.get_by_label("Hài lòng", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi đánh giá").click()
    assert page.locator("#feedback-rating").inner_text() == "Hài lòng"
    assert page.locator("#feedback-status").inner_text() == "Đã đóng"

    page.goto(f"{live_server.url}/phan-anh-kien-nghi/")
    public = page.locator("main").inner_text()
    assert "Chưa được hướng dẫn khi nộp" in public and "đường dây đã được bổ sung" in public
    assert setup.applicant.display_name not in public and dossier.code not in public
    axe_check(page)
