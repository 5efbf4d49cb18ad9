"""Administrators keep the express lanes: which procedure, at which receiving agency (or everywhere), on which
weekdays, with what deadline in working minutes; add, change, end. The counter applies a lane from the moment
it is saved (`selectors.express_lane_for` reads the rows each time).

A city-wide administrator manages every lane, an agency's administrator the lanes of their agencies. Every change
is one transaction and a row of the change log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from motcua.accounts.models import User
from motcua.accounts.policy import AdministratorScope, ensure_administrator, ensure_covers
from motcua.core import clock
from motcua.core.change_log import record_change
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.core.text import nfc
from motcua.organization.models import Agency

from .models import ExpressLane, Procedure

WEEKDAYS = range(7)  # 0 = Monday ... 6 = Sunday, as `date.weekday()`
# At most ten working days of eight hours: beyond that a lane is no faster than the procedure itself.
MAX_WORKING_MINUTES = 4800
NAME_MAX = 200


@dataclass(frozen=True)
class LaneData:
    procedure_code: str
    agency_id: int | None
    name: str
    weekdays: list[int]
    working_minutes: int | None
    counter_only: bool = True
    effective_from: date | None = None
    effective_to: date | None = None


def _invalid(field: str, vi: str, en: str, code: str) -> ValidationFailed:
    return ValidationFailed(vi, en, code=code, details={field: [vi]})


def _checked(data: LaneData, *, scope: AdministratorScope) -> dict:
    procedure = (
        Procedure.objects.filter(code=(data.procedure_code or "").strip(), is_active=True)
        .exclude(current_version=None)
        .first()
    )
    if procedure is None:
        raise _invalid(
            "procedure",
            "Không tìm thấy thủ tục đang áp dụng có mã này.",
            "No procedure in force has this code.",
            "procedure_not_found",
        )
    agency = None
    if data.agency_id is not None:
        agency = Agency.objects.filter(pk=data.agency_id, is_active=True, receives_dossiers=True).first()
        if agency is None:
            raise _invalid(
                "agency",
                "Chọn một nơi tiếp nhận hồ sơ.",
                "Choose an agency that receives dossiers.",
                "invalid_agency",
            )
    ensure_covers(scope, data.agency_id)
    name = nfc(data.name or "")
    if not name or len(name) > NAME_MAX:
        raise _invalid(
            "name",
            "Nhập tên luồng xanh (tối đa 200 ký tự).",
            "Enter the lane's name (at most 200 characters).",
            "required",
        )
    weekdays = sorted(set(data.weekdays or []))
    if not weekdays or any(day not in WEEKDAYS for day in weekdays):
        raise _invalid(
            "weekdays",
            "Chọn ít nhất một ngày trong tuần.",
            "Choose at least one day of the week.",
            "weekdays_required",
        )
    minutes = data.working_minutes
    if minutes is None or not 1 <= minutes <= MAX_WORKING_MINUTES:
        raise _invalid(
            "working_minutes",
            f"Nhập thời hạn từ 1 đến {MAX_WORKING_MINUTES} phút làm việc.",
            f"Enter a deadline between 1 and {MAX_WORKING_MINUTES} working minutes.",
            "invalid_working_minutes",
        )
    if data.effective_from and data.effective_to and data.effective_to < data.effective_from:
        raise _invalid(
            "effective_to",
            "Ngày hết hiệu lực phải từ ngày bắt đầu hiệu lực trở đi.",
            "The end date must be on or after the start date.",
            "invalid_dates",
        )
    return {
        "procedure": procedure,
        "agency": agency,
        "name": name,
        "weekdays": weekdays,
        "working_minutes": minutes,
        "counter_only": bool(data.counter_only),
        "effective_from": data.effective_from,
        "effective_to": data.effective_to,
    }


def _lock(*, scope: AdministratorScope, lane_id: int) -> ExpressLane:
    lane = ExpressLane.objects.select_for_update().filter(pk=lane_id).first()
    if lane is None or not scope.covers(lane.agency_id):
        raise NotFound("Không tìm thấy luồng xanh.", "No such express lane.", code="express_lane_not_found")
    if not lane.is_active:
        raise Conflict(
            "Luồng xanh này đã kết thúc; hãy thêm luồng mới.",
            "This express lane has ended; add a new one.",
            code="express_lane_ended",
        )
    return lane


def _ensure_unique(fields: dict, *, lane_id: int | None) -> None:
    same = ExpressLane.objects.filter(
        procedure=fields["procedure"], agency=fields["agency"], name=fields["name"], is_active=True
    ).exclude(pk=lane_id)
    if same.exists():
        raise _invalid(
            "name",
            "Đã có luồng xanh cùng tên cho thủ tục này tại nơi này; hãy sửa luồng đó.",
            "This procedure already has a lane of this name here; change that one.",
            "express_lane_exists",
        )


def _summary(lane: ExpressLane) -> str:
    where = lane.agency.code if lane.agency_id else "*"
    return (
        f"{lane.procedure.code} at {where}, weekdays {lane.weekdays}, {lane.working_minutes} working minutes"
    )


@transaction.atomic
def express_lane_save(*, actor: User, data: LaneData, lane_id: int | None = None) -> ExpressLane:
    """Add a lane (`lane_id` None) or change one in force."""
    scope = ensure_administrator(actor)
    lane = _lock(scope=scope, lane_id=lane_id) if lane_id is not None else ExpressLane()
    fields = _checked(data, scope=scope)
    _ensure_unique(fields, lane_id=lane_id)
    for name, value in fields.items():
        setattr(lane, name, value)
    lane.is_active = True
    lane.save()
    record_change(actor=actor, obj=lane, added=lane_id is None, message=f"express lane {_summary(lane)}")
    return lane


@transaction.atomic
def express_lane_end(*, actor: User, lane_id: int) -> ExpressLane:
    """End a lane today: dossiers received from now on get the procedure's own deadline."""
    scope = ensure_administrator(actor)
    lane = _lock(scope=scope, lane_id=lane_id)
    today = clock.today()
    lane.is_active = False
    if lane.effective_to is None or lane.effective_to > today:
        lane.effective_to = today
    lane.save(update_fields=["is_active", "effective_to", "updated_at"])
    record_change(actor=actor, obj=lane, message=f"express lane ended: {_summary(lane)}")
    return lane
