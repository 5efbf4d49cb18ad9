"""What each official form prints, gathered read-only from the dossier, its steps and its process-control events.

Every value is Vietnamese (the forms are legal documents, whatever the reader's language) and already formatted
for print (see text.py). A form exists once one of the events that issue it does; the latest such event is the
one printed (an agency's supplement request after the intake guidance, for example).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.dateparse import parse_datetime

from motcua.accounts.models import Role, User
from motcua.catalog.models import Channel
from motcua.core import clock
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.models import Dossier, Event, EventKind, Outcome, Step
from motcua.dossiers.workflow import grants_of
from motcua.organization.models import Agency

from . import text
from .errors import FormNotAvailable
from .kinds import APOLOGY, COMPLETION, CONTROL, RECEIPT, REFUSAL, STOP, OfficialForm

CHANNELS = {
    Channel.ONLINE: "Trực tuyến",
    Channel.COUNTER: "Trực tiếp tại Bộ phận Một cửa",
    Channel.POSTAL: "Qua dịch vụ bưu chính công ích",
    Channel.HOME: "Tiếp nhận tại nhà",
}
OUTCOMES = {Outcome.APPROVED: "Giải quyết", Outcome.DENIED: "Không giải quyết"}


def lookup_url(code: str) -> str:
    """The public lookup page of a dossier, as printed (and encoded in the QR code) on its receipt."""
    return f"{settings.MOTCUA_PUBLIC_BASE_URL}/tra-cuu/{code}/"


def sees_lookup_secret(dossier: Dossier, user: User) -> bool:
    """The receipt's lookup secret is printed for the applicant and the receiving officers of the dossier's
    receiving agency (who hand the receipt over); anyone else gets the receipt without it."""
    if not user.is_authenticated:
        return False
    if dossier.applicant_id is not None and dossier.applicant_id == user.pk:
        return True
    return grants_of(user).has(Role.RECEIVING_OFFICER, dossier.receiving_agency_id)


@dataclass(frozen=True)
class Viewer:
    """What the caller may read on a form: the applicant's personal data, the receipt's lookup secret."""

    personal_data: bool
    lookup_secret: bool


def viewer_of(dossier: Dossier, user: User) -> Viewer:
    return Viewer(
        personal_data=dossier_selectors.sees_personal_data(dossier, user),
        lookup_secret=sees_lookup_secret(dossier, user),
    )


def issuing_event(form: OfficialForm, events: list[Event], dossier: Dossier) -> Event:
    """The latest event that issued the form; 409 `form_not_available` when there is none yet."""
    for event in reversed(events):
        if event.kind in form.issued_by:
            return event
    raise FormNotAvailable(details={"form": form.key, "status": dossier.status})


def form_context(*, dossier: Dossier, form: OfficialForm, viewer: Viewer) -> dict[str, Any]:
    """Everything the form's template prints. `dossier` is one the caller may see (dossiers.selectors.dossier_for)."""
    events = list(dossier_selectors.events_of(dossier=dossier))
    event = issuing_event(form, events, dossier)
    agency = _issuing_agency(form, dossier, event)
    context: dict[str, Any] = {
        "form": form,
        "code": dossier.code,
        "agency": agency_block(agency),
        "place_and_date": text.place_and_date(agency, event.at),
        "applicant": _applicant(dossier, viewer),
        "procedure": _procedure_name(dossier),
        "received_at": text.moment_text(dossier.received_at),
        "appointment": text.moment_text(_appointment_at_receipt(dossier, events)),
        "signer": _person(event.actor),
    }
    context.update(_BUILDERS[form.key](dossier, event, events, viewer))
    return context


# The agency that issues each form: the receiving one for intake, receipt and the slip; the one that acted for
# supplements and apologies; the competent one for stopping.
def _issuing_agency(form: OfficialForm, dossier: Dossier, event: Event) -> Agency:
    if form in (RECEIPT, REFUSAL, CONTROL):
        return dossier.receiving_agency
    if form is STOP:
        return dossier.competent_agency
    return event.agency if event.agency_id else dossier.receiving_agency


def agency_block(agency: Agency) -> dict[str, str]:
    parent = agency.parent
    return {
        "name": agency.name,
        "name_caps": text.capitals(agency.name),
        "parent_caps": text.capitals(parent.name) if parent else "",
    }


def _person(user: User | None) -> str:
    return user.display_name if user is not None else ""


def _procedure_name(dossier: Dossier) -> str:
    if dossier.procedure_version_id:
        return dossier.procedure_version.name
    return dossier.group.name if dossier.group_id else ""


