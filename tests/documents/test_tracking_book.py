"""GET /api/v1/agencies/{code}/tracking-book.pdf?from=&to=: a row per dossier the agency received or is competent
for in the range, A4 landscape, for the agency's officers, inspectors and administrators; ranges and sizes
bounded with clear 400s."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader

from motcua.accounts.models import Role
from motcua.documents.official_forms import tracking_book
from motcua.dossiers import services
from tests.factories import forms as lc
from tests.factories.accounts import api_client, user_with_role
from tests.factories.dossiers import applicant_data, received, setup_procedure, submit_online
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db

HN = ZoneInfo("Asia/Ho_Chi_Minh")


def url(code: str, start: str = "2026-03-01", end: str = "2026-03-31") -> str:
    return f"/api/v1/agencies/{code}/tracking-book.pdf?from={start}&to={end}"


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def book():
    setup = setup_procedure()
    with time_machine.travel(datetime(2026, 3, 9, 9, 0, tzinfo=HN), tick=False):
        first = received(setup)
    with time_machine.travel(datetime(2026, 3, 10, 14, 30, tzinfo=HN), tick=False):
        hoa = user_with_role(Role.APPLICANT, None, full_name="Lê Thị Hoa")
        second = submit_online(setup, actor=hoa, applicant=applicant_data(name="Lê Thị Hoa"))
        second = services.dossier_receive(code=second.code, actor=setup.officer, version=second.version)
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=HN), tick=False):
        april = received(setup)
    return setup, first, second, april


def test_the_book_lists_the_dossiers_received_in_the_range(book):
    setup, first, second, april = book
    response = api_client(setup.leader).get(url(setup.department.code))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"{setup.department.code}-so-theo-doi-20260301-20260331.pdf" in response["Content-Disposition"]
    text = text_of(response.content)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Mẫu số 07" in text
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in text and "2 hồ sơ" in text
    assert first.code in text and second.code in text and april.code not in text
    assert "LÊ THỊ HOA" in text and "14:30 10/03/2026" in text
    assert text.index(first.code) < text.index(second.code)  # in the order received


def test_page_one_is_a4_landscape_with_the_font_embedded(book, tmp_path):
    setup, *_ = book
    content = api_client(setup.officer).get(url(setup.centre.code)).content
    fonts = [
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(content)).pages
        for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts and all("Motcua-Serif" in name for name in fonts)  # the vendored font, embedded (subset)
    image = lc.page_one_image(content, tmp_path)
    assert abs(image.width - 585) <= 1 and abs(image.height - 413) <= 1  # 297 x 210 mm at 50 dpi
    assert lc.dark_share(image) > 0.005


def test_who_may_read_it(book):
    setup, *_ = book
    code = setup.department.code
    assert api_client(setup.specialist).get(url(code)).status_code == 200
    assert api_client(setup.inspector).get(url(code)).status_code == 200
    assert api_client(user_with_role(Role.ADMINISTRATOR)).get(url(code)).status_code == 200
    other = api_client(user_with_role(Role.LEADER, AgencyFactory(code="SYT", name="Sở Y tế"))).get(url(code))
    assert other.status_code == 403 and other.json()["code"] == "permission_denied"
    assert api_client(setup.applicant).get(url(code)).status_code == 403
    missing = api_client(setup.inspector).get(url("KHONGCO"))
    assert missing.status_code == 404 and missing.json()["code"] == "agency_not_found"


@pytest.mark.parametrize(
    ("start", "end", "code", "field"),
    [
        ("2026-03-31", "2026-03-01", "invalid_range", "to"),
        ("2025-01-01", "2026-03-01", "range_too_long", "to"),
        ("01/03/2026", "2026-03-31", "validation_failed", "from"),
        ("", "2026-03-31", "validation_failed", "from"),
    ],
)
def test_bad_ranges_get_a_clear_400(book, start, end, code, field):
    setup, *_ = book
    response = api_client(setup.leader).get(url(setup.department.code, start, end))
    assert response.status_code == 400
    assert response.json()["code"] == code and field in response.json()["details"]


def test_too_many_dossiers_ask_for_a_shorter_range(book, monkeypatch):
    setup, *_ = book
    monkeypatch.setattr(tracking_book, "MAX_ROWS", 1)
    response = api_client(setup.leader).get(url(setup.department.code))
    assert response.status_code == 400 and response.json()["code"] == "tracking_book_too_large"


def test_documented_in_the_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/agencies/{code}/tracking-book.pdf"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"code", "from", "to"}
    assert {"200", "400", "403", "404"} <= set(operation["responses"])
    assert "application/pdf" in operation["responses"]["200"]["content"]
