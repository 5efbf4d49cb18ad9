"""The OpenAPI schema speaks the caller's language: every description, summary and title in English with
Accept-Language: en, Vietnamese by default, and the same paths and components in both."""

import pytest
import yaml
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

TEXT_KEYS = {"description", "summary", "title"}


def _texts(node, path=""):
    """Every (path, text) of a description, summary or title in the schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                yield f"{path}/{key}", value
            yield from _texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, f"{path}[{i}]")


def _non_english_letters(text: str) -> str:
    """The letters outside ASCII: Vietnamese ones (ă, ơ, ư, đ, ạ, ế ...) in a text that should be English."""
    return "".join(ch for ch in text if ch.isalpha() and not ch.isascii())


def _schema(language: str) -> dict:
    response = APIClient().get("/api/v1/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.json()


def _text_at(schema: dict, *keys):
    node = schema
    for key in keys:
        node = node[key]
    return node


# Places meant to be Vietnamese by default: an operation's summary and description, a response, a request
# field, a component's description, a query parameter of the API's paginator, the API's own description.
SAMPLES = [
    ("paths", "/api/v1/calendar/due/", "get", "summary"),
    ("paths", "/api/v1/dossiers/{code}/actions/receive/", "post", "summary"),
    ("paths", "/api/v1/dossiers/", "get", "description"),
    ("paths", "/api/v1/dossiers/", "post", "responses", "409", "description"),
    ("components", "schemas", "Error", "description"),
    ("components", "schemas", "ActionInputRequest", "description"),
    ("components", "schemas", "ReceiveInputRequest", "properties", "version", "description"),
    ("components", "schemas", "DossierDetail", "properties", "filed_by", "description"),
    ("components", "schemas", "ProgressRow", "properties", "refused", "description"),
    ("info", "description"),
]


def test_english_schema_has_no_vietnamese_text():
    schema = _schema("en")
    vietnamese = {
        path: text for path, text in _texts(schema) if _non_english_letters(text)
    }  # e.g. a help text written in Vietnamese without an English translation
    assert vietnamese == {}
    assert _text_at(schema, *SAMPLES[0]) == "Compute a due moment on the working calendar"


def test_vietnamese_is_the_default_and_english_is_asked_for():
    default, vietnamese, english = _schema(""), _schema("vi"), _schema("en")
    assert default == vietnamese
    for keys in SAMPLES:
        vi_text, en_text = _text_at(vietnamese, *keys), _text_at(english, *keys)
        assert _non_english_letters(vi_text), keys
        assert not _non_english_letters(en_text), keys
    assert _text_at(vietnamese, *SAMPLES[0]) == "Tính thời hạn theo lịch làm việc"
    page_size = next(
        p for p in vietnamese["paths"]["/api/v1/dossiers/"]["get"]["parameters"] if p["name"] == "page_size"
    )
    assert page_size["description"] == "Số dòng mỗi trang, từ 1 đến 100 (mặc định 20)."


def test_languages_share_paths_and_components_and_are_not_cached_across():
    """The schema is generated per request: a language asked for first does not stick to the next caller."""
    english, vietnamese, english_again = _schema("en"), _schema("vi"), _schema("en")
    assert english == english_again
    assert english["paths"].keys() == vietnamese["paths"].keys()
    assert english["components"]["schemas"].keys() == vietnamese["components"]["schemas"].keys()
    for path, operations in english["paths"].items():
        for method, operation in operations.items():
            other = vietnamese["paths"][path][method]
            assert operation["operationId"] == other["operationId"]
            assert operation["responses"].keys() == other["responses"].keys()


def test_the_yaml_schema_is_translated_too():
    response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Accept-Language" in response["Vary"]
    schema = yaml.safe_load(response.content)
    assert not [text for _, text in _texts(schema) if _non_english_letters(text)]
