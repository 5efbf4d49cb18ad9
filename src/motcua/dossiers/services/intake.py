"""Intake: submission (online, counter, post, home), resubmission, completion guidance, refusal."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from django.db import transaction

from motcua.accounts.models import Role, User
from motcua.catalog import selectors as catalog
from motcua.catalog.models import Channel, ProcedureGroup, ProcedureVersion
from motcua.core import clock
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.core.row_insert import insert_new
from motcua.core.text import nfc
from motcua.organization.models import AdministrativeUnit, Agency
from motcua.organization.selectors import active_agency_with_unit, one_stop_section_for

from .. import filing, scope, workflow
from ..delivery import ensure_result_delivery_allowed
from ..errors import BoundaryNotAllowed
from ..guards import missing_components
from ..models import Dossier, EventKind, FeeStatus, Status
from ..selectors_drafts import STEP_APPLICANT
from ..validation import normalize_phone, validate_personal_id
from ..workflow import Action
from .common import (
    _begin,
    _change,
    _change_with_children,
    _close,
    _items,
    _reasons,
    _required_text,
    next_code,
)
from .events import append_event
from .receipt import _receive, dossier_receive

PROFILE_FIELDS = (
    "personal_id",
    "sex",
    "phone",
    "email",
    "address_street",
    "address_commune",
    "address_province",
)


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

    @classmethod
    def from_values(cls, values: Mapping[str, Any], **overrides: Any) -> ApplicantData:
        """From the cleaned values of a person form or serializer: every key that names a field here. The
        person forms call the commune `address_commune`, as the profile does."""
        names = {f.name for f in fields(cls)}
        data = {name: values[name] for name in names if name in values}
        if "address_unit_text" not in data and "address_commune" in values:
            data["address_unit_text"] = values["address_commune"]
        return cls(**{**data, **overrides})

    @classmethod
    def of_user(cls, user: User) -> ApplicantData:
        """The details an account keeps in its profile, to start an application for oneself."""
        profile = {name: getattr(user, name) or "" for name in PROFILE_FIELDS}
        return cls.from_values(
            profile,
            name=user.full_name or user.get_full_name() or user.display_name,
            birth_date=user.birth_date,
        )

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
    """The receiving agency is the competent one, sits in its area (same unit or a unit under it), or is the
    one-stop section that serves it (DOMAIN.md §3.3): only a dossier received elsewhere is outside the boundary."""
    if receiving.pk == competent.pk or receiving.administrative_unit_id == competent.administrative_unit_id:
        return True
    unit = receiving.administrative_unit
    if unit.parent_id is not None and unit.parent_id == competent.administrative_unit_id:
        return True
    if competent.one_stop_section_id == receiving.pk:
        return True
    try:
        return one_stop_section_for(competent).pk == receiving.pk
    except ValidationFailed:
        return False


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


def receiving_agency_for_area(*, version: ProcedureVersion, unit: AdministrativeUnit | None) -> Agency:
    """The one-stop section that receives a dossier of `version` from an applicant living in `unit` when they
    name none: the one serving the competent agency for that area (DOMAIN.md §3.3), never an agency without
    receiving officers."""
    return one_stop_section_for(
        catalog.competent_agency_for(version=version, applicant_unit=unit, receiving_agency=None)
    )


def ensure_counter_consent(*, channel: str, on_behalf_consent: bool) -> None:
    """An officer enters a counter, postal or home dossier only with the applicant's consent recorded."""
    if channel != Channel.ONLINE and not on_behalf_consent:
        raise ValidationFailed(
            "Cần ghi nhận sự đồng ý của người nộp khi cán bộ nhập hồ sơ thay.",
            "Record the applicant's consent when an officer enters the dossier for them.",
            code="consent_required",
            details={"on_behalf_consent": ["required"]},
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


# The receipt's lookup secret: 10 characters from 31 letters and digits without look-alikes (no 0/O, 1/I/L),
# about 50 bits: out of reach of guessing at the lookup's throttled rate, short enough to type from paper.
LOOKUP_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LOOKUP_SECRET_LENGTH = 10


# Random bytes below 248 (8 x 31) map evenly onto the alphabet; the others are skipped, so no letter is likelier.
_EVEN_BYTES = len(LOOKUP_ALPHABET) * (256 // len(LOOKUP_ALPHABET))


def lookup_secrets(count: int) -> list[str]:
    """`count` new lookup secrets, from one read of the system's random source for all of them (a bulk import
    makes one per dossier)."""
    wanted = count * LOOKUP_SECRET_LENGTH
    letters: list[str] = []
    while len(letters) < wanted:
        chunk = secrets.token_bytes(wanted - len(letters) + 16)
        letters.extend(LOOKUP_ALPHABET[b % len(LOOKUP_ALPHABET)] for b in chunk if b < _EVEN_BYTES)
    return ["".join(letters[i : i + LOOKUP_SECRET_LENGTH]) for i in range(0, wanted, LOOKUP_SECRET_LENGTH)]


def _lookup_secret() -> str:
    return lookup_secrets(1)[0]


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
    on_behalf: filing.OnBehalf | None,
    outside_boundary: bool,
    result_delivery: str,
    applicant_confirmed: bool,
) -> Dossier:
    """The dossier row and its first event. `code` is drawn just before the row is written: drawing a number
    locks the agency's day counter until commit, so everything that can be prepared is prepared before."""
    fee = _fee_total(version) if version is not None else 0
    consented = on_behalf_consent or on_behalf is not None
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
        lookup_secret=_lookup_secret(),
        filed_by=actor,
        on_behalf_consent=consented,
        on_behalf_relationship=on_behalf.relationship if on_behalf else "",
        on_behalf_consent_at=now if consented else None,
        on_behalf_note=nfc(on_behalf.note) if on_behalf else "",
        result_delivery=result_delivery,
        created_at=now,
    )
    dossier.code = code()
    insert_new(dossier)
    scope.include(dossiers=[dossier])  # the receiving and the competent agency see it from now on
    append_event(
        dossier=dossier,
        kind=EventKind.SUBMITTED if status != Status.DRAFT else EventKind.DRAFTED,
        actor=actor,
        agency_id=receiving.pk,
        at=now,
        to_status=status,
        payload={
            "channel": channel,
            "procedure": version.procedure.code if version else None,
            "filed_by": actor.pk,
            "on_behalf": _on_behalf_payload(dossier),
            # A draft whose applicant's details the filer gave with it: the form's applicant step is done.
            **({"step": STEP_APPLICANT} if applicant_confirmed and status == Status.DRAFT else {}),
        },
        first=True,
    )
    _known_empty(dossier, *FRESH_RELATIONS)
    if parent is not None:
        parent._prefetched_objects_cache["children"]._result_cache.append(dossier)
    return dossier


