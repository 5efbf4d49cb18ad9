"""Dossier actions as a table: each action's own body (400 naming the field, in Vietnamese or English), its own
URL and operation in the schema, and the schema's error answers for every operation."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import path
from rest_framework.test import APIClient
from rest_framework.views import APIView

from motcua.api.dossier_actions import ACTIONS
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Action
from tests.factories.dossiers import received, setup_procedure, submit_online

pytestmark = pytest.mark.django_db
URL = "/api/v1/dossiers/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def _operations(openapi):
    for url, item in openapi["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield url, method, operation


def _component(openapi, ref: str) -> dict:
    return openapi["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_request_supplement_with_reasons_instead_of_reason_is_a_400_naming_reason_in_vi_and_en():
    setup = setup_procedure()
    dossier = received(setup)
    client = client_for(setup.specialist)
    body = {"version": dossier.version, "reasons": "Thiếu giấy tờ", "items": ["Bản sao giấy khai sinh"]}
    url = f"{URL}{dossier.code}/actions/request_supplement/"

    vi = client.post(url, body, format="json")
    assert vi.status_code == 400, vi.json()
    assert vi.json()["code"] == "validation_failed"
    assert list(vi.json()["details"]) == ["reason"]
    assert vi.json()["message"] == "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại."
    assert vi.json()["details"]["reason"] == ["Trường này là bắt buộc."]

    en = client.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert en.status_code == 400
    assert en.json()["message"] == "Some data is not valid; please check it."
    assert en.json()["details"] == {"reason": ["This field is required."]}
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version  # nothing happened

    done = client.post(url, {**body, "reason": body["reasons"]}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "awaiting_supplement"


def _required_fields(name: str) -> list[str]:
    serializer = ACTIONS[name].input()
    return [field_name for field_name, field in serializer.fields.items() if field.required]


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_each_action_missing_a_required_field_answers_400_naming_it(name):
    setup = setup_procedure()
    dossier = submit_online(setup)
    client = client_for(setup.officer)
    required = _required_fields(name)
    assert "version" in required
    response = client.post(f"{URL}{dossier.code}/actions/{name}/", {}, format="json")
    assert response.status_code == 400, response.json()
    assert set(response.json()["details"]) == set(required)
    for field_name in required:
        assert response.json()["details"][field_name] == ["Trường này là bắt buộc."]


@pytest.mark.parametrize(
    ("name", "body", "field"),
    [
        ("receive", {"version": 0}, "version"),
        ("receive", {"version": "abc"}, "version"),
        ("refuse", {"version": 1, "reasons": "   "}, "reasons"),
        ("request_supplement", {"version": 1, "reason": "x", "items": []}, "items"),
        ("request_supplement", {"version": 1, "reason": "x", "items": ["ok", " "]}, "items"),
        ("resolve", {"version": 1, "outcome": "maybe"}, "outcome"),
        ("apologize", {"version": 1, "reason": "Chậm", "new_due_at": "next week"}, "new_due_at"),
        ("assign", {"version": 1, "to_user": ""}, "to_user"),
        ("stop", {"version": 1, "reasons": "x" * 5001}, "reasons"),
        (
            "withdraw",
            {"version": 1, "reasons": 0},
            "reasons",
        ),  # the schema says string: no number turned into one
        ("request_supplement", {"version": 1, "reason": True, "items": ["Tờ khai"]}, "reason"),
    ],
)
def test_malformed_fields_answer_400_naming_the_field(name, body, field):
    setup = setup_procedure()
    dossier = submit_online(setup)
    response = client_for(setup.officer).post(f"{URL}{dossier.code}/actions/{name}/", body, format="json")
    assert response.status_code == 400, response.json()
    assert list(response.json()["details"]) == [field]


def test_a_body_that_is_not_an_object_is_a_400_in_the_error_shape():
    setup = setup_procedure()
    dossier = submit_online(setup)
    response = client_for(setup.officer).post(f"{URL}{dossier.code}/actions/receive/", [1, 2], format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"code", "message", "details"}
    assert list(response.json()["details"]) == ["non_field_errors"]


def test_the_generic_route_still_works_and_an_unknown_action_is_409():
    setup = setup_procedure()
    dossier = submit_online(setup)
    officer = client_for(setup.officer)
    unknown = officer.post(f"{URL}{dossier.code}/actions/fly/", {"version": 1}, format="json")
    assert unknown.status_code == 409 and unknown.json()["code"] == "unknown_action"
    # Every known action has its own URL; the same path keeps answering as before.
    done = officer.post(f"{URL}{dossier.code}/actions/receive/", {"version": dossier.version}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "received"


def test_the_schema_has_one_operation_per_action_with_its_own_body(openapi):
    by_id = {operation["operationId"]: (url, operation) for url, _m, operation in _operations(openapi)}
    for name in Action.values:
        url, operation = by_id[f"dossiers_action_{name}"]
        assert url == f"/api/v1/dossiers/{{code}}/actions/{name}/"
        content = operation["requestBody"]["content"]
        assert list(content) == ["application/json"]
        body = _component(openapi, content["application/json"]["schema"]["$ref"])
        assert set(body["required"]) == set(_required_fields(name))
        assert body["properties"]["version"]["minimum"] == 1
        assert _component(
            openapi, operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        )
    supplement = _component(
        openapi,
        by_id["dossiers_action_request_supplement"][1]["requestBody"]["content"]["application/json"][
            "schema"
        ]["$ref"],
    )
    assert supplement["properties"]["reason"]["maxLength"] == 5000
    assert supplement["properties"]["items"]["minItems"] == 1
    resolve = by_id["dossiers_action_resolve"][1]["requestBody"]["content"]["application/json"]["schema"]
    outcome = _component(openapi, resolve["$ref"])["properties"]["outcome"]
    assert _component(openapi, outcome["$ref"])["enum"] == ["approved", "denied"]


def test_the_list_documents_its_paginated_answer(openapi):
    operation = openapi["paths"]["/api/v1/dossiers/"]["get"]
    page = _component(openapi, operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"])
    assert {"next", "previous", "results"} <= set(page["properties"])
    assert page["properties"]["results"]["type"] == "array"


def test_every_operation_documents_its_error_answers_in_the_error_shape(openapi):
    error = openapi["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"code", "message", "details"}
    for url, method, operation in _operations(openapi):
        responses = operation["responses"]
        errors = {status for status in responses if status >= "400"}
        for status in errors:
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Error"}, (url, method, status)
        assert "503" in errors, (url, method)
        if "{code}" in url:
            assert "404" in errors, (url, method)
        if operation.get("security") and {} not in operation["security"]:
            assert {"401", "403"} <= errors, (url, method)
        if "requestBody" in operation:
            assert {"400", "415"} <= errors, (url, method)
    assert "429" in openapi["paths"]["/api/v1/lookup/{code}/"]["get"]["responses"]
    submit = openapi["paths"]["/api/v1/dossiers/"]["post"]
    body = _component(openapi, submit["requestBody"]["content"]["application/json"]["schema"]["$ref"])
    applicant = _component(openapi, body["properties"]["applicant"]["$ref"])
    assert "name" in applicant["required"] and applicant["properties"]["name"]["maxLength"] == 150
    pattern = re.compile(applicant["properties"]["name"]["pattern"])
    assert pattern.search("Nguyễn Văn An") and not pattern.search("   ") and not pattern.search("")


class _DatabaseDown(APIView):
    def get(self, request):
        from django.db import OperationalError

        raise OperationalError("could not connect to server")


urlpatterns = [path("down/", _DatabaseDown.as_view())]


@override_settings(ROOT_URLCONF=__name__)
def test_a_database_that_is_unavailable_answers_503_with_retry_after():
    response = APIClient().get("/down/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["code"] == "unavailable"


def test_field_messages_follow_the_request_language():
    setup = setup_procedure()
    dossier = submit_online(setup)
    url = f"{URL}{dossier.code}/actions/refuse/"
    body = {"version": 0, "reasons": "x" * 5001}
    client = client_for(setup.officer)
    vi = client.post(url, body, format="json").json()["details"]
    assert vi == {
        "version": ["Giá trị phải lớn hơn hoặc bằng 1."],
        "reasons": ["Trường này dài tối đa 5000 ký tự."],
    }
    en = client.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE="en").json()["details"]
    assert en == {
        "version": ["Ensure this value is greater than or equal to 1."],
        "reasons": ["Ensure this field has no more than 5000 characters."],
    }
