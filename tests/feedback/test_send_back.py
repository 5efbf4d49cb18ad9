"""A leader sends a specialist's draft answer back with a required note; the specialist sees the note, revises
and resubmits; the history keeps the note; the API offers the action by the same rules."""

import pytest
from django.test import Client

from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.feedback import policy, services
from motcua.feedback.errors import FeedbackActionNotAllowed, FeedbackStale
from motcua.feedback.models import EntryKind, Status
from tests.factories.accounts import api_client
from tests.factories.dossiers import setup_procedure
from tests.factories.feedback import file_feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return setup_procedure()


@pytest.fixture
def drafted(setup):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    return services.feedback_draft_answer(
        feedback_id=feedback.pk, actor=setup.specialist, version=feedback.version, answer="Dự thảo lần một"
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_leader_sends_the_draft_back_with_a_note_and_the_specialist_resubmits(setup, drafted):
    with pytest.raises(ValidationFailed) as blank:
        services.feedback_send_back(
            feedback_id=drafted.pk, actor=setup.leader, version=drafted.version, note=" "
        )
    assert blank.value.details == {"note": ["Nêu điều cần sửa trong dự thảo."]}
    with pytest.raises(PermissionDenied):  # a specialist does not send back
        services.feedback_send_back(
            feedback_id=drafted.pk, actor=setup.specialist, version=drafted.version, note="Sửa"
        )

    back = services.feedback_send_back(
        feedback_id=drafted.pk, actor=setup.leader, version=drafted.version, note="Nêu rõ căn cứ pháp lý."
    )

    assert (back.status, back.answer) == (Status.RECEIVED, "Dự thảo lần một")  # the draft stays to be revised
    assert policy.allowed_actions(back, setup.leader) == ["draft_answer"]  # nothing to approve now
    with pytest.raises(FeedbackActionNotAllowed):
        services.feedback_approve(feedback_id=back.pk, actor=setup.leader, version=back.version)
    with pytest.raises(FeedbackStale):
        services.feedback_draft_answer(
            feedback_id=back.pk, actor=setup.specialist, version=drafted.version, answer="Cũ"
        )
    again = services.feedback_draft_answer(
        feedback_id=back.pk, actor=setup.specialist, version=back.version, answer="Dự thảo lần hai"
    )
    assert again.status == Status.ANSWER_DRAFTED
    kinds = list(again.entries.order_by("pk").values_list("kind", "payload"))
    assert kinds[1:] == [
        (EntryKind.ANSWER_DRAFTED, {}),
        (EntryKind.SENT_BACK, {"note": "Nêu rõ căn cứ pháp lý."}),
        (EntryKind.ANSWER_DRAFTED, {}),
    ]


def test_the_pages_show_the_note_to_the_specialist_until_the_draft_is_revised(setup, drafted):
    page = f"/workspace/phan-anh-kien-nghi/{drafted.pk}/"
    leader = _client(setup.leader)
    assert "send_back-note" in leader.get(page).content.decode()
    empty = leader.post(
        f"{page}thao-tac/send_back/", {"send_back-version": drafted.version, "send_back-note": ""}
    )
    assert empty.status_code == 400 and "Nêu điều cần sửa trong dự thảo." in empty.content.decode()
    sent = leader.post(
        f"{page}thao-tac/send_back/",
        {"send_back-version": drafted.version, "send_back-note": "Thiếu căn cứ."},
    )
    assert sent.status_code == 302

    html = _client(setup.specialist).get(page).content.decode()
    assert 'id="sent-back-note"' in html and "Thiếu căn cứ." in html
    assert "Dự thảo lần một" in html  # the draft to revise, in the form

    services.feedback_draft_answer(
        feedback_id=drafted.pk,
        actor=setup.specialist,
        version=drafted.version + 1,
        answer="Đã bổ sung căn cứ",
    )
    html = _client(setup.specialist).get(page).content.decode()
    assert 'id="sent-back-note"' not in html
    assert "Trả lại dự thảo để sửa" in html and "Thiếu căn cứ." in html  # kept in the history


def test_the_api_offers_and_takes_the_action(setup, drafted):
    url = f"/api/v1/feedback/{drafted.pk}/"
    leader = api_client(setup.leader)
    assert "send_back" in leader.get(url).json()["allowed_actions"]
    stale = leader.post(
        f"{url}actions/send_back/", {"version": drafted.version - 1, "note": "x"}, format="json"
    )
    assert stale.status_code == 409
    done = leader.post(f"{url}actions/send_back/", {"version": drafted.version, "note": "Sửa"}, format="json")
    assert done.status_code == 200
    body = done.json()
    assert body["status"] == "received" and body["history"][-1]["note"] == "Sửa"
    author_view = api_client(setup.applicant).get(url).json()
    assert author_view["history"][-1]["note"] is None  # the agency's internal note stays internal
