"""The public lookup pages: status without personal data for anyone, the timeline with the receipt's secret,
the same 404 for unknown codes and drafts, and the API's throttle shared."""

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from motcua.dossiers import services
from tests.factories.dossiers import applicant_data, received, setup_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dossier():
    setup = setup_procedure()
    return received(setup)


def test_the_form_goes_to_the_dossier_page_with_the_code_as_typed_loosely(client, dossier):
    response = client.get("/tra-cuu/", {"code": f"  {dossier.code.lower()} ", "secret": ""})
    assert response.status_code == 302 and response["Location"] == f"/tra-cuu/{dossier.code}/"

    response = client.get("/tra-cuu/", {"code": "", "secret": "abc"})
    html = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_code">Nhập mã hồ sơ in trên giấy tiếp nhận.</a>' in html
    assert 'value="abc"' in html  # typed values are kept


def test_without_the_secret_status_and_appointment_but_no_personal_data_and_no_timeline(client, dossier):
    html = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    assert "Đã tiếp nhận" in html
    assert dossier.procedure_version.procedure.display_name in html
    assert "Quá trình xử lý" not in html
    assert "Nguyễn Văn An" not in html and "0912345678" not in html and "an@example.vn" not in html


def test_with_the_secret_the_timeline_of_public_events(client, dossier):
    html = client.get(f"/tra-cuu/{dossier.code}/", {"secret": dossier.lookup_secret.lower()}).content.decode()
    assert "Quá trình xử lý" in html
    assert "Nộp hồ sơ" in html and "Tiếp nhận" in html
    assert "Nguyễn Văn An" not in html


def test_a_wrong_secret_shows_the_status_and_says_what_is_wrong_beside_the_field(client, dossier):
    response = client.get(f"/tra-cuu/{dossier.code}/", {"secret": "SAIMATRACUU"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Đã tiếp nhận" in html and "Quá trình xử lý" not in html
    assert '<a href="#id_secret">Mã tra cứu không đúng.' in html
    assert 'value="SAIMATRACUU"' in html


def test_unknown_codes_and_drafts_look_the_same(client):
    setup = setup_procedure()
    draft = services.dossier_submit(
        actor=setup.applicant,
        applicant=applicant_data(),
        channel="online",
        procedure_code=setup.version.procedure.code,
        receiving_agency_code=setup.centre.code,
        draft=True,
    )
    params = {"secret": draft.lookup_secret}
    unknown = client.get("/tra-cuu/HN.KHONGCO-260101-0001/", params)
    hidden = client.get(f"/tra-cuu/{draft.code}/", params)
    assert unknown.status_code == hidden.status_code == 404
    assert "Không tìm thấy hồ sơ" in unknown.content.decode()

    def main(response, code):
        html = response.content.decode()
        return html[html.index("<main") : html.index("</main>")].replace(code, "X")

    assert main(hidden, draft.code) == main(unknown, "HN.KHONGCO-260101-0001")


def test_the_page_and_the_api_share_one_throttle_per_address(client, dossier, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"lookup": "4/minute"})
    for n in range(2):
        assert client.get(f"/tra-cuu/{dossier.code}/", {"secret": f"SAI{n}"}).status_code == 403
    for n in range(2):
        assert APIClient().get(f"/api/v1/lookup/{dossier.code}/", {"secret": f"SAI{n}"}).status_code == 403
    blocked = client.get(f"/tra-cuu/{dossier.code}/", {"secret": dossier.lookup_secret})
    assert blocked.status_code == 429 and blocked["Retry-After"]
    assert "Quá nhiều lượt tra cứu" in blocked.content.decode()
    assert APIClient().get(f"/api/v1/lookup/{dossier.code}/").status_code == 429


def test_the_lookup_page_in_english(client, dossier):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/tra-cuu/{dossier.code}/", {"secret": dossier.lookup_secret}).content.decode()
    assert '<html lang="en">' in html
    assert "Received" in html and "Progress" in html
