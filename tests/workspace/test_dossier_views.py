"""The workspace dossier page: scoped like the API, the actions allowed now as forms posting to the services with
the API's input serializers, stale pages refused with a clear message, errors shown with the typed values kept."""

import pytest

from motcua.accounts.models import Role
from motcua.dossiers.models import Dossier, Event, Status
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import received, setup_procedure, submit_online
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return setup_procedure()


def page(dossier) -> str:
    return f"/workspace/ho-so/{dossier.code}/"


def act(dossier, action) -> str:
    return f"/workspace/ho-so/{dossier.code}/thao-tac/{action}/"


def test_the_page_shows_details_timeline_steps_documents_forms_and_the_allowed_actions(client, setup):
    dossier = received(setup)
    client.force_login(setup.leader)

    response = client.get(page(dossier))

    html = response.content.decode()
    assert response.status_code == 200
    assert dossier.code in html and "Nguyễn Văn An" in html
    assert 'data-kind="received"' in html and 'data-kind="submitted"' in html
    assert setup.department.display_name in html
    assert f"/api/v1/dossiers/{dossier.code}/forms/receipt.pdf" in html
    assert f"/api/v1/dossiers/{dossier.code}/forms/refusal.pdf" not in html
    # The leader of the competent agency may assign, request a supplement, stop; receiving is not theirs.
    assert 'id="action-assign"' in html and 'id="action-stop"' in html
    assert 'id="action-receive"' not in html
    assert f'name="version" value="{dossier.version}"' in html


def test_another_agencys_dossier_is_not_found(client, setup):
    dossier = received(setup)
    client.force_login(user_with_role(Role.SPECIALIST, AgencyFactory(code="UBXA", name="UBND xã")))

    assert client.get(page(dossier)).status_code == 404
    assert client.post(act(dossier, "stop"), {"version": dossier.version, "reasons": "x"}).status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).status == Status.RECEIVED


def test_receiving_from_the_page_runs_the_service_and_redirects_back(client, setup):
    dossier = submit_online(setup)
    client.force_login(setup.officer)

    response = client.post(act(dossier, "receive"), {"version": dossier.version, "note": "Đủ giấy tờ"})

    assert response.status_code == 302 and response["Location"] == page(dossier)
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    assert "Đã thực hiện: Tiếp nhận hồ sơ." in client.get(page(dossier)).content.decode()


def test_a_stale_page_gets_the_message_and_changes_nothing(client, setup):
    dossier = submit_online(setup)
    seen = dossier.version
    client.force_login(setup.officer)
    client.post(act(dossier, "request_completion"), {"version": seen, "items": "Tờ khai", "note": ""})
    dossier.refresh_from_db()
    events_before = Event.objects.filter(dossier=dossier).count()

    response = client.post(act(dossier, "refuse"), {"version": seen, "reasons": "Hồ sơ giả mạo"})

    html = response.content.decode()
    assert response.status_code == 409
    assert "Người khác vừa thay đổi hồ sơ này; hãy tải lại trang" in html
    assert "Hồ sơ giả mạo</textarea>" in html  # what was typed is kept
    assert f'<a href="{page(dossier)}">Tải lại trang</a>' in html
    dossier.refresh_from_db()
    assert dossier.status == Status.NEEDS_COMPLETION
    assert Event.objects.filter(dossier=dossier).count() == events_before


def test_a_refused_action_shows_the_reason(client, setup):
    dossier = received(setup)  # at the department, on its last step: nothing to forward to
    client.force_login(setup.specialist)

    response = client.post(act(dossier, "forward"), {"version": dossier.version, "outcome": "Đạt"})

    html = response.content.decode()
    assert response.status_code == 409
    assert "error-summary" in html and "Chưa thực hiện được: Chuyển bước tiếp theo" in html
    assert 'value="Đạt"' in html
    dossier.refresh_from_db()
    assert dossier.current_agency_id == setup.department.pk


def test_missing_input_is_named_beside_its_field_with_the_other_values_kept(client, setup):
    dossier = received(setup)
    client.force_login(setup.specialist)

    response = client.post(
        act(dossier, "request_supplement"),
        {"version": dossier.version, "reason": "Thiếu bản sao", "items": "  "},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#request_supplement-items"' in html
    assert 'id="request_supplement-items-error"' in html
    assert "Thiếu bản sao</textarea>" in html
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED


def test_a_role_that_may_not_act_is_refused_without_change(client, setup):
    dossier = submit_online(setup)
    client.force_login(setup.specialist)  # the department sees it (competent) but does not receive

    response = client.post(act(dossier, "receive"), {"version": dossier.version})

    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED


def test_the_page_is_in_english_when_chosen(client, setup, settings):
    dossier = received(setup)
    client.force_login(setup.leader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(page(dossier)).content.decode()
    assert 'lang="en"' in html and "Processing log (process-control slip)" in html
