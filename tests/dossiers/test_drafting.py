"""The online draft's services: only its owner changes it, only while it is a draft, with the filing rules, the
ways of receiving the result the procedure allows, and sending only once nothing is missing."""

import pytest

from motcua.accounts.models import Role
from motcua.catalog.models import Channel, ResultForm
from motcua.core.errors import ActionNotAllowed, PermissionDenied, StaleVersion, ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.delivery import result_deliveries_for
from motcua.dossiers.filing import OnBehalf
from motcua.dossiers.models import EventKind, Status
from motcua.dossiers.selectors_drafts import draft_steps_saved
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import applicant_data, pdf_file, setup_procedure, submit_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return setup_procedure()


@pytest.fixture
def draft(setup):
    return submit_online(setup, draft=True)


def test_the_owner_saves_the_applicant_details_as_an_event(setup, draft):
    dossier = services.dossier_draft_applicant_set(
        code=draft.code,
        actor=setup.applicant,
        version=draft.version,
        applicant=applicant_data(phone="0987654321"),
    )
    assert dossier.version == draft.version + 1 and dossier.applicant_phone == "+84987654321"
    assert draft_steps_saved(dossier=dossier) == {"applicant"}
    assert dossier.events.order_by("-seq").first().kind == EventKind.DRAFTED


def test_nobody_else_changes_a_draft(setup, draft):
    with pytest.raises(PermissionDenied):
        services.dossier_draft_applicant_set(
            code=draft.code,
            actor=user_with_role(Role.APPLICANT),
            version=draft.version,
            applicant=applicant_data(),
        )
    with pytest.raises(PermissionDenied):
        services.dossier_draft_result_delivery_set(
            code=draft.code, actor=setup.officer, version=draft.version, delivery="centre"
        )


def test_a_stale_version_is_refused(setup, draft):
    with pytest.raises(StaleVersion):
        services.dossier_draft_applicant_set(
            code=draft.code, actor=setup.applicant, version=draft.version + 1, applicant=applicant_data()
        )


def test_someone_else_needs_relationship_and_consent(setup, draft):
    other = applicant_data(name="Trần Thị Bình")
    with pytest.raises(ValidationFailed) as refused:
        services.dossier_draft_applicant_set(
            code=draft.code, actor=setup.applicant, version=draft.version, applicant=other
        )
    assert refused.value.code == "on_behalf_consent_required"
    dossier = services.dossier_draft_applicant_set(
        code=draft.code,
        actor=setup.applicant,
        version=draft.version,
        applicant=other,
        on_behalf=OnBehalf(relationship="family_member", consent=True),
    )
    assert dossier.on_behalf_consent and dossier.on_behalf_consent_at is not None


def test_a_contact_is_required(setup, draft):
    with pytest.raises(ValidationFailed) as refused:
        services.dossier_draft_applicant_set(
            code=draft.code,
            actor=setup.applicant,
            version=draft.version,
            applicant=applicant_data(phone="", email=""),
        )
    assert refused.value.code == "contact_required"


@pytest.mark.parametrize(
    ("result_form", "channels", "allowed"),
    [
        (ResultForm.BOTH, [Channel.ONLINE, Channel.POSTAL], ["online", "post", "centre"]),
        (ResultForm.ELECTRONIC, [Channel.ONLINE, Channel.POSTAL], ["online", "centre"]),
        (ResultForm.PAPER, [Channel.ONLINE], ["centre"]),
    ],
)
def test_the_ways_of_receiving_the_result_follow_the_procedure(setup, result_form, channels, allowed):
    setup.version.result_form, setup.version.channels = result_form, channels
    assert result_deliveries_for(setup.version) == allowed


def test_a_way_the_procedure_does_not_allow_is_refused(setup, draft):
    setup.version.result_form = ResultForm.PAPER
    setup.version.save(update_fields=["result_form"])
    with pytest.raises(ValidationFailed) as refused:
        services.dossier_draft_result_delivery_set(
            code=draft.code, actor=setup.applicant, version=draft.version, delivery="online"
        )
    assert refused.value.code == "result_delivery_not_allowed"


def test_sending_needs_every_part_then_submits(setup, draft):
    with pytest.raises(ValidationFailed) as refused:
        services.dossier_draft_send(code=draft.code, actor=setup.applicant, version=draft.version)
    assert refused.value.details["gaps"] == ["applicant", "documents", "result_delivery"]
    assert [d["name"] for d in refused.value.details["missing_documents"]] == ["Tờ khai"]
    d = services.dossier_draft_applicant_set(
        code=draft.code, actor=setup.applicant, version=draft.version, applicant=applicant_data()
    )
    services.dossier_add_document(code=d.code, actor=setup.applicant, file=pdf_file(), component_code="TK")
    d = services.dossier_draft_result_delivery_set(
        code=d.code, actor=setup.applicant, version=d.version, delivery="online"
    )
    sent = services.dossier_draft_send(code=d.code, actor=setup.applicant, version=d.version)
    assert sent.status == Status.SUBMITTED and sent.submitted_at is not None
    assert sent.result_delivery == "online"
    with pytest.raises(ActionNotAllowed) as refused:
        services.dossier_draft_result_delivery_set(
            code=d.code, actor=setup.applicant, version=sent.version, delivery="centre"
        )
    assert refused.value.code == "not_a_draft"
    # The one-stop section can receive it.
    received = services.dossier_receive(code=sent.code, actor=setup.officer, version=sent.version)
    assert received.status == Status.RECEIVED
