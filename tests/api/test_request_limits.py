"""A body over the request limits answers in the API's error format (413 `request_too_large`, 400
`too_many_fields` / `too_many_files`), in the caller's language, never Django's HTML 400 page; and a JSON body
is not read past the limit."""

from __future__ import annotations

import http.client
import json
import uuid
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from motcua.accounts.models import Role
from motcua.accounts.services import api_token_issue
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import PDF_BYTES, pdf_file, setup_procedure, submit_online

pytestmark = pytest.mark.django_db

SMALL_LIMIT = 4096


@pytest.fixture
def small_limits(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = SMALL_LIMIT
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1
    return settings


@pytest.fixture
def applicant():
    client = APIClient()
    client.force_authenticate(user_with_role(Role.APPLICANT, None))
    return client


@pytest.fixture
def upload():
    """An applicant's client and the address of the uploads of their draft (a draft takes uploads)."""
    setup = setup_procedure()
    client = APIClient()
    client.force_authenticate(setup.applicant)
    return client, f"/api/v1/dossiers/{submit_online(setup, draft=True).code}/documents/"


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code
    return body


def test_a_json_body_over_the_limit_is_413_in_vietnamese_and_english(small_limits, applicant):
    body = json.dumps({"applicant": {"name": "x" * SMALL_LIMIT}})
    vi = assert_error(
        applicant.post("/api/v1/dossiers/", body, content_type="application/json"), 413, "request_too_large"
    )
    assert vi["message"] == "Dữ liệu gửi lên quá lớn: tối đa 4096 byte."
    assert vi["details"] == {"max_bytes": SMALL_LIMIT}
    en = assert_error(
        applicant.post("/api/v1/dossiers/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"),
        413,
        "request_too_large",
    )
    assert en["message"] == "The request body is too large: at most 4096 bytes."


def test_a_json_body_within_the_limit_is_read_as_before(small_limits, applicant):
    response = applicant.post(
        "/api/v1/dossiers/", {"applicant": {"name": "x" * 100}}, format="json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert_error(response, 400, "validation_failed")


def test_an_action_body_over_the_limit_is_413(small_limits, upload):
    client, address = upload
    dossier_code = address.split("/")[4]
    response = client.post(
        f"/api/v1/dossiers/{dossier_code}/actions/withdraw/",
        {"version": 1, "reasons": "x" * (SMALL_LIMIT + 1)},
        format="json",
    )
    assert_error(response, 413, "request_too_large")


def test_multipart_fields_over_the_limit_are_413(small_limits, upload):
    client, address = upload
    response = client.post(
        address, {"file": pdf_file(), "component_code": "x" * (SMALL_LIMIT + 1)}, format="multipart"
    )
    assert_error(response, 413, "request_too_large")


def test_multipart_with_too_many_fields_is_400_too_many_fields(small_limits, upload):
    client, address = upload
    fields = {f"extra{n}": "1" for n in range(25)}
    body = assert_error(
        client.post(address, {"file": pdf_file(), **fields}, format="multipart", HTTP_ACCEPT_LANGUAGE="en"),
        400,
        "too_many_fields",
    )
    assert body["message"] == "The form sent has too many fields (at most 20)."
    assert body["details"] == {"max_fields": 20}


def test_multipart_with_too_many_files_is_400_too_many_files(small_limits, upload):
    client, address = upload
    body = assert_error(
        client.post(address, {"file": pdf_file(), "other": pdf_file("b.pdf")}, format="multipart"),
        400,
        "too_many_files",
    )
    assert body["message"] == "Biểu mẫu gửi lên có quá nhiều tệp (tối đa 1)."


def test_an_upload_within_the_limits_still_works(small_limits, upload):
    client, address = upload
    response = client.post(address, {"file": pdf_file(), "component_code": "TK"}, format="multipart")
    assert response.status_code == 201, response.content


def test_a_multipart_body_declared_longer_than_an_upload_and_the_fields_is_413(settings, upload):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = SMALL_LIMIT
    settings.MOTCUA_MAX_UPLOAD_BYTES = 2 * SMALL_LIMIT
    client, address = upload
    # PDF readers ignore what follows %%EOF; only the size matters here.
    padded = SimpleUploadedFile(
        "a.pdf", PDF_BYTES + b"\n" * (3 * SMALL_LIMIT), content_type="application/pdf"
    )
    body = assert_error(client.post(address, {"file": padded}, format="multipart"), 413, "request_too_large")
    assert body["details"] == {"max_bytes": 3 * SMALL_LIMIT}


def test_url_encoded_forms_keep_both_limits(small_limits, upload):
    client, address = upload
    many = "&".join(f"f{n}=1" for n in range(25))
    assert_error(
        client.post(address, many, content_type="application/x-www-form-urlencoded"), 400, "too_many_fields"
    )
    large = "component_code=" + "x" * SMALL_LIMIT
    assert_error(
        client.post(address, large, content_type="application/x-www-form-urlencoded"),
        413,
        "request_too_large",
    )


def test_a_host_the_site_does_not_serve_is_a_400_in_the_error_format_on_the_api_only():
    body = assert_error(Client().get("/api/v1/procedures/", HTTP_HOST="evil.example"), 400, "bad_request")
    assert body["message"] == "Yêu cầu không hợp lệ."
    page = Client().get("/thu-tuc/", HTTP_HOST="evil.example")
    assert page.status_code == 400
    assert not page["Content-Type"].startswith("application/json")


# Over real HTTP, against the test server, with Django's own limits (25 MB, 1,000 fields, 100 files).


def _http(live_server, method: str, path: str, body: bytes, headers: dict[str, str]):
    where = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), response.read()
    finally:
        connection.close()


def _multipart(fields: list[tuple[str, str]], files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields
    ]
    parts += [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{name}.pdf"\r\n'
        f"Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
        for name, content in files
    ]
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def over_http(live_server, settings):
    """A bearer token of an applicant with a dossier, and a way to send raw requests to the live server."""
    setup = setup_procedure()
    dossier = submit_online(setup, draft=True)
    _token, key = api_token_issue(user=setup.applicant)

    def send(path: str, body: bytes, content_type: str, language: str = "vi"):
        headers = {
            "Authorization": f"Bearer {key}",
            "Content-Type": content_type,
            "Accept-Language": language,
        }
        status, kind, raw = _http(live_server, "POST", path, body, headers)
        assert kind == "application/json", raw[:300]
        return status, json.loads(raw)

    return send, f"/api/v1/dossiers/{dossier.code}/"


@pytest.mark.django_db(transaction=True)
def test_over_http_json_over_25_mb_is_413(over_http, settings):
    send, dossier = over_http
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = json.dumps({"applicant": {"name": "x" * limit}}).encode()
    status, answer = send("/api/v1/dossiers/", body, "application/json", "en")
    assert (status, answer["code"]) == (413, "request_too_large")
    assert answer["message"] == "The request body is too large: at most 25 MB."


@pytest.mark.django_db(transaction=True)
def test_over_http_multipart_over_both_limits(over_http, settings):
    send, dossier = over_http
    address = dossier + "documents/"
    body, kind = _multipart([("component_code", "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE)], [])
    status, answer = send(address, body, kind)
    assert (status, answer["code"]) == (413, "request_too_large")
    many = [(f"f{n}", "1") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)]
    body, kind = _multipart(many, [("file", PDF_BYTES)])
    status, answer = send(address, body, kind)
    assert (status, answer["code"]) == (400, "too_many_fields")
    files = [(f"file{n}", PDF_BYTES) for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]
    body, kind = _multipart([], files)
    status, answer = send(address, body, kind)
    assert (status, answer["code"]) == (400, "too_many_files")
    body, kind = _multipart([("component_code", "TK")], [("file", PDF_BYTES)])
    status, answer = send(address, body, kind)
    assert status == 201, answer
