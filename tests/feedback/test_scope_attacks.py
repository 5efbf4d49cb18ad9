"""Feedback seen by an attacker: another citizen walking the ids, an officer of another agency posting the
answer's forms, an inspector trying to write; and the public list, which never shows the personal data a
citizen typed into a complaint (identification numbers, phone numbers)."""

import pytest
from django.test import Client

from motcua.feedback.models import Feedback, Status
from tests.factories.accounts import api_client
from tests.factories.dossiers import setup_procedure, with_another_agency
from tests.factories.feedback import answered, file_feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return with_another_agency(setup_procedure())


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_walking_the_ids_finds_nothing_of_anyone_else(setup):
    ids = [file_feedback(setup.applicant, agency_code=setup.department.code).pk for _ in range(3)]
    stranger, page = api_client(setup.others["stranger"]), _client(setup.others["stranger"])
    for pk in [*ids, max(ids) + 1]:
        answer = stranger.get(f"/api/v1/feedback/{pk}/")
        assert (answer.status_code, answer.json()["code"]) == (404, "feedback_not_found")
        assert page.get(f"/phan-anh-kien-nghi-cua-toi/{pk}/").status_code == 404
        assert Client().get(f"/api/v1/feedback/{pk}/").status_code == 401


def test_an_officer_of_another_agency_cannot_answer_with_a_tampered_id(setup):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    intruder = setup.others["other_leader"]
    page = _client(intruder).post(
        f"/workspace/phan-anh-kien-nghi/{feedback.pk}/thao-tac/draft_answer/",
        {"draft_answer-version": feedback.version, "draft_answer-answer": "Trả lời giả"},
    )
    api = api_client(intruder).post(
        f"/api/v1/feedback/{feedback.pk}/actions/draft_answer/",
        {"version": feedback.version, "answer": "Trả lời giả"},
        format="json",
    )
    assert page.status_code == 404 and api.status_code == 404
    feedback.refresh_from_db()
    assert (feedback.status, feedback.answer) == (Status.RECEIVED, "")


def test_an_inspector_reads_but_cannot_answer(setup):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    inspector = setup.inspector
    assert _client(inspector).get(f"/workspace/phan-anh-kien-nghi/{feedback.pk}/").status_code == 200
    page = _client(inspector).post(
        f"/workspace/phan-anh-kien-nghi/{feedback.pk}/thao-tac/draft_answer/",
        {"draft_answer-version": feedback.version, "draft_answer-answer": "Trả lời"},
    )
    api = api_client(inspector).post(
        f"/api/v1/feedback/{feedback.pk}/actions/draft_answer/",
        {"version": feedback.version, "answer": "Trả lời"},
        format="json",
    )
    assert page.status_code == 403 and api.status_code == 403
    filed = api_client(inspector).post(
        "/api/v1/feedback/",
        {"kind": "complaint", "subject": "S", "content": "C", "agency": setup.department.code},
        format="json",
    )
    assert filed.status_code == 403
    assert Feedback.objects.get(pk=feedback.pk).answer == ""


def test_the_public_list_masks_identification_and_phone_numbers_typed_in_the_text(setup):
    feedback = file_feedback(
        setup.applicant,
        agency_code=setup.department.code,
        content="Tôi, CCCD 001085012345, gọi 0912 345 678 và +84 912.345.679 nhiều lần không ai nghe.",
    )
    feedback = answered(feedback, specialist=setup.specialist, leader=setup.leader)
    Feedback.objects.filter(pk=feedback.pk).update(
        answer="Đã liên hệ ông theo số 0912345678; hồ sơ TTHCC-260309-0001 đã có kết quả.", published=True
    )
    html = Client().get("/phan-anh-kien-nghi/").content.decode()
    for secret in ("001085012345", "0912 345 678", "912.345.679", "0912345678", "345678"):
        assert secret not in html
    # What is not personal stays readable: the dossier code, and the masked numbers' last digits.
    assert "TTHCC-260309-0001" in html and "nhiều lần không ai nghe" in html
    assert "*********345" in html and "**** *** 678" in html
    # The author and the agency's officers still read the text as typed.
    mine = _client(setup.applicant).get(f"/phan-anh-kien-nghi-cua-toi/{feedback.pk}/").content.decode()
    assert "001085012345" in mine