def _on_behalf_payload(dossier: Dossier) -> dict[str, Any] | None:
    """What the submission event records about consent: who is related how, and when consent was recorded."""
    if not dossier.on_behalf_consent:
        return None
    return {
        "relationship": dossier.on_behalf_relationship or None,
        "consent_at": dossier.on_behalf_consent_at,
        "note": dossier.on_behalf_note,
    }


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
    on_behalf: filing.OnBehalf | None = None,
    draft: bool = False,
    receive_now: bool = False,
    home_applicant: User | None = None,
    result_delivery: str = "",
    applicant_confirmed: bool = False,
) -> Dossier:
    """A new dossier: online by its applicant (for themselves, or for someone else with `on_behalf` consent),
    or at a counter, by post or at home by a receiving officer (with the applicant's `on_behalf_consent`).
    Staff do not file online and the inspector never files (see dossiers.filing). The filing account is
    recorded as `filed_by`.

    An officer may receive it at once (`receive_now`), after checking it with the applicant at the counter.
    An interconnected group gives one parent (one code, one receipt) with a child per member procedure.
    A dossier received at home for a citizen's request (`home_applicant`) belongs to the requesting account.
    `result_delivery`: how the applicant receives the result, among the ways every procedure allows.
    `applicant_confirmed`: the filer gave the applicant's details with a draft (the API), so the draft's
    applicant step counts as done; the online form starts from the account's profile and asks to confirm.
    """
    if not actor.is_authenticated:
        raise PermissionDenied()
    now = clock.now()
    data = applicant.cleaned()
    filing.ensure_may_file(
        actor=actor, channel=channel, name=data.name, personal_id=data.personal_id, on_behalf=on_behalf
    )
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
    if result_delivery:
        ensure_result_delivery_allowed(delivery=result_delivery, versions=versions)
    ensure_counter_consent(channel=channel, on_behalf_consent=on_behalf_consent)

    def competent(v: ProcedureVersion, receiving: Agency | None) -> Agency:
        return catalog.competent_agency_for(
            version=v, applicant_unit=data.address_unit, receiving_agency=receiving
        )

    receiving = _receiving_agency_for(
        actor=actor,
        channel=channel,
        code=receiving_agency_code,
        # Online without a named place: the one-stop section serving the competent agency, never an agency
        # without receiving officers.
        fallback=lambda: receiving_agency_for_area(version=versions[0], unit=data.address_unit),
    )
    competents = [competent(v, receiving) for v in versions]
    outside = [not _within(receiving, c) for c in competents]
    for v, out in zip(versions, outside, strict=True):
        if out and not v.boundary_free:
            raise BoundaryNotAllowed(
                details={"procedure": v.procedure.code, "receiving_agency": receiving.code}
            )
    owner = actor if channel == Channel.ONLINE else None
    if channel == Channel.HOME and home_applicant is not None:
        owner = home_applicant
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
        "on_behalf": on_behalf,
        "result_delivery": result_delivery,
        "applicant_confirmed": applicant_confirmed,
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


