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
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers
from rest_framework.settings import api_settings

from .throttles import may_throttle


class ErrorSerializer(serializers.Serializer):
    openapi_description = _(
        "Mọi câu trả lời lỗi: một mã để máy đọc, một thông báo theo ngôn ngữ của người gọi (tiếng Việt, "
        "trừ khi yêu cầu xin tiếng Anh bằng Accept-Language), và chi tiết: với dữ liệu không hợp lệ, các "
        "thông báo theo từng trường."
    )

    code = serializers.CharField(help_text=_("Để máy đọc, ví dụ validation_failed, stale_version"))
    message = serializers.CharField(help_text=_("Bằng tiếng Việt, hoặc tiếng Anh với Accept-Language: en"))
    details = serializers.JSONField(
        allow_null=True,
        help_text=_("Với dữ liệu không hợp lệ: {field: [messages]}; trường hợp khác: ngữ cảnh hoặc null"),
    )

    class Meta:
        ref_name = "Error"


ERROR = OpenApiResponse(ErrorSerializer, description=_("Lỗi"))

_ERROR_DESCRIPTIONS = {
    "400": _("Dữ liệu không hợp lệ: `details` nêu từng trường kèm các thông báo"),
    "401": _("Chưa đăng nhập, hoặc mã truy cập (bearer token) sai hoặc đã bị thu hồi"),
    "403": _("Người dùng này không được phép"),
    "404": _("Không tìm thấy, hoặc ngoài phạm vi của người gọi"),
    "409": _("Xung đột với trạng thái hiện tại: phiên bản cũ, thao tác không được phép, khóa đã dùng"),
    "415": _("Kiểu dữ liệu không được hỗ trợ"),
    "429": _("Quá nhiều yêu cầu; `Retry-After` cho biết khi nào thử lại"),
    "503": _("Cơ sở dữ liệu tạm thời không sẵn sàng; `Retry-After` cho biết khi nào thử lại"),
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
        `openapi_request_rules`, JSON Schema merged into its component. A component's description is its
        serializer's `openapi_description` (translatable, so the schema speaks the caller's language); a
        docstring is a note for developers and stays out of the schema."""
        schema = super()._map_basic_serializer(serializer, direction)
        schema.pop("description", None)
        description = getattr(serializer, "openapi_description", None)
        if description:
            schema["description"] = description
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
