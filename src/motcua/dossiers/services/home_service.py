"""Home service (DOMAIN.md §3.4): an eligible citizen asks for a visit, the one-stop section schedules it, and
the officer records the dossier received at home (channel home service, through the counter intake).

requested -> scheduled (the officer sets the visit; it may be moved while scheduled) -> done (the dossier is
received at home and linked); requested or scheduled -> cancelled (by the citizen or the officer, with a
reason). Each change locks the request row and checks its version (stale -> 409), as dossier actions do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction

from motcua.accounts.models import User
from motcua.accounts.policy import ensure_not_inspector
from motcua.catalog import selectors as catalog
from motcua.catalog.models import Channel
from motcua.core import clock
from motcua.core.errors import ActionNotAllowed, PermissionDenied, StaleVersion, ValidationFailed
from motcua.core.text import nfc
from motcua.organization.models import AdministrativeUnit

from .. import workflow
from ..errors import HomeServiceRequestNotFound
from ..models import HomeServiceEligibility, HomeServiceRequest, HomeServiceStatus, VisitWindow
from ..validation import normalize_phone
from .common import _required_text
from .intake import ApplicantData, _channel_allowed, dossier_submit, receiving_agency_for_area

# How far ahead a citizen may ask for a visit.
MAX_DAYS_AHEAD = 60
OPEN = (HomeServiceStatus.REQUESTED, HomeServiceStatus.SCHEDULED)


@dataclass(frozen=True)
class VisitRequest:
    procedure_code: str
    eligibility: str
    reason: str
    name: str
    phone: str
    address_street: str
    address_unit_code: str
    address_province: str
    preferred_date: date | None
    preferred_window: str


def _invalid(field: str, vi: str, en: str, code: str = "validation_failed") -> ValidationFailed:
    return ValidationFailed(vi, en, code=code, details={field: ["invalid"]})


def _commune(code: str) -> AdministrativeUnit:
    unit = (
        AdministrativeUnit.objects.filter(code=(code or "").strip())
        .exclude(level=AdministrativeUnit.Level.PROVINCE)
        .first()
    )
    if unit is None:
        raise _invalid(
            "address_unit", "Chọn xã, phường nơi bạn ở.", "Choose the commune or ward you live in."
        )
    return unit


@transaction.atomic
def home_service_request(*, actor: User, data: VisitRequest) -> HomeServiceRequest:
    """A citizen's request for a visit, routed to the one-stop section that receives the procedure's dossiers
    for the address's commune."""
    if not actor.is_authenticated:
        raise PermissionDenied()
    ensure_not_inspector(actor)
    version = catalog.procedure_version_in_force(procedure_code=data.procedure_code)
    _channel_allowed(version, Channel.HOME)  # 400 home_service_not_available
    if data.eligibility not in HomeServiceEligibility.values:
        raise _invalid("eligibility", "Chọn đối tượng được phục vụ tại nhà.", "Choose who is eligible.")
    reason = _required_text(
        data.reason, "reason", "Nêu lý do cần phục vụ tại nhà.", "Say why you need to be served at home."
    )
    name = _required_text(data.name, "name", "Nhập họ và tên.", "Enter your name.")
    street = _required_text(
        data.address_street, "address_street", "Nhập số nhà, đường phố.", "Enter the house number and street."
    )
    province = _required_text(
        data.address_province, "address_province", "Nhập tỉnh, thành phố.", "Enter the province or city."
    )
    phone = normalize_phone(data.phone or "", field="phone")
    unit = _commune(data.address_unit_code)
    today = clock.to_local(clock.now()).date()
    if data.preferred_date is None or not today < data.preferred_date <= today + timedelta(
        days=MAX_DAYS_AHEAD
    ):
        raise _invalid(
            "preferred_date",
            f"Chọn ngày mong muốn từ ngày mai đến {MAX_DAYS_AHEAD} ngày tới.",
            f"Choose a preferred date from tomorrow to {MAX_DAYS_AHEAD} days ahead.",
        )
    if data.preferred_window not in VisitWindow.values:
        raise _invalid("preferred_window", "Chọn buổi mong muốn.", "Choose the preferred part of the day.")
    now = clock.now()
    return HomeServiceRequest.objects.create(
        applicant=actor,
        procedure_version=version,
        eligibility=data.eligibility,
        reason=reason,
        applicant_name=name,
        phone=phone,
        address_street=street,
        address_unit=unit,
        address_province=province,
        preferred_date=data.preferred_date,
        preferred_window=data.preferred_window,
        receiving_agency=receiving_agency_for_area(version=version, unit=unit),
        created_at=now,
        updated_at=now,
    )


