"""My dossiers: only the signed-in person's own dossiers, with status, appointment, the public timeline and what
is asked of them."""

import pytest
from django.conf import settings

from motcua.accounts.models import Role
from motcua.dossiers import services
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import applicant_data, received, setup_procedure, submit_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return setup_procedure()


def test_signing_in_is_needed(client):
    assert client.get("/ho-so-cua-toi/")["Location"].startswith("/accounts/sign-in/?next=/ho-so-cua-toi/")


def test_the_list_shows_only_my_dossiers_with_status_and_appointment(client, setup):
    mine = received(setup)
    someone_else = user_with_role(Role.APPLICANT)
    theirs = submit_online(setup, actor=someone_else)
    client.force_login(setup.applicant)

    html = client.get("/ho-so-cua-toi/").content.decode()
    assert mine.code in html and theirs.code not in html
    assert "Đã tiếp nhận" in html
    assert "Hẹn trả kết quả" in html


def test_an_officer_sees_only_their_own_dossiers_here_not_their_agency_queue(client, setup):
    received(setup)
    client.force_login(setup.officer)
    html = client.get("/ho-so-cua-toi/").content.decode()
    assert "Bạn chưa có hồ sơ nào." in html


def test_someone_elses_dossier_is_not_found(client, setup):
    dossier = received(setup)
    client.force_login(user_with_role(Role.APPLICANT))
    assert client.get(f"/ho-so-cua-toi/{dossier.code}/").status_code == 404


def test_the_detail_lists_every_item_asked_for_and_the_timeline(client, setup):
    dossier = services.dossier_request_completion(
        code=submit_online(setup).code, actor=setup.officer, version=1, items=["Bản sao giấy khai sinh"]
    )
    client.force_login(setup.applicant)

    html = client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "Bạn cần bổ sung, hoàn thiện hồ sơ" in html
    assert "<li>Bản sao giấy khai sinh</li>" in html
    assert "Nộp hồ sơ" in html and "Hướng dẫn bổ sung, hoàn thiện" in html  # the timeline
    assert "Chưa có (hồ sơ chưa được tiếp nhận)" in html


def test_the_detail_in_english(client, setup):
    dossier = received(setup)
    client.force_login(setup.applicant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert '<html lang="en">' in html and "Received" in html and "Documents" in html


def test_a_draft_is_listed_and_its_page_opens_with_an_empty_timeline(client, setup):
    draft = services.dossier_submit(
        actor=setup.applicant,
        applicant=applicant_data(),
        channel="online",
        procedure_code=setup.version.procedure.code,
        receiving_agency_code=setup.centre.code,
        draft=True,
    )
    client.force_login(setup.applicant)
    assert "Nháp" in client.get("/ho-so-cua-toi/").content.decode()
    response = client.get(f"/ho-so-cua-toi/{draft.code}/")
    assert response.status_code == 200 and "Chưa có bước xử lý nào." in response.content.decode()
