"""The agency's tracking book (sổ theo dõi hồ sơ) for a date range, as PDF: one row per dossier the agency
received or is competent for, received in the range (code, applicant, procedure, competent agency, received,
due, handed over for processing, result, returned, notes), A4 landscape, the table header repeated on each page.

Readers: the agency's officers (receiving officers, specialists, leaders), and inspectors and administrators.
A book covers at most MAX_DAYS days and MAX_ROWS dossiers: beyond that the caller narrows the range (a book of
thousands of pages is printed nobody; a PDF of 2,000 rows renders in a few seconds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.dossiers.models import Dossier, Event, EventKind, Status
from motcua.dossiers.workflow import grants_of
from motcua.organization.models import Agency

from . import text
from .render import RenderedForm, html_to_pdf
from .selectors import agency_block

MAX_DAYS = 366
MAX_ROWS = 2000
READERS_HERE = (Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER)
READERS_EVERYWHERE = (Role.INSPECTOR, Role.ADMINISTRATOR)
NUMBER = "07"
TITLE = "Sổ theo dõi hồ sơ"

CLOSED_NOTES = {
    Status.REFUSED: "Từ chối tiếp nhận",
    Status.STOPPED: "Dừng giải quyết",
    Status.WITHDRAWN: "Người nộp rút hồ sơ",
}


@dataclass(frozen=True)
class BookRange:
    first: date
    last: date


def may_read(user: User, agency: Agency) -> bool:
    grants = grants_of(user)
    return any(grants.has(role, agency.pk) for role in READERS_HERE) or any(
        (role, None) in grants.pairs for role in READERS_EVERYWHERE
    )


def checked_range(*, first: date, last: date) -> BookRange:
    if last < first:
        raise ValidationFailed(
            "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.",
            "The end date must be on or after the start date.",
            code="invalid_range",
            details={"to": ["before_from"]},
        )
    if (last - first).days + 1 > MAX_DAYS:
        raise ValidationFailed(
            f"Mỗi sổ theo dõi tối đa {MAX_DAYS} ngày; hãy chọn khoảng ngắn hơn.",
            f"A tracking book covers at most {MAX_DAYS} days; choose a shorter range.",
            code="range_too_long",
            details={"to": [f"max_{MAX_DAYS}_days"]},
        )
    return BookRange(first=first, last=last)


def _transfers(ids: list[int]) -> dict[int, datetime]:
    """When each dossier was first handed to another agency (or, its steps all done, to the competent agency
    for approval): the book's "transferred" column."""
    moments: dict[int, datetime] = {}
    events = (
        Event.objects.filter(dossier_id__in=ids, kind__in=[EventKind.FORWARDED, EventKind.STEP_COMPLETED])
        .order_by("dossier_id", "seq")
        .values_list("dossier_id", "at", "payload")
    )
    for dossier_id, at, payload in events:
        if dossier_id in moments:
            continue
        to_agency = payload.get("to_agency")
        if to_agency is None or to_agency != payload.get("from_agency"):
            moments[dossier_id] = at
    return moments


def _note(dossier: Dossier) -> str:
    notes = []
    if dossier.status in CLOSED_NOTES:
        notes.append(CLOSED_NOTES[dossier.status])
    if dossier.rescheduled_due_at:
        notes.append(f"Xin lỗi, hẹn lại {text.short_moment(dossier.rescheduled_due_at)}")
    finished = dossier.resolved_at
    if finished and dossier.due_at and finished > dossier.due_at:
        notes.append("Giải quyết quá hạn")
    elif (
        dossier.status not in CLOSED_NOTES
        and not finished
        and dossier.due_at
        and dossier.due_at < clock.now()
    ):
        notes.append("Đang quá hạn")
    return "; ".join(notes)


def book_rows(*, agency: Agency, book: BookRange) -> list[dict[str, Any]]:
    """The book's rows, in the order received. More than MAX_ROWS: 400 `tracking_book_too_large`."""
    start = datetime.combine(book.first, time.min, tzinfo=clock.LOCAL_TZ)
    end = datetime.combine(book.last + timedelta(days=1), time.min, tzinfo=clock.LOCAL_TZ)
    dossiers = list(
        Dossier.objects.filter(Q(receiving_agency=agency) | Q(competent_agency=agency))
        .filter(received_at__gte=start, received_at__lt=end)
        .select_related("procedure_version", "group", "competent_agency")
        .only(
            "code",
            "status",
            "applicant_name",
            "received_at",
            "due_at",
            "rescheduled_due_at",
            "resolved_at",
            "returned_at",
            "procedure_version__name",
            "group__name",
            "competent_agency__name",
        )
        .order_by("received_at", "pk")[: MAX_ROWS + 1]
    )
    if len(dossiers) > MAX_ROWS:
        raise ValidationFailed(
            f"Khoảng ngày đã chọn có hơn {MAX_ROWS} hồ sơ; hãy chọn khoảng ngắn hơn.",
            f"The range holds more than {MAX_ROWS} dossiers; choose a shorter range.",
            code="tracking_book_too_large",
            details={"from": [f"max_{MAX_ROWS}_rows"], "max_rows": MAX_ROWS},
        )
    transfers = _transfers([d.pk for d in dossiers])
    return [
        {
            "code": d.code,
            "applicant": text.capitals(d.applicant_name),
            "procedure": d.procedure_version.name
            if d.procedure_version_id
            else (d.group.name if d.group_id else ""),
            "competent": d.competent_agency.name,
            "received": text.short_moment(d.received_at),
            "due": text.short_moment(d.due_at),
            "transferred": text.short_moment(transfers.get(d.pk)),
            "resolved": text.short_moment(d.resolved_at),
            "returned": text.short_moment(d.returned_at),
            "note": _note(d),
        }
        for d in dossiers
    ]


def render_tracking_book(*, agency: Agency, first: date, last: date, user: User) -> RenderedForm:
    """The agency's book for [first, last] (local dates) as PDF, for a reader of it (else 403)."""
    if not may_read(user, agency):
        raise PermissionDenied(
            "Chỉ cán bộ của cơ quan, thanh tra và quản trị được xem sổ theo dõi hồ sơ của cơ quan.",
            "Only the agency's officers, inspectors and administrators may read its tracking book.",
        )
    book = checked_range(first=first, last=last)
    rows = book_rows(agency=agency, book=book)
    now = clock.now()
    with translation.override("vi"):
        html = render_to_string(
            "official_forms/tracking_book.html",
            {
                "number": NUMBER,
                "title": TITLE,
                "agency": agency_block(agency),
                "place_and_date": text.place_and_date(agency, now),
                "first": f"{book.first:%d/%m/%Y}",
                "last": f"{book.last:%d/%m/%Y}",
                "rows": rows,
                "printed_at": text.short_moment(now),
            },
        )
    filename = f"{agency.code}-so-theo-doi-{book.first:%Y%m%d}-{book.last:%Y%m%d}.pdf"
    return RenderedForm(filename=filename, content=html_to_pdf(html))
