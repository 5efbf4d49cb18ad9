"""Feedback rules: routing, the answer deadline in working days, scope, who drafts / approves / publishes, rating
once, feedback about a dossier only by its applicant, the author told through the outbox."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.accounts.models import Role
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.deadlines.models import CalendarOverride
from motcua.feedback import policy, selectors, services
from motcua.feedback.errors import FeedbackActionNotAllowed, FeedbackNotFound, FeedbackStale
from motcua.feedback.models import Entry, Status
from motcua.notifications.models import OutboxMessage
from tests.factories.accounts import user_with_role
from tests.factories.catalog import ProcedureVersionFactory
from tests.factories.dossiers import setup_procedure, submit_online
from tests.factories.feedback import answered, file_feedback
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
# Friday 6 March 2026, 15:00 local.
FRIDAY = datetime(2026, 3, 6, 15, 0, tzinfo=HN)


@pytest.fixture
def setup():
    return setup_procedure()


def test_routing_dossier_procedure_or_chosen_agency(setup):
    dossier = submit_online(setup)
    about_dossier = file_feedback(setup.applicant, dossier_code=dossier.code, agency_code=setup.centre.code)
    assert about_dossier.agency == setup.department  # the dossier's competent agency, whatever was chosen
    assert about_dossier.procedure == setup.version.procedure
    about_procedure = file_feedback(setup.applicant, procedure_code=setup.version.procedure.code)
    assert about_procedure.agency == setup.department
    about_agency = file_feedback(setup.applicant, agency_code=setup.centre.code)
    assert (about_agency.agency, about_agency.procedure, about_agency.dossier) == (setup.centre, None, None)


def test_a_procedure_without_a_fixed_competent_agency_needs_the_agency_chosen(setup):
    commune = AgencyFactory(code="UBXA", name="UBND xã Ba Vì")
    version = ProcedureVersionFactory(competent_agency=None, competent_agency_kind="commune_committee")
    with pytest.raises(ValidationFailed) as error:
        file_feedback(setup.applicant, procedure_code=version.procedure.code)
    assert error.value.code == "agency_required"
    feedback = file_feedback(setup.applicant, procedure_code=version.procedure.code, agency_code=commune.code)
    assert (feedback.agency, feedback.procedure) == (commune, version.procedure)


def test_feedback_about_a_dossier_only_by_its_applicant(setup):
    dossier = submit_online(setup)
    stranger = user_with_role(Role.APPLICANT, None, full_name="Trần Thị Bình")
    with pytest.raises(ValidationFailed) as error:
        file_feedback(stranger, dossier_code=dossier.code)
    assert error.value.code == "dossier_not_found"
    with pytest.raises(ValidationFailed):  # an officer handling it is not its applicant either
        file_feedback(setup.specialist, dossier_code=dossier.code)


def test_the_deadline_is_ten_working_days_in_the_routed_agency_calendar(setup):
    with time_machine.travel(FRIDAY, tick=False):
        feedback = file_feedback(setup.applicant, agency_code=setup.centre.code)
    # Friday 6 March + 10 working days = Friday 20 March, same clock time.
    assert feedback.due_at == datetime(2026, 3, 20, 15, 0, tzinfo=HN)
    # An extra day off of that agency moves the deadline by one working day.
    CalendarOverride.objects.create(
        agency=setup.department, date=datetime(2026, 3, 10).date(), kind="day_off", reason="Nghỉ bù"
    )
    with time_machine.travel(FRIDAY, tick=False):
        feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    assert feedback.due_at == datetime(2026, 3, 23, 15, 0, tzinfo=HN)


def test_the_number_of_working_days_is_a_setting(setup, settings):
    settings.MOTCUA_FEEDBACK_ANSWER_WORKING_DAYS = 3
    with time_machine.travel(FRIDAY, tick=False):
        feedback = file_feedback(setup.applicant, agency_code=setup.centre.code)
    assert feedback.due_at == datetime(2026, 3, 11, 15, 0, tzinfo=HN)


def test_scope_author_inbox_and_inspectors(setup):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    other_citizen = user_with_role(Role.APPLICANT, None, full_name="Trần Thị Bình")
    for user in (setup.applicant, setup.specialist, setup.leader, setup.inspector):
        assert selectors.feedback_for(user=user, pk=feedback.pk) == feedback
    for user in (other_citizen, setup.officer):  # the centre's officer: another agency's inbox
        with pytest.raises(FeedbackNotFound):
            selectors.feedback_for(user=user, pk=feedback.pk)
    assert list(selectors.feedback_inbox(user=setup.specialist)) == [feedback]
    assert list(selectors.feedback_inbox(user=setup.officer)) == []
    assert list(selectors.feedback_list(user=other_citizen)) == []


def test_specialist_drafts_leader_approves_and_publishes(setup):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    with pytest.raises(FeedbackActionNotAllowed):  # no draft yet
        services.feedback_approve(feedback_id=feedback.pk, actor=setup.leader, version=feedback.version)
    with pytest.raises(PermissionDenied):  # another agency's officer
        services.feedback_draft_answer(
            feedback_id=feedback.pk, actor=setup.officer, version=feedback.version, answer="x"
        )
    assert policy.allowed_actions(feedback, setup.specialist) == ["draft_answer"]
    drafted = services.feedback_draft_answer(
        feedback_id=feedback.pk, actor=setup.specialist, version=feedback.version, answer="Dự thảo"
    )
    assert drafted.status == Status.ANSWER_DRAFTED
    with pytest.raises(FeedbackStale):
        services.feedback_approve(feedback_id=feedback.pk, actor=setup.leader, version=feedback.version)
    with pytest.raises(PermissionDenied):  # a specialist does not approve
        services.feedback_approve(feedback_id=feedback.pk, actor=setup.specialist, version=drafted.version)
    assert policy.allowed_actions(drafted, setup.leader) == ["draft_answer", "send_back", "approve"]
    done = services.feedback_approve(
        feedback_id=feedback.pk, actor=setup.leader, version=drafted.version, answer="Trả lời đã sửa"
    )
    assert (done.status, done.answer, done.approved_by, done.published) == (
        Status.ANSWERED,
        "Trả lời đã sửa",
        setup.leader,
        False,
    )
    assert list(selectors.feedback_published()) == []
    with pytest.raises(FeedbackActionNotAllowed):  # answered: the draft is closed
        services.feedback_draft_answer(
            feedback_id=feedback.pk, actor=setup.specialist, version=done.version, answer="x"
        )
    with pytest.raises(PermissionDenied):
        services.feedback_publish(feedback_id=feedback.pk, actor=setup.specialist, version=done.version)
    published = services.feedback_publish(feedback_id=feedback.pk, actor=setup.leader, version=done.version)
    assert list(selectors.feedback_published()) == [published]
    kinds = list(Entry.objects.filter(feedback=feedback).values_list("kind", "actor"))
    assert kinds == [
        ("submitted", setup.applicant.pk),
        ("answer_drafted", setup.specialist.pk),
        ("answer_approved", setup.leader.pk),
        ("published", setup.leader.pk),
    ]


def test_the_author_rates_the_answer_once(setup):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    with pytest.raises(FeedbackActionNotAllowed):  # nothing to rate yet
        services.feedback_rate(feedback_id=feedback.pk, actor=setup.applicant, rating="satisfied")
    feedback = answered(feedback, specialist=setup.specialist, leader=setup.leader)
    with pytest.raises(PermissionDenied):
        services.feedback_rate(feedback_id=feedback.pk, actor=setup.leader, rating="satisfied")
    with pytest.raises(ValidationFailed):
        services.feedback_rate(feedback_id=feedback.pk, actor=setup.applicant, rating="great")
    rated = services.feedback_rate(feedback_id=feedback.pk, actor=setup.applicant, rating="not_satisfied")
    assert (rated.rating, rated.status) == ("not_satisfied", Status.CLOSED)
    with pytest.raises(FeedbackActionNotAllowed):
        services.feedback_rate(feedback_id=feedback.pk, actor=setup.applicant, rating="satisfied")


def test_the_author_is_told_of_receipt_and_answer_through_the_outbox(setup):
    with time_machine.travel(FRIDAY, tick=False):
        feedback = file_feedback(
            setup.applicant, agency_code=setup.department.code, contact_phone="0912345678"
        )
    answered(feedback, specialist=setup.specialist, leader=setup.leader)
    messages = list(OutboxMessage.objects.filter(type__startswith="feedback_").order_by("pk"))
    assert [m.type for m in messages] == [
        "feedback_submitted",
        "feedback_answer_drafted",
        "feedback_answer_approved",
    ]
    told = [m.payload for m in messages if m.payload.get("text")]
    assert len(told) == 2
    assert "15:00 20/03/2026" in told[0]["text"]
    assert told[0]["phone"] == "+84912345678"
    assert "đã có câu trả lời" in told[1]["text"]
    assert "Đăng nhập Cổng dịch vụ công để xem và đánh giá" in told[1]["text"]  # an account can rate online


def test_blank_text_is_refused_with_the_field_named(setup):
    with pytest.raises(ValidationFailed) as error:
        file_feedback(setup.applicant, agency_code=setup.centre.code, subject="   ")
    assert list(error.value.details) == ["subject"]
