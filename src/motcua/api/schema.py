"""The OpenAPI schema's house rules, in one place (the API's DEFAULT_SCHEMA_CLASS).

Every operation documents, besides its success answer, each error answer it can give, all in the one error
shape `{"code", "message", "details"}` (the `Error` component):
- 400 when it takes a body or query parameters, and 415 when it takes a body;
- 401 when it reads credentials (a missing or wrong bearer token), 403 when it needs a signed-in user;
- 404 when its path names something (a dossier code, a procedure code) or it has pages;
- 409 for a change (a stale version, an action the state does not allow, a key reused);
- 429 when it is throttled; 503 when the database is unavailable (with `Retry-After`).
A list documents the answer of the paginator it declares (`pagination_class`). Text in a request documents
what the API refuses: blank or whitespace-only text where a value is required, and the NUL character.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers
from rest_framework.settings import api_settings

from .throttles import may_throttle


class ErrorSerializer(serializers.Serializer):
    """Every error answer: a machine-readable code, a message in the caller's language (Vietnamese unless the
    request asks for English with Accept-Language), and details: for invalid input, the messages per field."""

    code = serializers.CharField(help_text="Machine-readable, e.g. validation_failed, stale_version")
    message = serializers.CharField(help_text="In Vietnamese, or English with Accept-Language: en")
    details = serializers.JSONField(
        allow_null=True, help_text="For invalid input: {field: [messages]}; otherwise context or null"
    )

    class Meta:
        ref_name = "Error"


ERROR = OpenApiResponse(ErrorSerializer, description="Error")

_ERROR_DESCRIPTIONS = {
    "400": "Invalid input: `details` names each field with its messages",
    "401": "Not signed in, or the bearer token is wrong or revoked",
    "403": "Not allowed for this user",
    "404": "Not found, or outside the caller's scope",
    "409": "Conflicts with the current state: stale version, action not allowed, key reused",
    "415": "Unsupported media type",
    "429": "Too many requests; `Retry-After` says when to try again",
    "503": "The database is unavailable for a moment; `Retry-After` says when to try again",
}
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_DATES = {"date", "date-time"}
NO_NUL = r"^[^\x00]+$"  # spectacular adds the blank alternative ({"maxLength": 0}) for allow_blank fields
NON_BLANK = r"^[^\x00]*[^\s\x00][^\x00]*$"


class MotcuaAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry) -> dict[str, Any] | None:
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            schema = parameter.get("schema", {})
            if (
                parameter["in"] == "query"
                and not parameter.get("required")
                and schema.get("format") in _DATES
            ):
                # DRF reads an empty optional query value (`?received_to=`) as absent.
                parameter["schema"] = {"anyOf": [schema, {"type": "string", "maxLength": 0}]}
        responses = operation.setdefault("responses", {})
        for status in self._error_statuses(operation):
            if status not in responses:
                responses[status] = {
                    **self._get_response_for_code(ERROR, status),
                    "description": _ERROR_DESCRIPTIONS[status],
                }
        for status, response in responses.items():
            if status >= "400" and "content" not in response:  # an error declared with a description only
                responses[status] = {**self._get_response_for_code(ERROR, status), **response}
                responses[status]["content"] = self._get_response_for_code(ERROR, status)["content"]
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_statuses(self, operation: dict[str, Any]) -> list[str]:
        view, statuses = self.view, ["503"]
        has_body = "requestBody" in operation
        has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
        if has_body or has_query:
            statuses.append("400")
        if has_body:
            statuses.append("415")
        if view.get_authenticators():
            statuses.append("401")
        if any(not isinstance(p, permissions.AllowAny) for p in view.get_permissions()):
            statuses.append("403")
        if "{" in self.path or any(p.get("name") == "page" for p in operation.get("parameters", [])):
            statuses.append("404")  # the thing named in the path, or a page past the end
        if self.method in _UNSAFE and has_body:
            statuses.append("409")
        if may_throttle(view):
            statuses.append("429")
        return statuses

    def _get_paginator(self):
        """A plain APIView that answers a list declares its paginator as `pagination_class`, like the generic
        views; a GET list without one is documented with the API's default paginator."""
        pagination_class = getattr(self.view, "pagination_class", None)
        if pagination_class is None and self.method == "GET":
            pagination_class = api_settings.DEFAULT_PAGINATION_CLASS
        return pagination_class() if pagination_class else None

    def _map_basic_serializer(self, serializer, direction):
        """A request serializer states rules across its fields (e.g. "a procedure or a group") as
        `openapi_request_rules`, JSON Schema merged into its component."""
        schema = super()._map_basic_serializer(serializer, direction)
        rules = getattr(serializer, "openapi_request_rules", None)
        if direction == "request" and rules:
            schema.update(rules)
        return schema

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction == "request" and isinstance(field, serializers.ListField) and not field.allow_empty:
            schema.setdefault("minItems", 1)
        if direction == "request" and isinstance(field, serializers.FileField) and not field.allow_empty_file:
            schema.setdefault("minLength", 1)  # an empty upload counts as no file
        if (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and not field.read_only
            and schema.get("type") == "string"
            and not {"format", "pattern", "enum", "oneOf"} & set(schema)
            and not any(isinstance(v, RegexValidator) for v in field.validators)  # its own pattern follows
        ):
            # DRF trims text and then refuses it blank unless allow_blank; it always refuses NUL characters.
            schema["pattern"] = NO_NUL if field.allow_blank else NON_BLANK
        return schema
