"""The feedback pages without a browser: the form keeps typed values and names the field in error, a page left
open while a colleague acted asks to reload, and scope gives 404s."""

import pytest
from django.test import Client

from motcua.accounts.models import Role
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import setup_procedure, submit_online
from tests.factories.feedback import answered, file_feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return setup_procedure()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_form_from_a_dossier_shows_where_it_goes_and_keeps_typed_values(setup):
    dossier = submit_online(setup)
    citizen = _client(setup.applicant)
    page = citizen.get("/phan-anh-kien-nghi/gui/", {"dossier": dossier.code})
    assert page.status_code == 200
    assert "Sở Tư pháp" in page.content.decode() and 'name="agency"' not in page.content.decode()
    refused = citizen.post(
        "/phan-anh-kien-nghi/gui/",
        {"dossier": dossier.code, "kind": "complaint", "subject": "", "content": "Nội dung đã gõ"},
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'href="#id_subject"' in html and "Nội dung đã gõ" in html
    sent = citizen.post(
        "/phan-anh-kien-nghi/gui/",
        {"dossier": dossier.code, "kind": "complaint", "subject": "Chậm", "content": "Quá hẹn"},
    )
    assert sent.status_code == 302
    assert citizen.get(sent["Location"]).status_code == 200


def test_someone_elses_dossier_is_refused_beside_the_agency_or_subject(setup):
    dossier = submit_online(setup)
    stranger = _client(user_with_role(Role.APPLICANT, None, full_name="Trần Thị Bình"))
    refused = stranger.post(
        "/phan-anh-kien-nghi/gui/",
        {"dossier": dossier.code, "kind": "complaint", "subject": "Chậm", "content": "Quá hẹn"},
    )
    assert refused.status_code == 400
    assert "chỉ người nộp hồ sơ" in refused.content.decode()


def test_scope_of_the_pages(setup):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    stranger = _client(user_with_role(Role.APPLICANT, None, full_name="Trần Thị Bình"))
    assert stranger.get(f"/phan-anh-kien-nghi-cua-toi/{feedback.pk}/").status_code == 404
    assert stranger.get("/workspace/phan-anh-kien-nghi/").status_code == 404
    assert _client(setup.officer).get(f"/workspace/phan-anh-kien-nghi/{feedback.pk}/").status_code == 404
    inbox = _client(setup.specialist).get("/workspace/phan-anh-kien-nghi/")
    assert f'data-feedback="{feedback.pk}"' in inbox.content.decode()


def test_a_stale_page_asks_to_reload(setup):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    answered(feedback, specialist=setup.specialist, leader=setup.leader)
    stale = _client(setup.leader).post(
        f"/workspace/phan-anh-kien-nghi/{feedback.pk}/thao-tac/publish/", {"publish-version": 1}
    )
    assert stale.status_code == 409
    assert "hãy tải lại trang" in stale.content.decode()


def test_the_public_list_shows_published_answers_without_personal_data(setup):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code, contact_phone="0912345678")
    answered(feedback, specialist=setup.specialist, leader=setup.leader, publish=True)
    html = Client().get("/phan-anh-kien-nghi/").content.decode()
    assert "Đã xử lý, xin lỗi ông." in html
    assert setup.applicant.display_name not in html and "912345678" not in html


def test_the_pages_in_english(setup, settings):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    citizen = _client(setup.applicant)
    citizen.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = citizen.get("/phan-anh-kien-nghi/gui/").content.decode()
    assert 'lang="en"' in html and "Send a complaint or recommendation" in html and "working days" in html
    detail = citizen.get(f"/phan-anh-kien-nghi-cua-toi/{feedback.pk}/").content.decode()
    assert "Answer due" in detail and "Complaint" in detail
