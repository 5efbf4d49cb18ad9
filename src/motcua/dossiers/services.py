"""Every change to a dossier. One function per action, keyword-only.

Each action is one transaction: the dossier row is locked (`select_for_update`), the workflow checks the actor
and the state, the client's version is compared (stale -> 409), the change is saved with version + 1, one
hash-chained event and one outbox row are written, and delivery is queued with `transaction.on_commit`.
Nothing outside the database is called inside the transaction.
"""

from __future__ import annotations

import functools
import hmac
import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Q, Subquery

from motcua.accounts.models import Role, User
from motcua.catalog import selectors as catalog
from motcua.catalog.models import Channel, ProcedureGroup, ProcedureVersion
from motcua.core import clock
from motcua.core.errors import (
    ActionNotAllowed,
    ApplicationError,
    PermissionDenied,
    StaleVersion,
    ValidationFailed,
)
from motcua.core.hashchain import GENESIS_HASH, canonical_json, chain_hash
from motcua.core.row_insert import insert_new
from motcua.core.text import nfc
from motcua.deadlines import selectors as deadlines
from motcua.deadlines.calendar import WorkingCalendar
from motcua.documents.models import DocumentRecord, Source
from motcua.documents.services import check_upload, document_record_create
from motcua.notifications.kicks import request_delivery
from motcua.notifications.services import outbox_put
from motcua.organization.models import AdministrativeUnit, Agency
from motcua.organization.selectors import active_agency_with_unit

from . import workflow
from .errors import (
    ApologyNotAllowed,
    BoundaryNotAllowed,
    DigitizationRequired,
    DossierNotFound,
    IdempotencyKeyReused,
    SupplementAlreadyRequested,
)
from .models import (
    OPEN_STATUSES,
    DailySequence,
    Dossier,
    Event,
    FeeStatus,
    IdempotencyKey,
    Outcome,
    PauseInterval,
    Rating,
    Status,
    Step,
)
from .validation import normalize_phone, validate_personal_id
from .workflow import Action

# ---------------------------------------------------------------------------------------------------------------
# Building blocks: codes, the event chain, locking and saving.


def next_code(*, agency: Agency, at: datetime) -> str:
    """`<agency code>-<YYMMDD>-<NNNN>`: the agency's next number of the local day. Call inside a transaction.

    One statement creates the day's row or increments it (`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`,
    PostgreSQL and SQLite >= 3.35). The row stays locked until commit, so concurrent submissions at one agency
    queue on it and get consecutive numbers; a rolled-back submission rolls its number back too (no gaps).
    """
    day = clock.to_local(at).date()
    table = connection.ops.quote_name(DailySequence._meta.db_table)  # identifiers from the model, no input
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last_value) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last_value = {table}.last_value + 1 "
            "RETURNING last_value",
            [agency.pk, connection.ops.adapt_datefield_value(day)],
        )
        (value,) = cursor.fetchone()
    return f"{agency.code}-{day:%y%m%d}-{value:04d}"


def _normalized(payload: dict[str, Any]) -> dict[str, Any]:
    # What is stored must hash exactly as what was hashed: round-trip through the canonical JSON.
    return json.loads(canonical_json(payload))


def append_event(
    *,
    dossier: Dossier,
    kind: str,
    actor: User | None,
    agency_id: int | None,
    at: datetime,
    from_status: str = "",
    to_status: str = "",
    payload: dict[str, Any] | None = None,
    first: bool = False,
) -> Event:
    """Append one event to the dossier's chain (the dossier row must be locked, or new).

    `first`: the dossier was created in this transaction and has no event yet (no need to look for the last).
    """
    last = (
        None
        if first
        else Event.objects.filter(dossier=dossier).order_by("-seq").values_list("seq", "hash").first()
    )
    seq, previous = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    event = Event(
        dossier=dossier,
        seq=seq,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        agency_id=agency_id,
        at=at,
        from_status=from_status,
        to_status=to_status,
        payload=_normalized(payload or {}),
        previous_hash=previous,
    )
    event.hash = chain_hash(previous, event.hashed_content())
    insert_new(event)
    _announce(dossier, event)
    return event