def _locked(*, request_id: int, version: int | None, actor: User) -> HomeServiceRequest:
    """The request, locked, once `actor` is known to handle it (its applicant or an officer of its section:
    anyone else gets 'not found', whatever version they name), at the version they saw."""
    row = (
        HomeServiceRequest.objects.select_for_update(of=("self",))
        .select_related("procedure_version__procedure", "receiving_agency", "address_unit")
        .filter(pk=request_id)
        .first()
    )
    if row is None:
        raise HomeServiceRequestNotFound(details={"request": request_id})
    if row.applicant_id != actor.pk:
        _for_officer(row, actor)
    if version is None or int(version) != row.version:
        raise StaleVersion(
            "Yêu cầu vừa được người khác cập nhật. Vui lòng tải lại và thử lại.",
            "The request was just changed by someone else. Reload and try again.",
            details={"expected": row.version, "given": version},
        )
    return row


def _for_officer(row: HomeServiceRequest, actor: User) -> None:
    if not workflow.handles_home_request(row.receiving_agency_id, actor):
        raise HomeServiceRequestNotFound(details={"request": row.pk})


def _in(row: HomeServiceRequest, statuses) -> None:
    if row.status not in statuses:
        raise ActionNotAllowed(
            "Yêu cầu không ở trạng thái cho phép thao tác này.",
            "The request's status does not allow this.",
            code="home_service_status",
            details={"status": row.status},
        )


def _save(row: HomeServiceRequest, *fields: str) -> HomeServiceRequest:
    row.version += 1
    row.updated_at = clock.now()
    row.save(update_fields=[*fields, "version", "updated_at"])
    return row


@transaction.atomic
def home_service_schedule(
    *, request_id: int, actor: User, version: int, visit_at: datetime, note: str = ""
) -> HomeServiceRequest:
    """The officer sets (or moves) the visit: a moment still to come."""
    row = _locked(request_id=request_id, version=version, actor=actor)
    _for_officer(row, actor)
    _in(row, OPEN)
    if visit_at is None or visit_at <= clock.now():
        raise _invalid("visit_at", "Chọn thời điểm hẹn sau lúc này.", "Choose a visit time in the future.")
    row.status, row.visit_at, row.handled_by = HomeServiceStatus.SCHEDULED, visit_at, actor
    row.officer_note = nfc(note or "")[:500]
    return _save(row, "status", "visit_at", "handled_by", "officer_note")


@transaction.atomic
def home_service_receive(*, request_id: int, actor: User, version: int) -> HomeServiceRequest:
    """At the citizen's home: the dossier is received (channel home service, the citizen's consent recorded
    with the request) and linked to the request, in one transaction."""
    row = _locked(request_id=request_id, version=version, actor=actor)
    _for_officer(row, actor)
    _in(row, (HomeServiceStatus.SCHEDULED,))
    dossier = dossier_submit(
        actor=actor,
        applicant=ApplicantData(
            name=row.applicant_name,
            phone=row.phone,
            email=row.applicant.email or "",
            address_street=row.address_street,
            address_unit=row.address_unit,
            address_unit_text=row.address_unit.name,
            address_province=row.address_province,
        ),
        channel=Channel.HOME,
        procedure_code=row.procedure_version.procedure.code,
        receiving_agency_code=row.receiving_agency.code,
        on_behalf_consent=True,  # the citizen asked for the visit and hands the papers over
        receive_now=True,
        home_applicant=row.applicant,
        savepoint=False,
    )
    row.status, row.dossier, row.handled_by = HomeServiceStatus.DONE, dossier, actor
    return _save(row, "status", "dossier", "handled_by")


@transaction.atomic
def home_service_cancel(*, request_id: int, actor: User, version: int, reason: str) -> HomeServiceRequest:
    """The citizen withdraws the request, or the officer cancels it, with a reason, while it is still open."""
    row = _locked(request_id=request_id, version=version, actor=actor)
    _in(row, OPEN)
    row.cancel_reason = _required_text(reason, "reason", "Nêu lý do hủy.", "Give the reason for cancelling.")[
        :500
    ]
    row.status = HomeServiceStatus.CANCELLED
    return _save(row, "status", "cancel_reason")