@transaction.atomic
def dossier_resubmit(*, code: str, actor: User, version: int) -> Dossier:
    """The applicant sends the dossier again after completing it (or submits a saved draft)."""
    dossier = _begin(code=code, action=Action.SUBMIT, actor=actor, version=version)
    now = clock.now()

    def submit(row: Dossier) -> None:
        row.status, row.submitted_at = Status.SUBMITTED, row.submitted_at or now

    _change_with_children(
        dossier, submit, kind=EventKind.SUBMITTED, actor=actor, at=now, fields=["submitted_at"]
    )
    return dossier


@transaction.atomic
def dossier_request_completion(
    *,
    code: str,
    actor: User,
    version: int,
    items: list[str] | None = None,
    note: str = "",
    held_on_paper: Collection[str] = (),
) -> Dossier:
    """Guidance (form 02): every missing item at once. The officer's items plus every mandatory component that
    has no document, except those whose paper the counter officer has checked (`held_on_paper`, component
    codes). The clock has not started."""
    dossier = _begin(code=code, action=Action.REQUEST_COMPLETION, actor=actor, version=version)
    missing = list(dict.fromkeys(_items(items) + missing_components(dossier, held_on_paper=held_on_paper)))
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
        kind=EventKind.COMPLETION_REQUESTED,
        actor=actor,
        at=now,
        from_status=before,
        fields=["missing_items"],
        payload={"items": missing, "note": nfc(note or "")},
    )
    return dossier


@transaction.atomic
def dossier_refuse(*, code: str, actor: User, version: int, reasons: str) -> Dossier:
    """Refusal to receive (form 03), with reasons. Terminal."""
    dossier = _begin(code=code, action=Action.REFUSE, actor=actor, version=version)
    reasons, now = _reasons(reasons), clock.now()

    def refuse(row: Dossier) -> dict[str, Any]:
        _close(row, status=Status.REFUSED, reasons=reasons, now=now)
        return {"reasons": reasons}

    _change_with_children(
        dossier, refuse, kind=EventKind.REFUSED, actor=actor, at=now, fields=["reasons", "closed_at"]
    )
    return dossier