def _announce(dossier: Dossier, event: Event) -> None:
    appointment = dossier.appointment
    outbox_put(
        event_id=event.pk,
        type=event.kind,
        dossier_id=dossier.pk,
        payload={
            "code": dossier.code,
            "status": dossier.status,
            "appointment": clock.to_local(appointment).strftime("%H:%M %d/%m/%Y") if appointment else None,
            "email": dossier.applicant_email,
            "phone": dossier.applicant_phone,
        },
        at=event.at,
    )
    # One delivery kick per commit, however many messages the transaction wrote (Django drops the callback of a
    # rolled-back savepoint, so a later write queues it again).
    if not any(callback is request_delivery for _sids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(request_delivery)


def _lock(code: str) -> Dossier:
    """Lock the dossier row, and its group parent's first when it has one.

    Rows are locked in primary-key order (a parent is always older than its children), the same order in
    which an action on the parent locks its children, so a child's action and the parent's cannot deadlock.
    """
    parent_id = Dossier.objects.filter(code=code).values("parent_id")[:1]
    rows = list(
        Dossier.objects.select_for_update(of=("self",))
        .select_related("current_step", "procedure_version", "receiving_agency", "competent_agency")
        .filter(Q(code=code) | Q(pk=Subquery(parent_id)))
        .order_by("pk")
    )
    for row in rows:
        if row.code == code:
            return row
    raise DossierNotFound(details={"code": code})


def _begin(*, code: str, action: str, actor: User, version: int | None) -> Dossier:
    dossier = _lock(code)
    workflow.ensure_allowed(dossier, action, actor)
    if version is None or int(version) != dossier.version:
        raise StaleVersion(details={"expected": dossier.version, "given": version})
    return dossier


def _change(
    dossier: Dossier,
    *,
    kind: str,
    actor: User | None,
    at: datetime,
    from_status: str,
    fields: Iterable[str],
    payload: dict[str, Any] | None = None,
    agency_id: int | None = None,
) -> Event:
    dossier.version += 1
    dossier.save(update_fields=sorted({"version", "status", *fields}))
    return append_event(
        dossier=dossier,
        kind=kind,
        actor=actor,
        agency_id=agency_id if agency_id is not None else dossier.current_agency_id,
        at=at,
        from_status=from_status,
        to_status=dossier.status,
        payload=payload,
    )


def _required_text(value: str | None, field_name: str, vi: str, en: str) -> str:
    text = nfc(value or "")
    if not text:
        raise ValidationFailed(vi, en, code="required", details={field_name: [vi]})
    return text


def _reasons(value: str | None) -> str:
    return _required_text(value, "reasons", "Nêu rõ lý do.", "Give the reasons.")


def _items(values: Iterable[str] | None) -> list[str]:
    return [nfc(str(v)) for v in (values or []) if nfc(str(v))]


# ---------------------------------------------------------------------------------------------------------------
# Intake


@dataclass
class ApplicantData:
    name: str
    personal_id: str = ""
    birth_date: date | None = None
    sex: str = ""
    phone: str = ""
    email: str = ""
    address_street: str = ""
    address_unit: AdministrativeUnit | None = None
    address_unit_text: str = ""
    address_province: str = ""
    legacy_address: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def cleaned(self) -> ApplicantData:
        name = _required_text(
            self.name, "applicant_name", "Nhập họ và tên người nộp.", "Enter the applicant's name."
        )
        personal_id = (
            validate_personal_id(self.personal_id, birth_date=self.birth_date, sex=self.sex or None)
            if self.personal_id
            else ""
        )
        return ApplicantData(
            name=name,
            personal_id=personal_id,
            birth_date=self.birth_date,
            sex=self.sex,
            phone=normalize_phone(self.phone) if self.phone else "",
            email=(self.email or "").strip(),
            address_street=nfc(self.address_street or ""),
            address_unit=self.address_unit,
            address_unit_text=nfc(self.address_unit_text or ""),
            address_province=nfc(self.address_province or ""),
            legacy_address=nfc(self.legacy_address or ""),
        )


def _within(receiving: Agency, competent: Agency) -> bool:
    """The receiving agency is the competent one, or sits in its area (same unit or a unit under it)."""
    if receiving.pk == competent.pk or receiving.administrative_unit_id == competent.administrative_unit_id:
        return True
    unit = receiving.administrative_unit
    return unit.parent_id is not None and unit.parent_id == competent.administrative_unit_id


def _channel_allowed(version: ProcedureVersion, channel: str) -> None:
    if channel not in Channel.values:
        raise ValidationFailed(
            "Cách thức nộp không hợp lệ.",
            "Unknown channel.",
            code="invalid_channel",
            details={"channel": channel},
        )
    if channel == Channel.HOME:
        if not version.home_service_eligible:
            raise ValidationFailed(
                "Thủ tục này không có dịch vụ tiếp nhận tại nhà.",
                "This procedure has no home service.",
                code="home_service_not_available",
            )
        return
    if channel not in (version.channels or []):
        raise ValidationFailed(
            "Thủ tục này không nhận hồ sơ theo cách thức đã chọn.",
            "This procedure does not accept dossiers by the chosen channel.",
            code="channel_not_allowed",
            details={"channel": channel, "allowed": version.channels},
        )


def _receiving_agency_for(
    *, actor: User, channel: str, code: str | None, fallback: Callable[[], Agency]
) -> Agency:
    if code:
        agency = active_agency_with_unit(code)
        if agency is None or not agency.receives_dossiers:
            raise ValidationFailed(
                "Nơi tiếp nhận không hợp lệ.",
                "Not a receiving agency.",
                code="invalid_receiving_agency",
                details={"receiving_agency": code},
            )
    elif channel == Channel.ONLINE:
        agency = fallback()
    else:
        grants = workflow.grants_of(actor)
        ids = sorted({a for r, a in grants.pairs if r == Role.RECEIVING_OFFICER and a is not None})
        if len(ids) != 1:
            raise ValidationFailed(
                "Chọn nơi tiếp nhận.", "Choose the receiving agency.", code="receiving_agency_required"
            )
        agency = Agency.objects.select_related("administrative_unit").get(pk=ids[0])
    if channel != Channel.ONLINE and not workflow.grants_of(actor).has(Role.RECEIVING_OFFICER, agency.pk):
        raise PermissionDenied(
            "Chỉ cán bộ tiếp nhận của nơi tiếp nhận mới nhập hồ sơ nộp trực tiếp, qua bưu chính hoặc tại nhà.",
            "Only a receiving officer of the receiving agency records counter, postal or home dossiers.",
        )
    return agency


# Fee lines of a published version never change (the catalog publishes a new version instead), so their sum is
# kept per process, keyed by the version and its publication moment; saving a version or a fee line forgets it
# (see DossiersConfig.ready), which also covers test databases that reuse primary keys.
_FEE_TOTALS: dict[tuple[int, datetime | None], int] = {}
_FEE_TOTALS_MAX = 4096


def _fee_total(version: ProcedureVersion) -> int:
    if version.status != ProcedureVersion.Status.PUBLISHED:
        return catalog.fee_total(version=version)
    key = (version.pk, version.published_at)
    total = _FEE_TOTALS.get(key)
    if total is None:
        total = catalog.fee_total(version=version)
        if len(_FEE_TOTALS) >= _FEE_TOTALS_MAX:
            _FEE_TOTALS.clear()
        _FEE_TOTALS[key] = total
    return total


def forget_fee_total(*, version_id: int) -> None:
    for key in [k for k in _FEE_TOTALS if k[0] == version_id]:
        _FEE_TOTALS.pop(key, None)


# What a dossier's detail shows besides its own row and foreign keys.
FRESH_RELATIONS = ("children", "steps", "pauses", "documents")


def _known_empty(dossier: Dossier, *relations: str) -> None:
    """Record that these related sets of a dossier created in this transaction are empty, as a prefetch
    would: rendering the new dossier then needs no query for them. What the service adds later is appended."""
    cache = dossier.__dict__.setdefault("_prefetched_objects_cache", {})
    for name in relations:
        queryset = getattr(dossier, name).get_queryset()
        queryset._result_cache, queryset._prefetch_done = [], True
        cache[name] = queryset


def _new_dossier(
    *,
    code: Callable[[], str],
    version: ProcedureVersion | None,
    group: ProcedureGroup | None,
    parent: Dossier | None,
    applicant: ApplicantData,
    owner: User | None,
    actor: User,
    channel: str,
    receiving: Agency,
    competent: Agency,
    status: str,
    now: datetime,
    on_behalf_consent: bool,
    outside_boundary: bool,
) -> Dossier:
    """The dossier row and its first event. `code` is drawn just before the row is written: drawing a number
    locks the agency's day counter until commit, so everything that can be prepared is prepared before."""
    fee = _fee_total(version) if version is not None else 0
    dossier = Dossier(
        procedure_version=version,
        group=group,
        parent=parent,
        applicant=owner,
        applicant_name=applicant.name,
        applicant_personal_id=applicant.personal_id,
        applicant_birth_date=applicant.birth_date,
        applicant_sex=applicant.sex,
        applicant_phone=applicant.phone,
        applicant_email=applicant.email,
        address_street=applicant.address_street,
        address_unit=applicant.address_unit,
        address_unit_text=applicant.address_unit_text,
        address_province=applicant.address_province,
        legacy_address=applicant.legacy_address,
        channel=channel,
        receiving_agency=receiving,
        competent_agency=competent,
        current_agency=receiving,
        status=status,
        submitted_at=now if status != Status.DRAFT else None,
        fee_total=fee,
        fee_status=FeeStatus.UNPAID if fee else FeeStatus.NONE,
        home_service=channel == Channel.HOME,
        outside_boundary=outside_boundary,
        lookup_secret=secrets.token_hex(4).upper(),
        created_by=actor,
        on_behalf_consent=on_behalf_consent,
        created_at=now,
    )
    dossier.code = code()
    insert_new(dossier)
    append_event(
        dossier=dossier,
        kind="submitted" if status != Status.DRAFT else "drafted",
        actor=actor,
        agency_id=receiving.pk,
        at=now,
        to_status=status,
        payload={"channel": channel, "procedure": version.procedure.code if version else None},
        first=True,
    )
    _known_empty(dossier, *FRESH_RELATIONS)
    if parent is not None:
        parent._prefetched_objects_cache["children"]._result_cache.append(dossier)
    return dossier


def _atomic_unless_enclosed(func: Callable[..., Dossier]) -> Callable[..., Dossier]:
    """`func` in its own transaction block, as `transaction.atomic` does; with `savepoint=False`, inside the
    caller's block without a savepoint, for a caller whose block rolls back whole on any error raised here
    (it does not catch it inside the block)."""

    @functools.wraps(func)
    def wrapper(*, savepoint: bool = True, **kwargs: Any) -> Dossier:
        with transaction.atomic(savepoint=savepoint):
            return func(**kwargs)

    return wrapper


@_atomic_unless_enclosed
def dossier_submit(
    *,
    actor: User,
    applicant: ApplicantData,
    channel: str,
    procedure_code: str | None = None,
    group_code: str | None = None,
    receiving_agency_code: str | None = None,
    on_behalf_consent: bool = False,
    draft: bool = False,
    receive_now: bool = False,
) -> Dossier:
    """A new dossier: online by its applicant, or at a counter, by post or at home by a receiving officer.

    An officer may receive it at once (`receive_now`), after checking it with the applicant at the counter.
    An interconnected group gives one parent (one code, one receipt) with a child per member procedure.
    """
    if not actor.is_authenticated:
        raise PermissionDenied()
    now = clock.now()
    data = applicant.cleaned()
    group = None
    if group_code:
        group = ProcedureGroup.objects.filter(code=group_code, is_active=True).first()
        if group is None:
            raise ValidationFailed(
                "Không tìm thấy nhóm thủ tục liên thông.", "No such procedure group.", code="group_not_found"
            )
        members = [
            catalog.procedure_version_in_force(procedure_code=m.procedure.code)
            for m in group.members.select_related("procedure").order_by("order")
        ]
        if not members:
            raise ValidationFailed(
                "Nhóm thủ tục chưa có thủ tục nào.", "The group is empty.", code="group_empty"
            )
        version, versions = None, members
    elif procedure_code:
        version = catalog.procedure_version_in_force(procedure_code=procedure_code)
        versions = [version]
    else:
        raise ValidationFailed(
            "Chọn thủ tục hành chính.",
            "Choose a procedure.",
            code="required",
            details={"procedure": ["required"]},
        )
    for v in versions:
        _channel_allowed(v, channel)
    if channel != Channel.ONLINE and not on_behalf_consent:
        raise ValidationFailed(
            "Cần ghi nhận sự đồng ý của người nộp khi cán bộ nhập hồ sơ thay.",
            "Record the applicant's consent when an officer enters the dossier for them.",
            code="consent_required",
            details={"on_behalf_consent": ["required"]},
        )

    def competent(v: ProcedureVersion, receiving: Agency | None) -> Agency:
        return catalog.competent_agency_for(
            version=v, applicant_unit=data.address_unit, receiving_agency=receiving
        )

    receiving = _receiving_agency_for(
        actor=actor,
        channel=channel,
        code=receiving_agency_code,
        fallback=lambda: competent(versions[0], None),
    )
    competents = [competent(v, receiving) for v in versions]
    outside = [not _within(receiving, c) for c in competents]
    for v, out in zip(versions, outside, strict=True):
        if out and not v.boundary_free:
            raise BoundaryNotAllowed(
                details={"procedure": v.procedure.code, "receiving_agency": receiving.code}
            )
    owner = actor if channel == Channel.ONLINE else None
    status = Status.DRAFT if draft else Status.SUBMITTED
    draw_code = functools.partial(next_code, agency=receiving, at=now)
    common = {
        "applicant": data,
        "owner": owner,
        "actor": actor,
        "channel": channel,
        "receiving": receiving,
        "status": status,
        "now": now,
        "on_behalf_consent": on_behalf_consent,
    }
    if group is None:
        dossier = _new_dossier(
            code=draw_code,
            version=version,
            group=None,
            parent=None,
            competent=competents[0],
            outside_boundary=outside[0],
            **common,
        )
    else:
        dossier = _new_dossier(
            code=draw_code,
            version=None,
            group=group,
            parent=None,
            competent=receiving,
            outside_boundary=any(outside),
            **common,
        )
        for index, (v, c, out) in enumerate(zip(versions, competents, outside, strict=True), start=1):
            _new_dossier(
                code=lambda index=index: f"{dossier.code}.{index}",
                version=v,
                group=None,
                parent=dossier,
                competent=c,
                outside_boundary=out,
                **common,
            )
    if receive_now and not draft:
        if group is not None:
            return dossier_receive(code=dossier.code, actor=actor, version=dossier.version)
        # The row was written in this transaction: no other transaction sees it, no need to lock and re-read.
        workflow.ensure_allowed(dossier, Action.RECEIVE, actor)
        return _receive(dossier, actor=actor)
    return dossier


def _missing_components(dossier: Dossier, *, digitized_only: bool = False) -> list[str]:
    """Names of the mandatory components with no document (digitized, when asked) in the dossier."""
    dossiers = [dossier] if dossier.procedure_version_id else list(dossier.children.all())
    missing: list[str] = []
    for d in dossiers:
        docs = DocumentRecord.objects.filter(dossier=d)
        if digitized_only:
            docs = docs.filter(digitized=True)
        present = set(docs.values_list("component_code", flat=True))
        for required in d.procedure_version.documents.filter(mandatory=True):
            if required.code not in present:
                missing.append(required.name)
    return missing


@transaction.atomic
def dossier_resubmit(*, code: str, actor: User, version: int) -> Dossier:
    """The applicant sends the dossier again after completing it (or submits a saved draft)."""
    dossier = _begin(code=code, action=Action.SUBMIT, actor=actor, version=version)
    before, now = dossier.status, clock.now()
    dossier.status = Status.SUBMITTED
    dossier.submitted_at = dossier.submitted_at or now
    _change(dossier, kind="submitted", actor=actor, at=now, from_status=before, fields=["submitted_at"])
    for child in dossier.children.select_for_update().order_by("pk"):
        child.status, child.submitted_at = Status.SUBMITTED, child.submitted_at or now
        _change(child, kind="submitted", actor=actor, at=now, from_status=before, fields=["submitted_at"])
    return dossier


@transaction.atomic
def dossier_request_completion(
    *, code: str, actor: User, version: int, items: list[str] | None = None, note: str = ""
) -> Dossier:
    """Guidance (form 02): every missing item at once. The officer's items plus every mandatory component that
    has no document. The clock has not started."""
    dossier = _begin(code=code, action=Action.REQUEST_COMPLETION, actor=actor, version=version)
    missing = list(dict.fromkeys(_items(items) + _missing_components(dossier)))
    if not missing:
        raise ValidationFailed(
            "Liệt kê các giấy tờ, nội dung cần bổ sung, hoàn thiện.",
            "List what must be completed.",
            code="required",
            details={"items": ["required"]},
        )
    before, now = dossier.status, clock.now()
    dossier.status = Status.NEEDS_COMPLETION
    dossier.missing_items = missing
    _change(
        dossier,
        kind="completion_requested",
        actor=actor,
        at=now,
        from_status=before,
        fields=["missing_items"],
        payload={"items": missing, "note": nfc(note or "")},
    )
    return dossier


def _close(dossier: Dossier, *, status: str, reasons: str, now: datetime) -> None:
    dossier.status = status
    dossier.reasons = reasons
    dossier.closed_at = now
    PauseInterval.objects.filter(dossier=dossier, ended_at__isnull=True).update(ended_at=now)
    Step.objects.filter(dossier=dossier, started_at__isnull=False, finished_at__isnull=True).update(
        finished_at=now, outcome=status
    )


@transaction.atomic
def dossier_refuse(*, code: str, actor: User, version: int, reasons: str) -> Dossier:
    """Refusal to receive (form 03), with reasons. Terminal."""
    dossier = _begin(code=code, action=Action.REFUSE, actor=actor, version=version)
    reasons, before, now = _reasons(reasons), dossier.status, clock.now()
    _close(dossier, status=Status.REFUSED, reasons=reasons, now=now)
    _change(
        dossier,
        kind="refused",
        actor=actor,
        at=now,
        from_status=before,
        fields=["reasons", "closed_at"],
        payload={"reasons": reasons},
    )
    for child in dossier.children.select_for_update().order_by("pk"):
        child_before = child.status
        _close(child, status=Status.REFUSED, reasons=reasons, now=now)
        _change(
            child,
            kind="refused",
            actor=actor,
            at=now,
            from_status=child_before,
            fields=["reasons", "closed_at"],
            payload={"reasons": reasons},
        )
    return dossier


# ---------------------------------------------------------------------------------------------------------------
# Receipt: the clock starts


def _amount(value: Decimal | int, kind: str) -> Decimal | int:
    if kind == deadlines.WORKING_DAYS:
        return Decimal(value)
    return int(Decimal(value).to_integral_value(rounding=ROUND_HALF_UP))


def _plan_steps(dossier: Dossier, *, start: datetime, steps: list[Step], calendar: WorkingCalendar) -> None:
    """Due moments of the steps: cumulative budgets from `start`; an express dossier's steps share its due."""
    total = Decimal(0)
    for step in steps:
        if dossier.is_express:
            step.due_at = dossier.due_at
            continue
        total += step.time_budget
        step.due_at = min(
            deadlines.due_moment(
                start=start,
                kind=dossier.time_kind,
                amount=_amount(total, dossier.time_kind),
                calendar=calendar,
            ),
            dossier.due_at,
        )


def _start_clock(
    dossier: Dossier, *, now: datetime, actor: User, kind: str, amount: Decimal | int, express: bool
) -> None:
    agency = dossier.competent_agency
    calendar = deadlines.calendar_for(agency=agency)  # read once for the dossier and all its steps
    dossier.received_at = now
    dossier.started_at = deadlines.effective_start_for(moment=now, calendar=calendar)
    dossier.time_kind, dossier.time_amount = kind, Decimal(amount)
    dossier.is_express = express
    dossier.due_at = deadlines.due_moment(
        start=now, kind=kind, amount=_amount(amount, kind), calendar=calendar
    )
    dossier.status = Status.RECEIVED
    if dossier.procedure_version_id is None:  # a group's parent: no steps of its own
        dossier.current_agency = dossier.receiving_agency
        return
    template = list(dossier.procedure_version.steps.select_related("agency").order_by("order"))
    steps = [
        Step(
            dossier=dossier,
            order=t.order,
            name=t.name,
            agency=t.agency or agency,
            role=t.role,
            time_budget=t.time_budget,
        )
        for t in template
    ]
    _plan_steps(dossier, start=now, steps=steps, calendar=calendar)
    if steps:
        steps[0].started_at = now
        # Receiving is the first step when the template says so: it is done at the counter, now.
        if steps[0].role == Role.RECEIVING_OFFICER and len(steps) > 1:
            steps[0].finished_at, steps[0].outcome, steps[0].assignee = now, "received", actor
            steps[1].started_at = now
    Step.objects.bulk_create(steps)
    known = getattr(dossier, "_prefetched_objects_cache", {}).get("steps")
    if known is not None:  # a dossier created in this transaction: its (empty) steps were known, now these
        known._result_cache.extend(steps)
    current = next((s for s in steps if s.finished_at is None), None)
    dossier.current_step = current
    dossier.current_agency_id = current.agency_id if current else agency.pk


_RECEIPT_FIELDS = [
    "received_at",
    "started_at",
    "due_at",
    "time_kind",
    "time_amount",
    "is_express",
    "current_step",
    "current_agency",
    "missing_items",
]


@transaction.atomic
def dossier_receive(*, code: str, actor: User, version: int, note: str = "") -> Dossier:
    """Receipt (form 01): the clock starts; the due moment and every step's due moment are fixed."""
    dossier = _begin(code=code, action=Action.RECEIVE, actor=actor, version=version)
    return _receive(dossier, actor=actor, note=note)


def _receive(dossier: Dossier, *, actor: User, note: str = "") -> Dossier:
    """The receipt of a dossier the caller holds locked (or created in this transaction), the action allowed."""
    now = clock.now()
    if dossier.outside_boundary:
        missing = _missing_components(dossier, digitized_only=True)
        if missing:
            raise DigitizationRequired(details={"missing": missing})
    before = dossier.status
    dossier.missing_items = []
    children = (  # only a group's parent has children
        list(
            dossier.children.select_for_update(of=("self",))
            .select_related("procedure_version", "competent_agency", "receiving_agency")
            .order_by("pk")
        )
        if dossier.group_id
        else []
    )
    if dossier.group_id:
        group = dossier.group
        _start_clock(
            dossier,
            now=now,
            actor=actor,
            kind=group.processing_time_kind,
            amount=group.processing_time_amount,
            express=False,
        )
    else:
        pv = dossier.procedure_version
        lane = catalog.express_lane_for(
            procedure=pv.procedure, agency=dossier.receiving_agency, channel=dossier.channel, moment=now
        )
        if lane is not None:
            _start_clock(
                dossier,
                now=now,
                actor=actor,
                kind=deadlines.WORKING_MINUTES,
                amount=lane.working_minutes,
                express=True,
            )
        else:
            _start_clock(
                dossier,
                now=now,
                actor=actor,
                kind=pv.processing_time_kind,
                amount=pv.processing_time_amount,
                express=False,
            )
    payload = {
        "due_at": dossier.due_at,
        "express": dossier.is_express,
        "home": dossier.home_service,
        "note": nfc(note or ""),
    }
    _change(
        dossier,
        kind="received",
        actor=actor,
        at=now,
        from_status=before,
        fields=_RECEIPT_FIELDS,
        payload=payload,
        agency_id=dossier.receiving_agency_id,
    )
    for child in children:
        pv = child.procedure_version
        child.missing_items = []
        _start_clock(
            child,
            now=now,
            actor=actor,
            kind=pv.processing_time_kind,
            amount=pv.processing_time_amount,
            express=False,
        )
        _change(
            child,
            kind="received",
            actor=actor,
            at=now,
            from_status=before,
            fields=_RECEIPT_FIELDS,
            payload={"due_at": child.due_at, "parent": dossier.code},
            agency_id=child.receiving_agency_id,
        )
    return dossier


# ---------------------------------------------------------------------------------------------------------------
# Processing


def _user(user_id: int | str | None) -> User | None:
    if user_id in (None, ""):
        return None
    found = User.objects.filter(
        Q(pk=user_id) if str(user_id).isdigit() else Q(username=user_id), is_active=True
    ).first()
    if found is None:
        raise ValidationFailed(
            "Không tìm thấy cán bộ.",
            "No such officer.",
            code="user_not_found",
            details={"to_user": [str(user_id)]},
        )
    return found


def _ensure_can_handle(user: User, step: Step) -> None:
    grants = workflow.grants_of(user)
    if not any(grants.has(role, step.agency_id) for role in {step.role, Role.SPECIALIST, Role.LEADER}):
        raise ValidationFailed(
            "Cán bộ được chọn không xử lý được bước này tại cơ quan này.",
            "The chosen officer cannot handle this step at this agency.",
            code="assignee_not_eligible",
        )


@transaction.atomic
def dossier_assign(*, code: str, actor: User, version: int, to_user: int | str) -> Dossier:
    dossier = _begin(code=code, action=Action.ASSIGN, actor=actor, version=version)
    step = dossier.current_step
    if step is None:
        raise ActionNotAllowed(
            "Hồ sơ không có bước đang xử lý.", "The dossier has no step in progress.", code="no_current_step"
        )
    assignee = _user(to_user)
    _ensure_can_handle(assignee, step)
    step.assignee = assignee
    step.save(update_fields=["assignee"])
    dossier.assignee = assignee
    before, now = dossier.status, clock.now()
    _change(
        dossier,
        kind="assigned",
        actor=actor,
        at=now,
        from_status=before,
        fields=["assignee"],
        payload={"step": step.order, "to_user": assignee.pk},
    )
    return dossier


def _advance(
    *, code: str, action: str, actor: User, version: int, outcome: str, to_user: int | str | None
) -> Dossier:
    dossier = _begin(code=code, action=action, actor=actor, version=version)
    step = dossier.current_step
    if step is None:
        raise ActionNotAllowed(
            "Hồ sơ không có bước đang xử lý.", "The dossier has no step in progress.", code="no_current_step"
        )
    following = dossier.steps.filter(order__gt=step.order).order_by("order").first()
    if action == Action.FORWARD and following is None:
        raise ActionNotAllowed(
            "Đây là bước cuối cùng; không có bước để chuyển.",
            "This is the last step; nothing to forward to.",
            code="no_next_step",
        )
    now, before = clock.now(), dossier.status
    assignee = _user(to_user)
    step.finished_at, step.outcome = now, nfc(outcome or "") or "done"
    step.assignee = step.assignee or actor
    step.save(update_fields=["finished_at", "outcome", "assignee"])
    if following is not None:
        if assignee is not None:
            _ensure_can_handle(assignee, following)
        following.started_at, following.assignee = now, assignee
        following.save(update_fields=["started_at", "assignee"])
        dossier.current_step, dossier.current_agency_id = following, following.agency_id
    else:
        dossier.current_step, dossier.current_agency_id = None, dossier.competent_agency_id
    dossier.assignee = assignee
    dossier.status = Status.IN_PROGRESS
    payload = {
        "step": step.order,
        "step_name": step.name,
        "outcome": step.outcome,
        "from_agency": step.agency_id,
        "to_step": following.order if following else None,
        "to_agency": following.agency_id if following else None,
        "to_user": assignee.pk if assignee else None,
    }
    kind = "forwarded" if action == Action.FORWARD else "step_completed"
    _change(
        dossier,
        kind=kind,
        actor=actor,
        at=now,
        from_status=before,
        fields=["current_step", "current_agency", "assignee"],
        payload=payload,
        agency_id=step.agency_id,
    )
    return dossier


@transaction.atomic
def dossier_complete_step(
    *, code: str, actor: User, version: int, outcome: str = "", to_user: int | str | None = None
) -> Dossier:
    """Finish the current step; the next one (if any) starts now, possibly at another agency."""
    return _advance(
        code=code, action=Action.COMPLETE_STEP, actor=actor, version=version, outcome=outcome, to_user=to_user
    )


@transaction.atomic
def dossier_forward(
    *, code: str, actor: User, version: int, outcome: str = "", to_user: int | str | None = None
) -> Dossier:
    """Hand the dossier over to the next step (and officer): a hand-over on the process-control slip."""
    return _advance(
        code=code, action=Action.FORWARD, actor=actor, version=version, outcome=outcome, to_user=to_user
    )


@transaction.atomic
def dossier_request_supplement(
    *, code: str, actor: User, version: int, reason: str, items: list[str] | None = None
) -> Dossier:
    """A written request listing everything needed, once per agency; the clock pauses."""
    dossier = _begin(code=code, action=Action.REQUEST_SUPPLEMENT, actor=actor, version=version)
    reason = _required_text(
        reason, "reason", "Nêu rõ lý do yêu cầu bổ sung.", "Give the reason for the request."
    )
    items = _items(items)
    if not items:
        raise ValidationFailed(
            "Liệt kê đầy đủ giấy tờ cần bổ sung.",
            "List everything that is needed.",
            code="required",
            details={"items": ["required"]},
        )
    if PauseInterval.objects.filter(dossier=dossier, agency_id=dossier.current_agency_id).exists():
        raise SupplementAlreadyRequested(details={"agency": dossier.current_agency_id})
    now, before = clock.now(), dossier.status
    PauseInterval.objects.create(
        dossier=dossier,
        agency_id=dossier.current_agency_id,
        started_at=now,
        reason=reason,
        items=items,
        requested_by=actor,
    )
    dossier.status = Status.AWAITING_SUPPLEMENT
    dossier.missing_items = items
    _change(
        dossier,
        kind="supplement_requested",
        actor=actor,
        at=now,
        from_status=before,
        fields=["missing_items"],
        payload={"reason": reason, "items": items},
    )
    return dossier


def _shift(moment: datetime | None, minutes: int, agency: Agency) -> datetime | None:
    if moment is None or minutes <= 0:
        return moment
    return deadlines.due_moment(start=moment, kind=deadlines.WORKING_MINUTES, amount=minutes, agency=agency)


@transaction.atomic
def dossier_supplement(*, code: str, actor: User, version: int, note: str = "") -> Dossier:
    """The applicant supplements: the pause ends; the clock resumes (due moments move by the paused working
    time) or restarts from now, as the procedure says."""
    dossier = _begin(code=code, action=Action.SUPPLEMENT, actor=actor, version=version)
    now, before = clock.now(), dossier.status
    pause = PauseInterval.objects.select_for_update().get(dossier=dossier, ended_at__isnull=True)
    pause.ended_at = now
    pause.save(update_fields=["ended_at"])
    agency = dossier.competent_agency
    policy = dossier.procedure_version.supplement_policy
    open_steps = list(dossier.steps.filter(finished_at__isnull=True).order_by("order"))
    if policy == "restart":
        calendar = deadlines.calendar_for(agency=agency)
        dossier.started_at = deadlines.effective_start_for(moment=now, calendar=calendar)
        dossier.due_at = deadlines.due_moment(
            start=now,
            kind=dossier.time_kind,
            amount=_amount(dossier.time_amount, dossier.time_kind),
            calendar=calendar,
        )
        _plan_steps(dossier, start=now, steps=open_steps, calendar=calendar)
        paused = None
    else:
        # Only the paused time before the due moment gives time back: a late dossier stays late.
        paused = deadlines.working_minutes_elapsed(
            start=pause.started_at, end=min(now, max(dossier.due_at, pause.started_at)), agency=agency
        )
        dossier.due_at = _shift(dossier.due_at, paused, agency)
        dossier.rescheduled_due_at = _shift(dossier.rescheduled_due_at, paused, agency)
        for step in open_steps:
            step.due_at = _shift(step.due_at, paused, agency)
    Step.objects.bulk_update(open_steps, ["due_at"])
    dossier.status = Status.IN_PROGRESS
    dossier.missing_items = []
    payload = {
        "policy": policy,
        "paused_working_minutes": paused,
        "due_at": dossier.due_at,
        "note": nfc(note or ""),
    }
    _change(
        dossier,
        kind="supplemented",
        actor=actor,
        at=now,
        from_status=before,
        fields=["due_at", "rescheduled_due_at", "started_at", "missing_items"],
        payload=payload,
    )
    return dossier


@transaction.atomic
def dossier_apologize(*, code: str, actor: User, version: int, reason: str, new_due_at: datetime) -> Dossier:
    """Apology and new appointment (form 04), signed by a leader of the late agency, at least one working day
    before the due moment, at most once. The legal due moment is kept: indicators judge against it."""
    dossier = _begin(code=code, action=Action.APOLOGIZE, actor=actor, version=version)
    reason = _required_text(reason, "reason", "Nêu rõ lý do chậm.", "Give the reason for the delay.")
    if dossier.rescheduled_due_at is not None:
        raise ApologyNotAllowed(
            "Hồ sơ đã có thư xin lỗi và hẹn lại; chỉ được một lần.",
            "The dossier already has an apology; only one is allowed.",
            code="apology_already_given",
        )
    now, before = clock.now(), dossier.status
    agency = dossier.current_agency
    per_day = deadlines.calendar_for(agency=agency).minutes_per_day()
    left = deadlines.working_minutes_elapsed(start=now, end=dossier.due_at, agency=agency)
    if left < per_day:
        raise ApologyNotAllowed(
            "Thư xin lỗi phải gửi chậm nhất một ngày làm việc trước hạn trả kết quả.",
            "An apology must be issued at least one working day before the due moment.",
            code="apology_too_late",
            details={"due_at": dossier.due_at.isoformat(), "working_minutes_left": left},
        )
    if new_due_at is None or new_due_at <= dossier.due_at:
        raise ValidationFailed(
            "Ngày hẹn mới phải sau hạn trả kết quả hiện tại.",
            "The new appointment must come after the current due moment.",
            code="invalid_new_due",
            details={"new_due_at": ["after_due"]},
        )
    dossier.rescheduled_due_at = new_due_at
    _change(
        dossier,
        kind="apologized",
        actor=actor,
        at=now,
        from_status=before,
        fields=["rescheduled_due_at"],
        payload={"reason": reason, "new_due_at": new_due_at, "due_at": dossier.due_at, "signed_by": actor.pk},
    )
    return dossier


@transaction.atomic
def dossier_resolve(*, code: str, actor: User, version: int, outcome: str, reasons: str = "") -> Dossier:
    """The result: approved (a result document must be in the dossier) or denied with reasons."""
    dossier = _begin(code=code, action=Action.RESOLVE, actor=actor, version=version)
    if outcome not in Outcome.values:
        raise ValidationFailed(
            "Chọn kết quả giải quyết.",
            "Choose the outcome.",
            code="invalid_outcome",
            details={"outcome": [str(outcome)]},
        )
    if outcome == Outcome.DENIED:
        reasons = _reasons(reasons)
    else:
        remaining = (
            dossier.steps.filter(finished_at__isnull=True).exclude(pk=dossier.current_step_id).exists()
        )
        if remaining:
            raise ActionNotAllowed(
                "Còn bước xử lý chưa hoàn thành.", "Some steps are not finished.", code="steps_remaining"
            )
        if not DocumentRecord.objects.filter(dossier=dossier, source=Source.ISSUED_RESULT).exists():
            raise ValidationFailed(
                "Cần tải lên văn bản kết quả trước khi phê duyệt.",
                "Upload the result document before approving.",
                code="result_document_required",
            )
        reasons = nfc(reasons or "")
    now, before = clock.now(), dossier.status
    Step.objects.filter(dossier=dossier, started_at__isnull=False, finished_at__isnull=True).update(
        finished_at=now, outcome=outcome
    )
    dossier.status, dossier.outcome, dossier.reasons, dossier.resolved_at = (
        Status.RESOLVED,
        outcome,
        reasons,
        now,
    )
    dossier.current_step, dossier.assignee, dossier.current_agency_id = (
        None,
        None,
        dossier.receiving_agency_id,
    )
    _change(
        dossier,
        kind="resolved",
        actor=actor,
        at=now,
        from_status=before,
        fields=["outcome", "reasons", "resolved_at", "current_step", "assignee", "current_agency"],
        payload={"outcome": outcome, "reasons": reasons},
        agency_id=dossier.competent_agency_id,
    )
    _settle_parent(dossier, actor=actor, now=now)
    return dossier


def _settle_parent(child: Dossier, *, actor: User, now: datetime) -> None:
    """A group's parent is resolved when none of its children is still being handled."""
    if child.parent_id is None:
        return
    parent = Dossier.objects.select_for_update().get(pk=child.parent_id)
    if parent.status not in OPEN_STATUSES:
        return
    children = list(Dossier.objects.filter(parent=parent).values_list("status", "outcome"))
    if any(status not in (Status.RESOLVED, Status.STOPPED, Status.WITHDRAWN) for status, _ in children):
        return
    approved = all(outcome == Outcome.APPROVED for status, outcome in children if status == Status.RESOLVED)
    before = parent.status
    parent.status, parent.resolved_at = Status.RESOLVED, now
    parent.outcome = (
        Outcome.APPROVED if approved and any(s == Status.RESOLVED for s, _ in children) else Outcome.DENIED
    )
    _change(
        parent,
        kind="resolved",
        actor=actor,
        at=now,
        from_status=before,
        fields=["outcome", "resolved_at"],
        payload={"outcome": parent.outcome, "children": len(children)},
    )


@transaction.atomic
def dossier_return(*, code: str, actor: User, version: int, note: str = "") -> Dossier:
    """The result is handed back (a group's results together)."""
    dossier = _begin(code=code, action=Action.RETURN, actor=actor, version=version)
    now, before = clock.now(), dossier.status
    dossier.status, dossier.returned_at, dossier.closed_at = Status.RETURNED, now, now
    _change(
        dossier,
        kind="returned",
        actor=actor,
        at=now,
        from_status=before,
        fields=["returned_at", "closed_at"],
        payload={"note": nfc(note or ""), "home": dossier.home_service},
    )
    for child in dossier.children.select_for_update().filter(status=Status.RESOLVED).order_by("pk"):
        child.status, child.returned_at, child.closed_at = Status.RETURNED, now, now
        _change(
            child,
            kind="returned",
            actor=actor,
            at=now,
            from_status=Status.RESOLVED,
            fields=["returned_at", "closed_at"],
            payload={"parent": dossier.code},
        )
    return dossier


def _terminate(
    dossier: Dossier,
    *,
    status: str,
    kind: str,
    reasons: str,
    actor: User,
    now: datetime,
    payload: dict[str, Any],
) -> None:
    """Close a dossier for good (stopped or withdrawn): no current step, nobody assigned."""
    before = dossier.status
    _close(dossier, status=status, reasons=reasons, now=now)
    dossier.current_step, dossier.assignee = None, None
    _change(
        dossier,
        kind=kind,
        actor=actor,
        at=now,
        from_status=before,
        fields=["reasons", "closed_at", "current_step", "assignee"],
        payload=payload,
    )


@transaction.atomic
def dossier_stop(*, code: str, actor: User, version: int, reasons: str) -> Dossier:
    """Stop handling (form 05), with reasons. Terminal."""
    dossier = _begin(code=code, action=Action.STOP, actor=actor, version=version)
    reasons, now = _reasons(reasons), clock.now()
    _terminate(
        dossier,
        status=Status.STOPPED,
        kind="stopped",
        reasons=reasons,
        actor=actor,
        now=now,
        payload={"reasons": reasons},
    )
    _settle_parent(dossier, actor=actor, now=now)
    return dossier


@transaction.atomic
def dossier_withdraw(*, code: str, actor: User, version: int, reasons: str) -> Dossier:
    """The applicant withdraws the dossier before its result, with reasons. Terminal."""
    dossier = _begin(code=code, action=Action.WITHDRAW, actor=actor, version=version)
    reasons, now = _reasons(reasons), clock.now()
    _terminate(
        dossier,
        status=Status.WITHDRAWN,
        kind="withdrawn",
        reasons=reasons,
        actor=actor,
        now=now,
        payload={"reasons": reasons},
    )
    # Children are locked in primary-key order, after their parent (see _lock).
    open_children = (
        dossier.children.select_for_update()
        .exclude(
            status__in=[Status.RESOLVED, Status.STOPPED, Status.REFUSED, Status.WITHDRAWN, Status.RETURNED]
        )
        .order_by("pk")
    )
    for child in open_children:
        _terminate(
            child,
            status=Status.WITHDRAWN,
            kind="withdrawn",
            reasons=reasons,
            actor=actor,
            now=now,
            payload={"parent": dossier.code},
        )
    return dossier


# ---------------------------------------------------------------------------------------------------------------
# Documents, rating, idempotent submission


def _may_upload(dossier: Dossier, actor: User, source: str) -> bool:
    grants = workflow.grants_of(actor)
    handling = {dossier.receiving_agency_id, dossier.current_agency_id, dossier.competent_agency_id}
    officer = any(
        grants.has(role, agency)
        for agency in handling
        for role in (Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER)
    )
    if source in (Source.DIGITIZED, Source.ISSUED_RESULT):
        return officer
    return officer or (dossier.applicant_id is not None and dossier.applicant_id == actor.pk)


@transaction.atomic
def dossier_add_document(
    *,
    code: str,
    actor: User,
    file,
    component_code: str = "",
    source: str = Source.UPLOADED,
    signed: bool = False,
) -> DocumentRecord:
    """Attach a file (checked by content) to a dossier that is not closed."""
    dossier = _lock(code)
    if source not in Source.values:
        raise ValidationFailed(
            "Nguồn giấy tờ không hợp lệ.",
            "Unknown document source.",
            code="invalid_source",
            details={"source": [str(source)]},
        )
    if not actor.is_authenticated or not _may_upload(dossier, actor, source):
        raise PermissionDenied()
    if dossier.status in (Status.RETURNED, Status.REFUSED, Status.STOPPED, Status.WITHDRAWN):
        raise ActionNotAllowed(
            "Hồ sơ đã kết thúc; không thể thêm giấy tờ.",
            "The dossier is closed; no documents can be added.",
            code="dossier_closed",
        )
    component_code = (component_code or "").strip()
    if component_code and (
        dossier.procedure_version_id is None
        or not dossier.procedure_version.documents.filter(code=component_code).exists()
    ):
        raise ValidationFailed(
            "Thành phần hồ sơ không thuộc thủ tục này.",
            "This component is not part of the procedure.",
            code="invalid_component",
            details={"component_code": [component_code]},
        )
    checked = check_upload(file=file)
    now = clock.now()
    record = document_record_create(
        dossier_id=dossier.pk,
        file=file,
        checked=checked,
        component_code=component_code,
        source=source,
        uploaded_by_id=actor.pk,
        at=now,
        signed=signed,
    )
    append_event(
        dossier=dossier,
        kind="document_added",
        actor=actor,
        agency_id=None,
        at=now,
        from_status=dossier.status,
        to_status=dossier.status,
        payload={
            "document": record.pk,
            "component": component_code,
            "source": source,
            "sha256": checked.sha256,
        },
    )
    return record


@transaction.atomic
def dossier_rate(*, code: str, actor: User, level: str, comment: str = "") -> Rating:
    dossier = _lock(code)
    if dossier.applicant_id is None or dossier.applicant_id != actor.pk:
        raise PermissionDenied("Chỉ người nộp hồ sơ được đánh giá.", "Only the applicant may rate.")
    if dossier.status not in (Status.RESOLVED, Status.RETURNED):
        raise ActionNotAllowed(
            "Chỉ đánh giá được sau khi có kết quả.",
            "Rating is possible only after the result.",
            code="not_resolved",
        )
    if level not in Rating.Level.values:
        raise ValidationFailed(
            "Chọn mức độ hài lòng.",
            "Choose a satisfaction level.",
            code="invalid_level",
            details={"level": [str(level)]},
        )
    if Rating.objects.filter(dossier=dossier).exists():
        raise ActionNotAllowed(
            "Hồ sơ đã được đánh giá.", "The dossier has already been rated.", code="already_rated"
        )
    now = clock.now()
    rating = Rating.objects.create(
        dossier=dossier, level=level, comment=nfc(comment or ""), rated_by=actor, rated_at=now
    )
    append_event(
        dossier=dossier,
        kind="rated",
        actor=actor,
        agency_id=None,
        at=now,
        from_status=dossier.status,
        to_status=dossier.status,
        payload={"level": level},
    )
    return rating


def submit_idempotent(
    *, user: User, key: str, request_hash: str, perform: Callable[[], tuple[int, dict, Dossier | None]]
) -> tuple[int, dict]:
    """Run `perform` once per (user, key): a retry gets the first answer, never a second dossier.

    Optimistic: a first attempt (by far the common case) is not looked up beforehand. The key row is inserted in
    the same transaction as the dossier; a retry or a concurrent twin fails on the unique constraint, rolls back
    (its dossier and code number with it) and answers with the first result. A retry that fails validation
    where the first attempt passed (the procedure was withdrawn since, say) also gets the first answer.
    """
    key = (key or "").strip()[:255]

    def replay_or_raise(error: Exception) -> tuple[int, dict]:
        # Not .first(): no ORDER BY is needed on the unique (user, key) index.
        found = next(iter(IdempotencyKey.objects.filter(user=user, key=key)[:1]), None)
        if found is None:
            raise error
        if not hmac.compare_digest(found.request_hash, request_hash):
            raise IdempotencyKeyReused(details={"key": key})
        return found.response_status, found.response_body

    try:
        with transaction.atomic():
            status, body, dossier = perform()
            insert_new(
                IdempotencyKey(
                    user=user,
                    key=key,
                    request_hash=request_hash,
                    dossier=dossier,
                    response_status=status,
                    response_body=body,
                    created_at=clock.now(),
                )
            )
    except (IntegrityError, ApplicationError) as error:
        return replay_or_raise(error)
    return status, body


ACTIONS: dict[str, Callable[..., Dossier]] = {
    Action.SUBMIT: dossier_resubmit,
    Action.RECEIVE: dossier_receive,
    Action.REQUEST_COMPLETION: dossier_request_completion,
    Action.REFUSE: dossier_refuse,
    Action.ASSIGN: dossier_assign,
    Action.FORWARD: dossier_forward,
    Action.COMPLETE_STEP: dossier_complete_step,
    Action.REQUEST_SUPPLEMENT: dossier_request_supplement,
    Action.SUPPLEMENT: dossier_supplement,
    Action.APOLOGIZE: dossier_apologize,
    Action.RESOLVE: dossier_resolve,
    Action.RETURN: dossier_return,
    Action.STOP: dossier_stop,
    Action.WITHDRAW: dossier_withdraw,
}