def _address(dossier: Dossier) -> str:
    unit = dossier.address_unit.name if dossier.address_unit_id else dossier.address_unit_text
    parts = [dossier.address_street, unit, dossier.address_province]
    return ", ".join(p for p in parts if p) or dossier.legacy_address


def _phone(value: str) -> str:
    return "0" + value[3:] if value.startswith("+84") else value


def _applicant(dossier: Dossier, viewer: Viewer) -> dict[str, str]:
    """The name is on every form; the rest of the applicant's personal data only for those who may read it."""
    full = viewer.personal_data
    return {
        "name": text.capitals(dossier.applicant_name),
        "personal_id": dossier.applicant_personal_id if full else "",
        "phone": _phone(dossier.applicant_phone) if full else "",
        "email": dossier.applicant_email if full else "",
        "address": _address(dossier) if full else "",
    }


def _moment(value: Any) -> datetime | None:
    return parse_datetime(value) if isinstance(value, str) else None


def _appointment_at_receipt(dossier: Dossier, events: list[Event]) -> datetime | None:
    """The appointment the receipt gave (its event records it; later supplements may have moved `due_at`)."""
    received = next((e for e in events if e.kind == EventKind.RECEIVED), None)
    if received is None:
        return None
    return _moment(received.payload.get("due_at")) or dossier.due_at


def _receipt(dossier: Dossier, event: Event, events: list[Event], viewer: Viewer) -> dict[str, Any]:
    return {
        "channel": CHANNELS.get(dossier.channel, dossier.channel),
        "home_service": dossier.home_service,
        "documents": _documents_received(dossier),
        "lookup_url": lookup_url(dossier.code),
        "lookup_secret": dossier.lookup_secret if viewer.lookup_secret else "",
        "express": bool(event.payload.get("express")),
    }


def _documents_received(dossier: Dossier) -> list[dict[str, Any]]:
    """The procedure's components (a group's: its members'), with the number of originals and copies, and how the
    dossier holds each: an electronic file, a digitized paper, or paper only."""
    dossiers = [dossier] if dossier.procedure_version_id else list(dossier.children.order_by("pk"))
    rows = []
    for d in dossiers:
        held: dict[str, str] = {}
        for document in d.documents.all():
            if document.component_code:
                held[document.component_code] = "Đã số hóa" if document.digitized else "Tệp điện tử"
        for required in d.procedure_version.documents.order_by("order", "pk"):
            if not required.mandatory and required.code not in held:
                continue
            rows.append(
                {
                    "name": required.name,
                    "originals": required.originals,
                    "copies": required.copies,
                    "held": held.get(required.code, "Bản giấy"),
                }
            )
    return rows


def _completion(dossier: Dossier, event: Event, events: list[Event], viewer: Viewer) -> dict[str, Any]:
    payload = event.payload
    during_processing = event.kind == EventKind.SUPPLEMENT_REQUESTED
    return {
        "items": list(payload.get("items") or []),
        "reason": payload.get("reason") or "",
        "note": payload.get("note") or "",
        "during_processing": during_processing,
        "requested_at": text.moment_text(event.at),
    }


def _refusal(dossier: Dossier, event: Event, events: list[Event], viewer: Viewer) -> dict[str, Any]:
    return {
        "reasons": _lines(event.payload.get("reasons")),
        "submitted_at": text.moment_text(dossier.submitted_at),
    }


def _apology(dossier: Dossier, event: Event, events: list[Event], viewer: Viewer) -> dict[str, Any]:
    payload = event.payload
    return {
        "reason": _lines(payload.get("reason")),
        "due_before": text.moment_text(_moment(payload.get("due_at"))),
        "new_appointment": text.moment_text(_moment(payload.get("new_due_at"))),
    }


def _stop(dossier: Dossier, event: Event, events: list[Event], viewer: Viewer) -> dict[str, Any]:
    return {"reasons": _lines(event.payload.get("reasons"))}


def _lines(value: Any) -> list[str]:
    """A reason typed over several lines prints as several lines."""
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def _control(dossier: Dossier, event: Event, events: list[Event], viewer: Viewer) -> dict[str, Any]:
    return {
        "handovers": handovers(dossier, events, applicant=text.capitals(dossier.applicant_name)),
        "rescheduled": text.moment_text(dossier.rescheduled_due_at) if dossier.rescheduled_due_at else "",
    }


_BUILDERS = {
    RECEIPT.key: _receipt,
    COMPLETION.key: _completion,
    REFUSAL.key: _refusal,
    APOLOGY.key: _apology,
    STOP.key: _stop,
    CONTROL.key: _control,
}


