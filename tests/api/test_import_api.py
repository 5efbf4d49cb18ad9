"""POST /api/v1/dossiers/import/: administrators only, all or nothing, per-line errors, documented."""

import pytest
import yaml
from rest_framework.test import APIClient

from motcua.accounts.models import Role
from motcua.dossiers.models import Dossier, Event
from tests.dossiers.test_import import line
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import setup_procedure

pytestmark = pytest.mark.django_db
URL = "/api/v1/dossiers/import/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def setup():
    return setup_procedure()


def test_an_administrator_imports_a_batch(setup):
    admin = user_with_role(Role.ADMINISTRATOR, None)
    body = {"dossiers": [line(setup, code="A-1"), line(setup, code="A-2")]}
    response = client_for(admin).post(URL, body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == {"lines": 2, "dossiers": 2, "events": 16, "dry_run": False}
    assert Dossier.objects.filter(code__in=["A-1", "A-2"], status="returned").count() == 2


def test_a_dry_run_writes_nothing(setup):
    admin = user_with_role(Role.ADMINISTRATOR, None)
    response = client_for(admin).post(URL, {"dossiers": [line(setup)], "dry_run": True}, format="json")
    assert response.status_code == 200
    assert response.json()["dry_run"] is True
    assert not Dossier.objects.exists()


def test_errors_name_line_and_field_in_the_callers_language_and_nothing_is_written(setup):
    admin = user_with_role(Role.ADMINISTRATOR, None)
    bad = line(setup, code="B-2")
    bad["applicant"]["phone"] = "123"
    response = client_for(admin).post(
        URL, {"dossiers": [line(setup, code="B-1"), bad]}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    answer = response.json()
    assert answer["code"] == "import_invalid"
    [error] = answer["details"]["errors"]
    assert (error["line"], error["field"], error["code"]) == (2, "applicant.phone", "invalid_phone")
    assert "mobile" in error["message"]
    assert not Dossier.objects.exists() and not Event.objects.exists()


def test_a_body_without_dossiers_is_a_400(setup):
    admin = user_with_role(Role.ADMINISTRATOR, None)
    response = client_for(admin).post(URL, {"dossiers": []}, format="json")
    assert response.status_code == 400
    assert "dossiers" in response.json()["details"]


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.APPLICANT])
def test_others_are_refused(setup, role):
    response = client_for(user_with_role(role, None)).post(URL, {"dossiers": [line(setup)]}, format="json")
    assert response.status_code == 403
    assert not Dossier.objects.exists()


def test_an_officer_is_refused_even_with_an_invalid_body(setup):
    response = client_for(setup.leader).post(URL, {"dossiers": []}, format="json")
    assert response.status_code == 403


def test_anonymous_is_asked_to_sign_in(setup):
    response = APIClient().post(URL, {"dossiers": [line(setup)]}, format="json")
    assert response.status_code == 401


def test_the_schema_documents_the_operation():
    schema = yaml.safe_load(APIClient().get("/api/v1/schema/").content)
    operation = schema["paths"]["/api/v1/dossiers/import/"]["post"]
    assert operation["operationId"] == "dossiers_import"
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert {"dossiers", "dry_run"} <= set(schema["components"]["schemas"][body]["properties"])
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][ok]["properties"]) == {
        "lines",
        "dossiers",
        "events",
        "dry_run",
    }
    assert "400" in operation["responses"] and "403" in operation["responses"]
    assert "import_invalid" in str(operation["responses"]["400"])


def test_the_schema_of_a_line_is_what_the_importer_reads():
    """One description of the line: the schema's kinds, choices, pattern and lengths come from the importer's."""
    from motcua.dossiers.imports import reading

    schemas = yaml.safe_load(APIClient().get("/api/v1/schema/").content)["components"]["schemas"]

    def properties(name: str) -> dict:
        return schemas[f"{name}Request"]["properties"]

    def enum(prop: dict) -> list[str]:
        ref = prop.get("$ref") or prop["oneOf"][0]["$ref"]
        return schemas[ref.rsplit("/", 1)[-1]]["enum"]

    dossier = properties("ImportedDossier")
    assert (dossier["code"]["maxLength"], dossier["code"]["pattern"]) == (
        reading.CODE_MAX,
        f"^{reading.CODE.pattern}$",
    )
    assert dossier["procedure"]["maxLength"] == reading.PROCEDURE_CODE_MAX
    assert dossier["receiving_agency"]["maxLength"] == reading.AGENCY_CODE_MAX
    applicant = properties("ImportedApplicant")
    assert {name: applicant[name]["maxLength"] for name in reading.APPLICANT_MAX} == reading.APPLICANT_MAX
    assert enum(properties("ImportedEvent")["kind"]) == list(reading.EVENT_KINDS)
    assert enum(properties("ImportedFee")["paid"]) == list(reading.PAID)
    document = properties("ImportedDocument")
    assert document["component"]["maxLength"] == reading.COMPONENT_CODE_MAX
    assert set(reading.DOCUMENT_FLAGS) < set(document)
