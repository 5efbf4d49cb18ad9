"""Public due-moment calculator: when does a time limit that starts at a given moment run out?"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.clock import LOCAL_TZ
from motcua.core.errors import ValidationFailed
from motcua.deadlines.selectors import (
    CALENDAR_DAYS,
    KINDS,
    WORKING_DAYS,
    WORKING_MINUTES,
    due_moment,
    effective_start_for,
)
from motcua.organization.selectors import agency_by_code

from .fields import StringField
from .schema import ERROR

MAX_DAYS = 3650
MAX_MINUTES = MAX_DAYS * 8 * 60
FIRST_YEAR, LAST_YEAR = 2000, 2090
# "+07:00" in a query string arrives as " 07:00" when the client did not percent-encode the "+".
_UNENCODED_PLUS = re.compile(r" (\d{2}(:?\d{2})?)$")

_LIMITS = {WORKING_DAYS: MAX_DAYS, CALENDAR_DAYS: MAX_DAYS, WORKING_MINUTES: MAX_MINUTES}
_NAMES_VI = {WORKING_DAYS: "ngày làm việc", WORKING_MINUTES: "phút làm việc", CALENDAR_DAYS: "ngày"}


class DueMomentSerializer(serializers.Serializer):
    start = StringField(help_text=_("Thời điểm bắt đầu tính (ISO 8601, +07:00)"))
    due = StringField(help_text=_("Thời hạn (ISO 8601, +07:00)"))


def _invalid(parameter: str, message_vi: str, message_en: str) -> ValidationFailed:
    return ValidationFailed(
        message_vi, message_en, code="invalid_parameter", details={"parameter": parameter}
    )


def _parse_start(raw: str | None) -> datetime.datetime:
    if not raw:
        raise _invalid(
            "start",
            "Thiếu thời điểm bắt đầu: thêm start=2026-03-02T09:00:00+07:00.",
            "The start is missing: add start=2026-03-02T09:00:00+07:00.",
        )
    text = _UNENCODED_PLUS.sub(r"+\1", raw.strip())
    try:
        start = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise _invalid(
            "start",
            f"Thời điểm bắt đầu «{raw}» không đúng định dạng ISO 8601, ví dụ 2026-03-02T09:00:00+07:00.",
            f"The start «{raw}» is not an ISO 8601 moment such as 2026-03-02T09:00:00+07:00.",
        ) from None
    if start.tzinfo is None:
        start = start.replace(tzinfo=LOCAL_TZ)  # no offset: wall-clock time in Vietnam
    # The year is judged on the date itself first: near 1/1/1 or 31/12/9999 a conversion to Vietnam time overflows.
    local_year = start.astimezone(LOCAL_TZ).year if FIRST_YEAR <= start.year <= LAST_YEAR else start.year
    if not FIRST_YEAR <= local_year <= LAST_YEAR:
        raise _invalid(
            "start",
            f"Thời điểm bắt đầu phải trong các năm {FIRST_YEAR}-{LAST_YEAR}.",
            f"The start must be within the years {FIRST_YEAR}-{LAST_YEAR}.",
        )
    return start


def _parse_amount(params) -> tuple[str, int | Decimal]:
    given = [kind for kind in KINDS if kind in params]
    if len(given) != 1:
        raise _invalid(
            ",".join(given) or "working_days",
            "Cần đúng một trong các tham số working_days, working_minutes, calendar_days.",
            "Give exactly one of working_days, working_minutes, calendar_days.",
        )
    kind = given[0]
    raw = params[kind].strip()
    limit = _LIMITS[kind]
    # Working days may be fractional (0.5 = half a working day); the others are whole numbers.
    pattern = r"\d{1,7}(\.\d{1,2})?" if kind == WORKING_DAYS else r"\d{1,7}"
    try:
        if not re.fullmatch(pattern, raw):
            raise InvalidOperation
        amount = Decimal(raw)
    except InvalidOperation:
        raise _invalid(
            kind,
            f"{kind} phải là số không âm (số {_NAMES_VI[kind]}), không quá {limit}.",
            f"{kind} must be a non-negative number, at most {limit}.",
        ) from None
    if amount > limit:
        raise _invalid(
            kind,
            f"{kind} không được quá {limit}.",
            f"{kind} must be at most {limit}.",
        )
    return kind, (int(amount) if amount == amount.to_integral_value() else amount)


def _parse_agency(code: str | None):
    if code is None or not code.strip():
        return None
    agency = agency_by_code(code.strip())
    if agency is None:
        raise _invalid(
            "agency", f"Không có cơ quan mã «{code}».", f"There is no agency with the code «{code}»."
        )
    return agency


class DueMomentView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="calendar_due",
        summary=_("Tính thời hạn theo lịch làm việc"),
        description=(
            _(
                "Cho `start` và đúng một trong `working_days`, `working_minutes`, `calendar_days`. Thời điểm bắt "
                "đầu ngoài giờ làm việc được chuyển sang đầu buổi làm việc kế tiếp (`start` trong kết quả). "
                "`start` không có múi giờ được hiểu là giờ Việt Nam (+07:00). Kết quả theo ISO 8601 với +07:00. "
                "Ngày nghỉ lễ, tết và các ngày thứ Bảy làm bù theo quyết định của Chính phủ; mã `agency` áp dụng "
                "giờ làm việc và các ngày nghỉ, ngày làm bù riêng của cơ quan đó."
            )
        ),
        parameters=[
            OpenApiParameter(
                "start",
                OpenApiTypes.DATETIME,
                required=True,
                description=_("ISO 8601, ví dụ 2026-03-02T09:00:00+07:00"),
            ),
            OpenApiParameter(
                "working_days",
                OpenApiTypes.NUMBER,
                description=format_lazy(
                    _("0-{max}, tối đa 2 chữ số thập phân (0.5 = nửa ngày)"), max=MAX_DAYS
                ),
            ),
            OpenApiParameter("working_minutes", OpenApiTypes.INT, description=f"0-{MAX_MINUTES}"),
            OpenApiParameter("calendar_days", OpenApiTypes.INT, description=f"0-{MAX_DAYS}"),
            OpenApiParameter(
                "agency", OpenApiTypes.STR, description=_("Mã cơ quan; mặc định: lịch chung của thành phố")
            ),
        ],
        responses={
            200: DueMomentSerializer,
            400: ERROR,
        },
        examples=[
            OpenApiExample(
                "Before Tết 2026",
                summary=_("Trước Tết 2026"),
                value={"start": "2026-02-13T10:00:00+07:00", "due": "2026-02-23T10:00:00+07:00"},
                response_only=True,
            )
        ],
        tags=["calendar"],
    )
    def get(self, request):
        params = request.query_params
        start = _parse_start(params.get("start"))
        kind, amount = _parse_amount(params)
        agency = _parse_agency(params.get("agency"))
        effective = effective_start_for(moment=start, agency=agency)
        due = due_moment(start=start, kind=kind, amount=amount, agency=agency)
        return Response({"start": effective.isoformat(), "due": due.isoformat()})
