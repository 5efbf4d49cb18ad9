"""The API's one error format: `{"code", "message", "details"}` in the caller's language.

Invalid input answers 400 `validation_failed`, its message naming the fields and `details` giving the messages
per field (in the request's language: Vietnamese by default, English with `Accept-Language: en`). A database
that is unavailable or a lock that times out answers 503 with `Retry-After`; a body over the request limits 413
`request_too_large` or 400 `too_many_fields` / `too_many_files`; a 500 is always a bug.
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import OperationalError
from django.http import Http404
from django.utils import translation
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from motcua.core.errors import ApplicationError
from motcua.core.request_limits import request_limit_error

_DRF_MESSAGES = {
    "not_authenticated": ("Vui lòng đăng nhập.", "Please sign in."),
    "authentication_failed": ("Xác thực không thành công.", "Authentication failed."),
    "permission_denied": ("Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this."),
    "not_found": ("Không tìm thấy.", "Not found."),
    "method_not_allowed": ("Phương thức không được hỗ trợ.", "Method not allowed."),
    "parse_error": ("Dữ liệu gửi lên không đọc được.", "The request body could not be read."),
    "unsupported_media_type": ("Định dạng dữ liệu không được hỗ trợ.", "Unsupported media type."),
    "throttled": ("Quá nhiều yêu cầu, vui lòng thử lại sau.", "Too many requests; try again later."),
    "too_many_token_failures": (
        "Có quá nhiều lần dùng mã truy cập sai từ địa chỉ này; vui lòng thử lại sau.",
        "Too many wrong access tokens from this address; try again later.",
    ),
    "invalid": ("Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại.", "Some data is not valid; please check it."),
    "not_acceptable": (
        "Không trả lời được theo định dạng yêu cầu.",
        "Cannot answer in the requested format.",
    ),
    "unavailable": (
        "Hệ thống đang bận, vui lòng thử lại sau ít giây.",
        "The service is busy; try again in a few seconds.",
    ),
}


RETRY_AFTER_SECONDS = 5
logger = logging.getLogger(__name__)


def _language() -> str:
    return (translation.get_language() or "vi")[:2]


def _field_details(data) -> dict:
    """DRF's errors per field; errors not tied to a field (a body that is not an object) under
    `non_field_errors`, as DRF names them."""
    if isinstance(data, dict):
        return data
    return {api_settings.NON_FIELD_ERRORS_KEY: data if isinstance(data, list) else [data]}


def exception_handler(exc, context):
    exc = request_limit_error(exc) or exc  # Django's refusal of a body over a limit, raised while parsing
    if isinstance(exc, ApplicationError):
        return Response(exc.as_dict(_language()), status=exc.status_code)
    if isinstance(exc, OperationalError):
        logger.warning("Database unavailable: %s", exc)
        vi, en = _DRF_MESSAGES["unavailable"]
        body = {"code": "unavailable", "message": en if _language() == "en" else vi, "details": None}
        return Response(
            body,
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        code = "validation_failed"
        details = _field_details(response.data)
        vi, en = _DRF_MESSAGES["invalid"]
    else:
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "error"
        vi, en = _DRF_MESSAGES.get(code, (str(exc.detail), str(exc.detail)))
        details = None
        # Keep DRF's specific wording when it is more precise than our generic one.
        if code not in _DRF_MESSAGES:
            vi = en = str(exc.detail)
    if response.status_code == status.HTTP_401_UNAUTHORIZED and code == "authentication_failed":
        details = str(exc.detail)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        details = {"retry_after": exc.wait}  # as the Retry-After header says
    response.data = {"code": code, "message": en if _language() == "en" else vi, "details": details}
    return response