def timing_label(at: datetime, due: datetime | None) -> str:
    """The slip's result column: early (a local day before the due day), on time, or late (after the due
    moment); the same rule as the dossiers' timing classes."""
    if due is None:
        return ""
    if at > due:
        return "Quá hạn"
    if clock.to_local(at).date() < clock.to_local(due).date():
        return "Trước hạn"
    return "Đúng hạn"


HANDOVER_KINDS = (
    EventKind.RECEIVED,
    EventKind.ASSIGNED,
    EventKind.FORWARDED,
    EventKind.STEP_COMPLETED,
    EventKind.SUPPLEMENT_REQUESTED,
    EventKind.SUPPLEMENTED,
    EventKind.APOLOGIZED,
    EventKind.RESOLVED,
    EventKind.RETURNED,
    EventKind.STOPPED,
    EventKind.WITHDRAWN,
)


def handovers(dossier: Dossier, events: list[Event], *, applicant: str) -> list[dict[str, str]]:
    """One row per hand-over on the process-control slip: from whom, to whom, when, the due moment of the
    work handed over, and the result (early, on time, late, or what happened)."""
    rows = [e for e in events if e.kind in HANDOVER_KINDS]
    agency_ids, user_ids = set(), set()
    for e in rows:
        agency_ids.update(v for v in (e.payload.get("from_agency"), e.payload.get("to_agency")) if v)
        if e.payload.get("to_user"):
            user_ids.add(e.payload["to_user"])
    agencies = {a.pk: a.name for a in Agency.objects.filter(pk__in=agency_ids)}
    users = {u.pk: u.display_name for u in User.objects.filter(pk__in=user_ids)}
    steps = {s.order: s for s in Step.objects.filter(dossier=dossier)}
    applicant_side = f"Người nộp: {applicant}"

    def at_agency(name: str | None, person: str | None = None) -> str:
        return f"{name or ''} ({person})" if person else (name or "")

    result = []
    for e in rows:
        p, actor = e.payload, _person(e.actor)
        here = e.agency.name if e.agency_id else ""
        step = steps.get(p.get("step"))
        due = step.due_at if step is not None else None
        if e.kind == EventKind.RECEIVED:
            row = (applicant_side, at_agency(dossier.receiving_agency.name, actor), None, "Đã tiếp nhận")
        elif e.kind == EventKind.ASSIGNED:
            row = (
                at_agency(here, actor),
                at_agency(here, users.get(p.get("to_user"))),
                due,
                "Phân công xử lý",
            )
        elif e.kind in (EventKind.FORWARDED, EventKind.STEP_COMPLETED):
            if p.get("to_agency"):
                to = at_agency(agencies.get(p["to_agency"]), users.get(p.get("to_user")))
            else:
                to = at_agency(dossier.competent_agency.name, users.get(p.get("to_user")) or "chờ phê duyệt")
            outcome = p.get("outcome") or ""
            label = timing_label(e.at, due)
            row = (
                at_agency(agencies.get(p.get("from_agency"), here), actor),
                to,
                due,
                f"{label}: {outcome}" if outcome and outcome != "done" else label,
            )
        elif e.kind == EventKind.SUPPLEMENT_REQUESTED:
            row = (at_agency(here, actor), applicant_side, None, "Yêu cầu bổ sung (tạm dừng tính thời hạn)")
        elif e.kind == EventKind.SUPPLEMENTED:
            row = (applicant_side, here, None, "Đã bổ sung hồ sơ")
        elif e.kind == EventKind.APOLOGIZED:
            new = text.short_moment(_moment(p.get("new_due_at")))
            row = (at_agency(here, actor), applicant_side, None, f"Xin lỗi, hẹn lại {new}")
        elif e.kind == EventKind.RESOLVED:
            outcome = OUTCOMES.get(p.get("outcome"), "")
            label = timing_label(e.at, dossier.due_at)
            row = (
                at_agency(dossier.competent_agency.name, actor),
                dossier.receiving_agency.name,
                dossier.due_at,
                f"{label}: {outcome}" if outcome else label,
            )
        elif e.kind == EventKind.RETURNED:
            appointment = dossier.appointment
            row = (at_agency(here, actor), applicant_side, appointment, timing_label(e.at, appointment))
        elif e.kind == EventKind.STOPPED:
            row = (at_agency(here, actor), applicant_side, None, "Dừng giải quyết")
        else:  # withdrawn
            row = (applicant_side, here, None, "Rút hồ sơ")
        source, target, due_at, outcome_text = row
        result.append(
            {
                "what": str(e.get_kind_display()),  # Vietnamese: the forms render in it
                "from": source,
                "to": target,
                "at": text.short_moment(e.at),
                "due": text.short_moment(due_at),
                "result": outcome_text,
            }
        )
    return result
