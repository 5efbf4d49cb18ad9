from datetime import date

import pytest
from rest_framework.test import APIClient

from motcua.catalog.models import ExpressLane, FeeLine, ProcedureGroup, ProcedureGroupMember
from motcua.catalog.services import procedure_publish_content
from tests.factories.catalog import SectorFactory, version_content
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def catalog():
    civil = SectorFactory(code="HT", name="Hộ tịch", name_en="Civil status")
    construction = SectorFactory(code="XD", name="Xây dựng", name_en="Construction")
    department = AgencyFactory(code="SXD", kind="department", name="Sở Xây dựng")
    birth, _ = procedure_publish_content(
        code="1.001193",
        sector=civil,
        content=version_content(
            name="Đăng ký khai sinh",
            name_en="Birth registration",
            legal_basis="Luật Hộ tịch 2014",
            fees=[{"order": 1, "name": "Lệ phí", "name_en": "Fee", "amount": 0, "exemption": "Đúng hạn"}],
        ),
    )
    procedure_publish_content(
        code="1.000002",
        sector=civil,
        content=version_content(name="Đăng ký lại khai sinh", name_en="Re-registration of a birth"),
    )
    permit, _ = procedure_publish_content(
        code="1.009972",
        sector=construction,
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
    FeeLine.objects.create(version=permit.current_version, name="Lệ phí cấp phép", amount=75_000)
    FeeLine.objects.create(version=permit.current_version, name="Phí thẩm định", amount=25_000)
    return {"birth": birth, "permit": permit, "department": department}


def test_list_is_paginated_and_public(client, catalog):
    response = client.get("/api/v1/procedures/", {"page_size": 2})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
    second = client.get(body["next"]).json()
    assert len(second["results"]) == 1 and second["previous"]


@pytest.mark.parametrize("q", ["dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "khai sinh"])
def test_search_puts_birth_registration_first(client, catalog, q):
    results = client.get("/api/v1/procedures/", {"q": q}).json()["results"]
    assert results[0]["code"] == "1.001193"
    assert results[0]["name"] == "Đăng ký khai sinh"
    assert results[0]["fully_online"] is True
    assert results[0]["processing_time"] == {"kind": "working_days", "amount": 5}
    assert [r["code"] for r in results] == ["1.001193", "1.000002"]


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"sector": "XD"}, ["1.009972"]),
        ({"agency": "SXD"}, ["1.009972"]),
        ({"level": "commune"}, ["1.001193", "1.000002"]),
        ({"online": "partial"}, ["1.009972"]),
        ({"online": "full", "q": "khai sinh"}, ["1.001193", "1.000002"]),
        ({"online": "none"}, []),
    ],
)
def test_filters(client, catalog, params, codes):
    results = client.get("/api/v1/procedures/", params).json()["results"]
    assert [r["code"] for r in results] == codes


@pytest.mark.parametrize(
    ("params", "lang", "message"),
    [
        ({"level": "district"}, "en", "Some data is not valid; please check it."),
        ({"online": "maybe"}, "vi", "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại."),
        ({"agency": "NOPE"}, "en", "There is no agency with the code NOPE."),
        ({"agency": "NOPE"}, "vi", "Không có cơ quan mã NOPE."),
    ],
)
def test_bad_filters_answer_400_in_the_project_format(client, catalog, params, lang, message):
    response = client.get("/api/v1/procedures/", params, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["message"] == message


def test_detail_has_everything_a_citizen_needs(client, catalog):
    group = ProcedureGroup.objects.create(
        code="LT01", name="Liên thông khai sinh", name_en="Birth bundle", processing_time_amount=10
    )
    ProcedureGroupMember.objects.create(group=group, procedure=catalog["birth"])
    response = client.get("/api/v1/procedures/1.001193/")
    assert response.status_code == 200
    body = response.json()
    assert body["name_en"] == "Birth registration"
    assert body["documents"][0]["name"] == "Tờ khai" and body["documents"][0]["mandatory"] is True
    assert body["fees"][0]["exemption"] == "Đúng hạn" and body["fee_total"] == 0
    assert [s["role"] for s in body["steps"]] == ["receiving_officer", "specialist"]
    assert body["steps"][0]["agency"] is None
    assert body["channels"] == ["online", "counter"]
    assert body["legal_basis"] == "Luật Hộ tịch 2014"
    assert body["competent_agency"] is None and body["competent_agency_kind"] == "commune_committee"
    assert body["groups"] == [
        {
            "code": "LT01",
            "name": "Liên thông khai sinh",
            "name_en": "Birth bundle",
            "processing_time": {"kind": "working_days", "amount": 10},
        }
    ]


def test_detail_fee_total_agency_and_express_lane(client, catalog):
    ExpressLane.objects.create(
        procedure=catalog["permit"],
        agency=catalog["department"],
        weekdays=[4],
        working_minutes=60,
        effective_from=date(2026, 1, 1),
    )
    body = client.get("/api/v1/procedures/1.009972/").json()
    assert body["fee_total"] == 100_000
    assert body["competent_agency"]["code"] == "SXD"
    assert body["fully_online"] is False
    assert body["express_lanes"][0]["working_minutes"] == 60
    assert body["express_lanes"][0]["weekdays"] == [4]


@pytest.mark.parametrize(("lang", "message"), [("vi", "mã 9.99"), ("en", "has the code 9.99")])
def test_unknown_procedure_is_404_in_the_project_format(client, catalog, lang, message):
    response = client.get("/api/v1/procedures/9.99/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "procedure_not_found" and message in body["message"]


def test_schema_documents_the_catalog(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    params = {p["name"] for p in paths["/api/v1/procedures/"]["get"]["parameters"]}
    assert {"q", "sector", "agency", "level", "online", "page"} <= params
    assert "/api/v1/procedures/{code}/" in paths


def test_list_queries_do_not_grow_with_the_page(client, catalog, django_assert_max_num_queries):
    for i in range(30):
        procedure_publish_content(
            code=f"7.{i:03d}", sector=SectorFactory(code="HT"), content=version_content(name=f"Khai sinh {i}")
        )
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/procedures/", {"q": "khai sinh", "page_size": 50})
    assert response.json()["count"] == 32
