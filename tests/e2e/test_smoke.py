"""Every role can sign in, sees its workspace with its role named, and can sign out."""

import pytest

from motcua.accounts.models import Role
from motcua.organization.models import Agency
from tests.factories.accounts import user_with_role
from tests.factories.organization import AgencyFactory, CommuneCommitteeFactory

pytestmark = pytest.mark.browser

ROLE_LABELS_VI = {
    Role.APPLICANT: "Người nộp hồ sơ",
    Role.RECEIVING_OFFICER: "Cán bộ tiếp nhận",
    Role.SPECIALIST: "Chuyên viên xử lý",
    Role.LEADER: "Lãnh đạo phê duyệt",
    Role.INSPECTOR: "Thanh tra, lãnh đạo thành phố",
    Role.ADMINISTRATOR: "Quản trị hệ thống",
}


def _user_for(role: Role):
    if role == Role.APPLICANT:
        return user_with_role(Role.APPLICANT, full_name="Trần Thị Bình")
    if role in (Role.INSPECTOR, Role.ADMINISTRATOR):
        return user_with_role(role, full_name="Lê Văn Cường", is_staff=role == Role.ADMINISTRATOR)
    if role == Role.RECEIVING_OFFICER:
        agency = AgencyFactory(kind=Agency.Kind.SERVICE_CENTRE, name="Trung tâm Phục vụ hành chính công thử")
    else:
        agency = CommuneCommitteeFactory(name="Ủy ban nhân dân Phường Thử")
    return user_with_role(role, agency=agency, full_name="Phạm Minh Đức")


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_each_role_signs_in_sees_its_workspace_and_signs_out(page, live_server, login, axe_check, role):
    user = _user_for(role)

    login(page, user)

    assert page.url == f"{live_server.url}/workspace/"
    assert page.get_by_role("heading", level=1).inner_text() == "Không gian làm việc"
    roles = page.locator(".role-list li")
    assert ROLE_LABELS_VI[role] in roles.all_inner_texts()[0]
    assert roles.first.get_attribute("data-role") == role.value
    axe_check(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Đăng xuất").click()
    assert page.get_by_role("link", name="Đăng nhập").is_visible()
    page.goto(f"{live_server.url}/workspace/")
    assert "/accounts/sign-in/" in page.url


def test_wrong_password_shows_the_error_summary_and_keeps_the_username(page, live_server):
    user = user_with_role(Role.SPECIALIST, agency=AgencyFactory())
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill("not-the-password")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Đăng nhập").click()

    summary = page.locator(".error-summary")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in summary.inner_text()
    assert page.get_by_label("Tên đăng nhập").input_value() == user.username
