"""A receiving officer files a citizen's feedback at the counter, with the citizen's consent recorded; it is routed
and answered like any other, and the citizen is told at the address they gave."""

import pytest
from django.test import Client

from motcua.accounts.models import Role
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.feedback import policy, services
from motcua.feedback.models import Entry, EntryKind, Feedback, Status
from motcua.notifications.models import OutboxMessage
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import setup_procedure
from tests.factories.feedback import answered

pytestmark = pytest.mark.django_db
PAGE = "/workspace/phan-anh-kien-nghi/tai-quay/"


@pytest.fixture
def setup():
    return setup_procedure()


def file(officer, **fields):
    values = {
        "kind": "complaint",
        "subject": "Chậm trả kết quả",
        "content": "Hồ sơ quá hẹn ba ngày.",
        "contact_name": "Lê Văn Cường",
        "contact_phone": "0912 345 678",
        "on_behalf_consent": True,
    }
    values.update(fields)
    return services.feedback_file_at_counter(officer=officer, **values)


def test_filed_for_a_citizen_it_follows_the_normal_route(setup):
    feedback = file(setup.officer, procedure_code=setup.version.procedure.code)

    assert feedback.agency == setup.department  # the procedure's competent agency
    assert (feedback.author, feedback.filed_by, feedback.contact_name) == (
        None,
        setup.officer,
        "Lê Văn Cường",
    )
    assert feedback.on_behalf_consent_at == feedback.submitted_at
    entry = Entry.objects.get(feedback=feedback)
    assert (entry.kind, entry.actor, entry.payload["at_counter"]) == (
        EntryKind.SUBMITTED,
        setup.officer,
        True,
    )
    told = OutboxMessage.objects.get(type="feedback_submitted")
    assert told.payload["phone"] == "+84912345678"

    assert policy.allowed_actions(feedback, setup.specialist) == ["draft_answer"]
    done = answered(feedback, specialist=setup.specialist, leader=setup.leader)
    assert done.status == Status.ANSWERED
    assert policy.allowed_actions(done, setup.officer) == []  # the officer does not rate for the citizen


def test_a_citizen_without_an_account_is_told_where_to_get_the_answer_not_to_sign_in(setup):
    """They cannot sign in to read or rate it: the message sends them to the counter, with the number."""
    feedback = file(
        setup.officer, procedure_code=setup.version.procedure.code, contact_email="cuong@example.vn"
    )
    answered(feedback, specialist=setup.specialist, leader=setup.leader)

    told = OutboxMessage.objects.get(type="feedback_answer_approved").payload
    assert (told["email"], told["phone"]) == ("cuong@example.vn", "+84912345678")
    assert told["subject"] == f"Phản ánh, kiến nghị số {feedback.pk} đã có câu trả lời"
    assert "Đăng nhập" not in told["text"] and "đánh giá" not in told["text"]
    assert f"đến bộ phận một cửa nơi đã gửi phản ánh, kiến nghị và báo số {feedback.pk}" in told["text"]


def test_consent_and_a_receiving_officer_are_required(setup):
    with pytest.raises(ValidationFailed) as refused:
        file(setup.officer, agency_code=setup.department.code, on_behalf_consent=False)
    assert refused.value.code == "consent_required"
    with pytest.raises(PermissionDenied):
        file(setup.specialist, agency_code=setup.department.code)
    with pytest.raises(PermissionDenied):
        file(user_with_role(Role.APPLICANT, None), agency_code=setup.department.code)
    with pytest.raises(ValidationFailed) as nameless:
        file(setup.officer, agency_code=setup.department.code, contact_name="")
    assert nameless.value.code == "required"
    assert not Feedback.objects.exists()


def test_the_counter_page_files_it_and_shows_it_to_the_officer(setup):
    client = Client()
    client.force_login(setup.officer)
    assert 'id="feedback-counter-link"' in client.get("/workspace/").content.decode()
    data = {
        "contact_name": "Lê Văn Cường",
        "kind": "recommendation",
        "agency": setup.department.code,
        "subject": "Thêm quầy ưu tiên",
        "content": "Nên có quầy cho người cao tuổi.",
    }
    refused = client.post(PAGE, data)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Cần ghi nhận sự đồng ý của người phản ánh." in html and 'value="Lê Văn Cường"' in html

    sent = client.post(PAGE, {**data, "on_behalf_consent": "on"})

    feedback = Feedback.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"/workspace/phan-anh-kien-nghi/{feedback.pk}/"
    html = client.get(sent["Location"]).content.decode()
    assert 'id="filed-at-counter"' in html and "Thêm quầy ưu tiên" in html


def test_only_receiving_officers_open_the_counter_page(setup):
    client = Client()
    client.force_login(setup.specialist)
    assert client.get(PAGE).status_code == 403
