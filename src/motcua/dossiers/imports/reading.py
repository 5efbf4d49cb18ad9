"""Reading one line of an import file into checked values (the format is in docs/import.md).

Each field is checked with the rules the API applies to the same data: the personal ID and phone validators of
dossiers/validation.py, Django's e-mail validator, the channel and outcome enums. The first problem of a line
is raised as LineInvalid naming its field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.dateparse import parse_datetime

from motcua.catalog.models import Channel, ProcedureVersion
from motcua.core import clock
from motcua.core.errors import ApplicationError
from motcua.core.text import nfc
from motcua.organization.models import Agency

from ..models import FeeStatus
from ..validation import normalize_phone, validate_personal_id
from .errors import LineInvalid
from .lookups import Lookups

# What a line may hold: the one description the importer checks and the API schema documents
# (api/import_serializers.py builds the import body's schema from these).
CODE_MAX = 64
AGENCY_CODE_MAX = 30
PROCEDURE_CODE_MAX = 50
COMPONENT_CODE_MAX = 40
APPLICANT_MAX = {"name": 150, "personal_id": 20, "phone": 30, "email": 254, "address": 255}
DOCUMENT_FLAGS = ("digitized", "reused")
CODE = re.compile(rf"[A-Za-z0-9][A-Za-z0-9._/-]{{0,{CODE_MAX - 1}}}")
EVENT_KINDS = (
    "received",
    "assigned",
    "forwarded",
    "step_completed",
    "supplement_requested",
    "supplemented",
    "apologized",
    "resolved",
    "returned",
    "stopped",
    "withdrawn",
    "refused",
    "rated",
)
PAID = {"online": FeeStatus.PAID_ONLINE, "counter": FeeStatus.PAID_COUNTER}
# Read once: an enum's `values` makes a new list at each use.
CHANNELS = frozenset(Channel.values)


@dataclass
class Applicant:
    name: str
    personal_id: str
    phone: str
    email: str
    address: str


@dataclass
class Line:
    number: int
    code: str
    version: ProcedureVersion
    receiving: Agency
    competent: Agency
    channel: str
    applicant: Applicant
    submitted_at: datetime
    received_at: datetime | None
    due_at: datetime | None
    fee_total: int
    fee_status: str
    documents: list[dict[str, Any]]
    events: list[dict[str, Any]]


def invalid(field: str, code: str, vi: str, en: str) -> LineInvalid:
    return LineInvalid(field, code, vi, en)


def text(data: dict, key: str, field: str, *, required: bool = True, max_length: int = 500) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise invalid(field, "required", "Thiếu giá trị bắt buộc.", "A value is required.")
        return ""
    if not isinstance(value, str):
        raise invalid(field, "not_text", "Giá trị phải là chuỗi ký tự.", "The value must be a string.")
    value = nfc(value)
    if "\x00" in value or (required and not value):
        raise invalid(field, "invalid_text", "Giá trị không hợp lệ.", "The value is not valid.")
    if len(value) > max_length:
        raise invalid(
            field,
            "too_long",
            f"Dài quá {max_length} ký tự.",
            f"Longer than {max_length} characters.",
        )
    return value


def moment(data: dict, key: str, field: str, *, required: bool = True) -> datetime | None:
    value = data.get(key)
    if value in (None, ""):
        if required:
            raise invalid(field, "required", "Thiếu thời điểm.", "The moment is missing.")
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise invalid(
            field,
            "invalid_datetime",
            "Thời điểm không đúng định dạng ISO 8601 (ví dụ 2025-03-10T09:15:00+07:00).",
            "The moment is not ISO 8601 (for example 2025-03-10T09:15:00+07:00).",
        )
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=clock.LOCAL_TZ)  # a legacy system in Vietnam records local time
    # Every moment in the one zone the working calendar gives its due moments in: moments of one zone compare
    # (and the calendar reads them) without converting each time.
    return parsed.astimezone(clock.LOCAL_TZ)


def _agency(lookups: Lookups, data: dict, key: str) -> Agency:
    code = text(data, key, key, max_length=AGENCY_CODE_MAX)
    agency = lookups.agency(code)
    if agency is None:
        raise invalid(key, "unknown_agency", f"Không có cơ quan mã {code}.", f"No agency with code {code}.")
    return agency


def _applicant(data: Any) -> Applicant:
    if not isinstance(data, dict):
        raise invalid("applicant", "required", "Thiếu thông tin người nộp.", "The applicant is missing.")

    def checked(field: str, check, value: str) -> str:
        try:
            return check(value) if value else ""
        except ApplicationError as error:
            raise LineInvalid.from_error(f"applicant.{field}", error) from None

    email = text(data, "email", "applicant.email", required=False, max_length=APPLICANT_MAX["email"])
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise invalid(
                "applicant.email", "invalid_email", "Thư điện tử không hợp lệ.", "The e-mail is not valid."
            ) from None
    return Applicant(
        name=text(data, "name", "applicant.name", max_length=APPLICANT_MAX["name"]),
        personal_id=checked(
            "personal_id",
            validate_personal_id,
            text(
                data,
                "personal_id",
                "applicant.personal_id",
                required=False,
                max_length=APPLICANT_MAX["personal_id"],
            ),
        ),
        phone=checked(
            "phone",
            normalize_phone,
            text(data, "phone", "applicant.phone", required=False, max_length=APPLICANT_MAX["phone"]),
        ),
        email=email,
        address=text(
            data, "address", "applicant.address", required=False, max_length=APPLICANT_MAX["address"]
        ),
    )


def _fee(data: Any, default_total: int) -> tuple[int, str]:
    if data is None:
        return default_total, FeeStatus.UNPAID if default_total else FeeStatus.NONE
    if not isinstance(data, dict):
        raise invalid("fee", "invalid_fee", "fee là một đối tượng.", "fee is an object.")
    total = data.get("total", default_total)
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise invalid(
            "fee.total",
            "invalid_amount",
            "Số tiền là số nguyên không âm.",
            "The amount is a whole number >= 0.",
        )
    paid = data.get("paid")
    if paid is None:
        return total, FeeStatus.UNPAID if total else FeeStatus.NONE
    if paid not in PAID:
        raise invalid(
            "fee.paid",
            "invalid_choice",
            "paid là online, counter hoặc null.",
            "paid is online, counter or null.",
        )
    if not total:
        raise invalid(
            "fee.paid", "nothing_to_pay", "Không có phí mà lại đã nộp.", "Paid, but there is no fee."
        )
    return total, PAID[paid]


def _documents(data: Any, version: ProcedureVersion, lookups: Lookups) -> list[dict[str, Any]]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise invalid("documents", "invalid_list", "documents là một danh sách.", "documents is a list.")
    found = []
    for index, item in enumerate(data):
        field = f"documents[{index}]"
        if not isinstance(item, dict):
            raise invalid(
                field, "invalid_document", "Mỗi giấy tờ là một đối tượng.", "Each document is an object."
            )
        component = text(item, "component", f"{field}.component", max_length=COMPONENT_CODE_MAX)
        flags = {}
        for flag in DOCUMENT_FLAGS:
            value = item.get(flag, False)
            if not isinstance(value, bool):
                raise invalid(
                    f"{field}.{flag}", "not_boolean", "Giá trị là true/false.", "The value is true/false."
                )
            flags[flag] = value
        found.append({"component": component, **flags})
    return found


def _events(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, list) or not data:
        raise invalid("events", "required", "Thiếu danh sách sự kiện.", "The list of events is missing.")
    for index, event in enumerate(data):
        if not isinstance(event, dict):
            raise invalid(
                f"events[{index}]", "invalid_event", "Sự kiện là một đối tượng.", "An event is an object."
            )
        if event.get("kind") not in EVENT_KINDS:
            raise invalid(
                f"events[{index}].kind",
                "unknown_event",
                f"Loại sự kiện không hợp lệ: {event.get('kind')!s:.40}.",
                f"Unknown kind of event: {event.get('kind')!s:.40}.",
            )
    return data


def read_line(number: int, data: Any, lookups: Lookups) -> Line:
    """The checked values of one parsed line; raises LineInvalid at the first problem."""
    if not isinstance(data, dict):
        raise invalid("", "not_an_object", "Mỗi dòng là một đối tượng JSON.", "Each line is one JSON object.")
    code = text(data, "code", "code", max_length=CODE_MAX)
    if not CODE.fullmatch(code):
        raise invalid(
            "code",
            "invalid_code",
            f"Mã hồ sơ chỉ gồm chữ, số và . _ / - (tối đa {CODE_MAX} ký tự).",
            f"A dossier code has only letters, digits and . _ / - (at most {CODE_MAX} characters).",
        )
    receiving, competent = (
        _agency(lookups, data, "receiving_agency"),
        _agency(lookups, data, "competent_agency"),
    )
    channel = data.get("channel")
    if channel not in CHANNELS:
        raise invalid(
            "channel",
            "invalid_choice",
            f"Cách thức nộp là một trong {', '.join(Channel.values)}.",
            f"The channel is one of {', '.join(Channel.values)}.",
        )
    submitted_at = moment(data, "submitted_at", "submitted_at")
    received_at = moment(data, "received_at", "received_at", required=False)
    due_at = moment(data, "due_at", "due_at", required=False)
    procedure_code = text(data, "procedure", "procedure", max_length=PROCEDURE_CODE_MAX)
    day = clock.to_local(received_at or submitted_at).date()
    version = lookups.version_on(procedure_code, day)
    if version is None:
        raise invalid(
            "procedure",
            "unknown_procedure",
            f"Không có thủ tục mã {procedure_code} có hiệu lực ngày {day:%d/%m/%Y}.",
            f"No procedure {procedure_code} in force on {day:%Y-%m-%d}.",
        )
    fee_total, fee_status = _fee(data.get("fee"), lookups.fee_total(version))
    return Line(
        number=number,
        code=code,
        version=version,
        receiving=receiving,
        competent=competent,
        channel=channel,
        applicant=_applicant(data.get("applicant")),
        submitted_at=submitted_at,
        received_at=received_at,
        due_at=due_at,
        fee_total=fee_total,
        fee_status=fee_status,
        documents=_documents(data.get("documents"), version, lookups),
        events=_events(data.get("events")),
    )
