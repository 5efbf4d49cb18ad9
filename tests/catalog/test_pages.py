"""Public catalog pages, rendered by the server and usable without JavaScript, in Vietnamese and English."""

import pytest
from django.urls import reverse

from motcua.catalog.models import ExpressLane, FeeLine, ProcedureGroup, ProcedureGroupMember
from motcua.catalog.services import procedure_publish_content
from tests.factories.catalog import SectorFactory, version_content
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    civil = SectorFactory(code="HT", name="Hộ tịch", name_en="Civil status")
    birth, _ = procedure_publish_content(
        code="1.001193",
        sector=civil,
        content=version_content(
            name="Đăng ký khai sinh",
            name_en="Birth registration",
            legal_basis="Luật Hộ tịch số 60/2014/QH13",
            fees=[
                {
                    "order": 1,
                    "name": "Lệ phí đăng ký khai sinh",
                    "name_en": "Birth registration fee",
                    "amount": 0,
                    "exemption": "Miễn lệ phí khi đăng ký đúng hạn",
                }
            ],
        ),
    )
    department = AgencyFactory(
        code="SXD", kind="department", name="Sở Xây dựng", name_en="Department of Construction"
    )
    permit, _ = procedure_publish_content(
        code="1.009972",
        sector=SectorFactory(code="XD", name="Xây dựng", name_en="Construction"),
        content=version_content(
            name="Cấp giấy phép xây dựng",
            name_en="Construction permit",
            authority_level="province",
            competent_agency=department,
            competent_agency_kind="",
            online_level="partial",
            processing_time_amount=20,
        ),
    )
    FeeLine.objects.create(version=permit.current_version, name="Lệ phí cấp giấy phép", amount=1_500_000)
    return {"birth": birth, "permit": permit, "department": department}


def _get(client, url, lang="vi", **params):
    client.cookies["django_language"] = lang
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_home_page_links_to_the_catalog(client):
    html = _get(client, "/")
    assert f'href="{reverse("catalog_search")}"' in html
    assert f'href="{reverse("catalog_home")}"' in html


def test_catalog_home_has_a_plain_get_search_form_and_sectors(client, catalog):
    html = _get(client, reverse("catalog_home"))
    assert 'method="get"' in html and 'name="q"' in html and f'action="{reverse("catalog_search")}"' in html
    assert "Hộ tịch" in html and reverse("catalog_sector", args=["HT"]) in html
    assert reverse("catalog_agencies") in html
    assert '<html lang="vi">' in html


@pytest.mark.parametrize("q", ["dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "khai sinh"])
def test_search_page_finds_birth_registration(client, catalog, q):
    html = _get(client, reverse("catalog_search"), q=q)
    assert "Đăng ký khai sinh" in html
    assert reverse("procedure_detail", args=["1.001193"]) in html
    assert "Cấp giấy phép xây dựng" not in html
    assert f'value="{q}"' in html  # the typed query is kept


def test_search_page_in_english_shows_english_names(client, catalog):
    html = _get(client, reverse("catalog_search"), lang="en", q="khai sinh")
    assert '<html lang="en">' in html
    assert "Birth registration" in html
    assert "5 working days" in html
    assert "Tìm thủ tục" not in html


def test_start_page_in_english(client, catalog):
    html = _get(client, reverse("procedure_detail", args=["1.001193"]), lang="en")
    # Interface wording belongs to the translators; check it is English, and the data and units.
    for vietnamese in ["Giấy tờ cần chuẩn bị", "Mất bao lâu", "Căn cứ pháp lý", "Các bước giải quyết"]:
        assert vietnamese not in html
    for expected in ["Birth registration fee", "5 working days", "0.5 working days", "Free", "Receive"]:
        assert expected in html.replace("&#x27;", "'"), expected


def test_search_filters_and_empty_result(client, catalog):
    html = _get(client, reverse("catalog_search"), level="province")
    assert "Cấp giấy phép xây dựng" in html and "Đăng ký khai sinh" not in html
    html = _get(client, reverse("catalog_search"), q="khong co thu tuc nay")
    assert "Không tìm thấy thủ tục nào." in html


def test_sector_and_agency_browsing(client, catalog):
    html = _get(client, reverse("catalog_sector", args=["XD"]))
    assert "Cấp giấy phép xây dựng" in html and "Đăng ký khai sinh" not in html
    agencies = _get(client, reverse("catalog_agencies"))
    assert "Sở Xây dựng" in agencies
    html = _get(client, reverse("catalog_agency", args=["SXD"]))
    assert "Cấp giấy phép xây dựng" in html
    assert client.get(reverse("catalog_sector", args=["NOPE"])).status_code == 404


def test_lists_are_paginated(client):
    sector = SectorFactory(code="LD", name="Lao động")
    for i in range(23):
        procedure_publish_content(
            code=f"9.{i:03d}", sector=sector, content=version_content(name=f"Thủ tục {i:02d}")
        )
    first = _get(client, reverse("catalog_sector", args=["LD"]))
    assert (
        "Trang 1/2" in first and 'rel="next"' in first and "Thủ tục 19" in first and "Thủ tục 20" not in first
    )
    second = _get(client, reverse("catalog_sector", args=["LD"]), page=2)
    assert "Thủ tục 22" in second and 'rel="prev"' in second


def test_procedure_start_page_has_what_a_citizen_needs(client, catalog):
    group = ProcedureGroup.objects.create(
        code="LT1", name="Liên thông khai sinh, thường trú, BHYT", processing_time_amount=5
    )
    ProcedureGroupMember.objects.create(group=group, procedure=catalog["birth"])
    html = _get(client, reverse("procedure_detail", args=["1.001193"]))
    for expected in [
        "Đăng ký khai sinh",
        "Giấy tờ cần chuẩn bị",
        "Tờ khai",
        "5 ngày làm việc",
        "Miễn phí",
        "Miễn lệ phí khi đăng ký đúng hạn",
        "Ủy ban nhân dân xã, phường nơi bạn cư trú",
        "Các bước giải quyết",
        "Tiếp nhận",
        "0,5 ngày làm việc",
        "Trực tuyến",
        "Luật Hộ tịch số 60/2014/QH13",
        "Liên thông khai sinh, thường trú, BHYT",
        "Làm trực tuyến toàn trình",
    ]:
        assert expected in html, expected


def test_start_page_money_agency_and_express_lane(client, catalog):
    ExpressLane.objects.create(
        procedure=catalog["permit"], agency=catalog["department"], weekdays=[4], working_minutes=60
    )
    html = _get(client, reverse("procedure_detail", args=["1.009972"]))
    assert "1.500.000 đồng" in html
    assert "Sở Xây dựng" in html
    assert "Thứ Sáu" in html and "60 phút làm việc" in html
    assert "Dịch vụ công trực tuyến một phần" in html
    english = _get(client, reverse("procedure_detail", args=["1.009972"]), lang="en")
    assert "VND 1,500,000" in english and "Construction permit" in english
    assert "Department of Construction" in english


def test_unknown_procedure_is_404(client, catalog):
    assert client.get(reverse("procedure_detail", args=["0.000"])).status_code == 404


def test_sectors_are_listed_alphabetically_ignoring_diacritics(client, catalog):
    procedure_publish_content(
        code="5.001",
        sector=SectorFactory(code="DD", name="Đất đai", name_en="Land"),
        content=version_content(),
    )
    html = _get(client, reverse("catalog_home"))
    assert html.index("Đất đai") < html.index("Hộ tịch") < html.index("Xây dựng")
