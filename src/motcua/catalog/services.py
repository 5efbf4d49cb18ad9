"""Writes to the catalog: drafts, validation and publishing of procedure versions, the search keys.

A procedure's content lives in numbered versions. Editing happens on a draft copied from the version in force;
publishing the draft supersedes the previous version in one transaction. Dossiers keep the version they were
received under, so a published version is never changed again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max

from motcua.accounts.models import Role
from motcua.core import clock
from motcua.core.text import nfc, search_key

from .errors import PublishValidationFailed, VersionNotDraft
from .models import (
    Channel,
    FeeLine,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    ProcessingTimeKind,
    ProcessStep,
    RequiredDocument,
    Sector,
)

# Roles that may own a process step (the applicant, inspectors and administrators never do).
STEP_ROLES = (Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER)

VERSION_CONTENT_FIELDS = (
    "name",
    "name_en",
    "description",
    "authority_level",
    "competent_agency",
    "competent_agency_kind",
    "processing_time_kind",
    "processing_time_amount",
    "max_extension",
    "online_level",
    "channels",
    "result_form",
    "result_name",
    "boundary_free",
    "home_service_eligible",
    "supplement_policy",
    "applicant_kinds",
    "legal_basis",
    "effective_from",
    "effective_to",
)
DOCUMENT_FIELDS = ("order", "code", "name", "name_en", "originals", "copies", "mandatory", "reusable_kind")
FEE_FIELDS = ("order", "name", "name_en", "amount", "exemption")
STEP_FIELDS = ("order", "name", "name_en", "agency", "role", "time_budget")

_UNIT_VI = {
    ProcessingTimeKind.WORKING_DAYS: "ngày làm việc",
    ProcessingTimeKind.WORKING_MINUTES: "phút làm việc",
    ProcessingTimeKind.CALENDAR_DAYS: "ngày",
}
_UNIT_EN = {
    ProcessingTimeKind.WORKING_DAYS: "working days",
    ProcessingTimeKind.WORKING_MINUTES: "working minutes",
    ProcessingTimeKind.CALENDAR_DAYS: "calendar days",
}


@dataclass
class VersionContent:
    """Everything a version says, detached from the database (used by import, demo and comparison)."""

    fields: dict[str, Any]
    documents: list[dict[str, Any]] = field(default_factory=list)
    fees: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, version: ProcedureVersion) -> VersionContent:
        return cls(
            fields={name: getattr(version, name) for name in VERSION_CONTENT_FIELDS},
            documents=[{f: getattr(d, f) for f in DOCUMENT_FIELDS} for d in version.documents.all()],
            fees=[{f: getattr(fee, f) for f in FEE_FIELDS} for fee in version.fees.all()],
            steps=[{f: getattr(s, f) for f in STEP_FIELDS} for s in version.steps.all()],
        )

    def normalized(self) -> tuple:
        """A comparable form: equal when publishing would change nothing a user can see."""

        def norm(value: Any) -> Any:
            if isinstance(value, Decimal):
                return value.normalize()
            if hasattr(value, "pk"):
                return ("pk", value.pk)
            if isinstance(value, str):
                return nfc(value)
            if isinstance(value, list):
                return tuple(norm(v) for v in value)
            return value

        def rows(items: list[dict[str, Any]]) -> tuple:
            return tuple(tuple(sorted((k, norm(v)) for k, v in item.items())) for item in items)

        # A field the content leaves out is the model's default (content written before the field existed).
        defaults = {n: ProcedureVersion._meta.get_field(n).get_default() for n in VERSION_CONTENT_FIELDS}
        return (
            tuple(sorted((k, norm(v)) for k, v in {**defaults, **self.fields}.items())),
            rows(self.documents),
            rows(self.fees),
            rows(self.steps),
        )


def _problem(field_name: str, vi: str, en: str) -> dict[str, str]:
    return {"field": field_name, "message_vi": vi, "message_en": en}


def version_problems(*, content: VersionContent) -> list[dict[str, str]]:
    """Every reason this content cannot be published, as {"field", "message_vi", "message_en"}."""
    f = content.fields
    problems: list[dict[str, str]] = []
    if not (f.get("name") or "").strip():
        problems.append(_problem("name", "Nhập tên thủ tục.", "Enter the procedure's name."))
    amount = f.get("processing_time_amount") or 0
    kind = f.get("processing_time_kind")
    if kind not in ProcessingTimeKind.values:
        problems.append(
            _problem("processing_time_kind", "Đơn vị thời hạn không hợp lệ.", "The time unit is not valid.")
        )
        kind = ProcessingTimeKind.WORKING_DAYS
    if amount <= 0:
        problems.append(
            _problem(
                "processing_time_amount",
                "Thời hạn giải quyết phải lớn hơn 0.",
                "The legal processing time must be greater than 0.",
            )
        )
    if f.get("max_extension") is not None and f["max_extension"] <= 0:
        problems.append(
            _problem(
                "max_extension",
                "Thời gian gia hạn tối đa phải lớn hơn 0 (để trống: gấp đôi thời hạn giải quyết).",
                "The maximum extension must be greater than 0 (blank: twice the processing time).",
            )
        )
    if not f.get("competent_agency") and not f.get("competent_agency_kind"):
        problems.append(
            _problem(
                "competent_agency",
                "Chọn cơ quan có thẩm quyền hoặc loại cơ quan có thẩm quyền.",
                "Choose the competent agency or the kind of competent agency.",
            )
        )
    problems += _channel_problems(f.get("channels"), f.get("online_level"))
    if f.get("effective_from") and f.get("effective_to") and f["effective_to"] < f["effective_from"]:
        problems.append(
            _problem(
                "effective_to",
                "Ngày hết hiệu lực phải sau ngày có hiệu lực.",
                "The end of validity must come after its start.",
            )
        )
    problems += _step_problems(content.steps, amount, kind)
    codes = [d.get("code") for d in content.documents]
    if len(codes) != len(set(codes)):
        problems.append(
            _problem(
                "documents",
                "Mã thành phần hồ sơ bị trùng.",
                "Two required documents have the same code.",
            )
        )
    return problems


def _channel_problems(channels: Any, online_level: Any) -> list[dict[str, str]]:
    problems = []
    if not isinstance(channels, list) or not channels:
        return [_problem("channels", "Chọn ít nhất một cách thức nộp.", "Choose at least one channel.")]
    unknown = [c for c in channels if c not in Channel.values]
    if unknown:
        problems.append(
            _problem(
                "channels",
                f"Cách thức nộp không hợp lệ: {', '.join(map(str, unknown))}. "
                f"Dùng: {', '.join(Channel.values)}.",
                f"Unknown channel: {', '.join(map(str, unknown))}. Use: {', '.join(Channel.values)}.",
            )
        )
    if len(set(channels)) != len(channels):
        problems.append(_problem("channels", "Cách thức nộp bị lặp.", "A channel is listed twice."))
    if online_level not in OnlineLevel.values:
        problems.append(
            _problem("online_level", "Mức độ trực tuyến không hợp lệ.", "The online level is not valid.")
        )
    elif online_level != OnlineLevel.NONE and Channel.ONLINE not in channels:
        problems.append(
            _problem(
                "online_level",
                "Dịch vụ công trực tuyến (toàn trình hoặc một phần) phải có cách thức nộp trực tuyến.",
                "An online service (full-process or partial) must offer the online channel.",
            )
        )
    elif online_level == OnlineLevel.NONE and Channel.ONLINE in channels:
        problems.append(
            _problem(
                "online_level",
                "Thủ tục không trực tuyến thì không được có cách thức nộp trực tuyến.",
                "A procedure that is not online cannot offer the online channel.",
            )
        )
    return problems


def _step_problems(steps: list[dict[str, Any]], amount: int, kind: str) -> list[dict[str, str]]:
    if not steps:
        return [
            _problem("steps", "Quy trình xử lý cần ít nhất một bước.", "The process needs at least one step.")
        ]
    problems = []
    orders = [s.get("order") for s in steps]
    if len(set(orders)) != len(orders):
        problems.append(
            _problem("steps", "Thứ tự các bước xử lý bị trùng.", "Two process steps have the same order.")
        )
    for step in steps:
        if step.get("role") not in STEP_ROLES:
            problems.append(
                _problem(
                    "steps",
                    f"Bước {step.get('order')}: vai trò phải là một trong {', '.join(STEP_ROLES)}.",
                    f"Step {step.get('order')}: the role must be one of {', '.join(STEP_ROLES)}.",
                )
            )
        if Decimal(step.get("time_budget") or 0) <= 0:
            problems.append(
                _problem(
                    "steps",
                    f"Bước {step.get('order')}: thời gian phải lớn hơn 0.",
                    f"Step {step.get('order')}: the time budget must be greater than 0.",
                )
            )
    total = sum((Decimal(s.get("time_budget") or 0) for s in steps), Decimal(0))
    if amount and total > amount:
        problems.append(
            _problem(
                "steps",
                f"Tổng thời gian các bước ({total.normalize():f} {_UNIT_VI[kind]}) vượt thời hạn giải quyết "
                f"({amount} {_UNIT_VI[kind]}).",
                f"The steps' time budgets add up to {total.normalize():f} {_UNIT_EN[kind]}, more than the legal "
                f"time of {amount} {_UNIT_EN[kind]}.",
            )
        )
    return problems


def _fill_version(version: ProcedureVersion, content: VersionContent) -> None:
    """Replace the draft's documents, fees and steps with the content's (the draft is still private)."""
    for name, value in content.fields.items():
        setattr(version, name, nfc(value) if isinstance(value, str) else value)
    version.save()
    version.documents.all().delete()
    version.fees.all().delete()
    version.steps.all().delete()
    RequiredDocument.objects.bulk_create(RequiredDocument(version=version, **d) for d in content.documents)
    FeeLine.objects.bulk_create(FeeLine(version=version, **fee) for fee in content.fees)
    ProcessStep.objects.bulk_create(ProcessStep(version=version, **s) for s in content.steps)


def _ensure_draft(version: ProcedureVersion) -> None:
    if version.status != ProcedureVersion.Status.DRAFT:
        raise VersionNotDraft(
            f"Phiên bản {version} đã công bố, không sửa được. Hãy tạo bản nháp mới.",
            f"Version {version} is already published and cannot change. Create a new draft.",
        )


@transaction.atomic
def version_create_draft(*, procedure: Procedure) -> ProcedureVersion:
    """A draft copied from the version in force (documents, fees, steps and templates included).

    If the procedure already has a draft, that draft is returned: there is one place to edit.
    """
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    existing = procedure.versions.filter(status=ProcedureVersion.Status.DRAFT).first()
    if existing is not None:
        return existing
    source = procedure.current_version or procedure.versions.order_by("-number").first()
    number = (procedure.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    if source is None:
        raise VersionNotDraft(
            "Thủ tục chưa có phiên bản nào để sao chép.", "The procedure has no version to copy from."
        )
    draft = ProcedureVersion(procedure=procedure, number=number, status=ProcedureVersion.Status.DRAFT)
    _fill_version(draft, VersionContent.of(source))
    # Templates are files: keep pointing at the same stored files.
    templates = {d.code: d.template.name for d in source.documents.all() if d.template}
    for document in draft.documents.filter(code__in=templates):
        document.template.name = templates[document.code]
        document.save(update_fields=["template"])
    return draft


@transaction.atomic
def version_update_draft(*, version: ProcedureVersion, content: VersionContent) -> ProcedureVersion:
    _ensure_draft(version)
    _fill_version(version, content)
    return version


@transaction.atomic
def version_publish(*, version: ProcedureVersion) -> ProcedureVersion:
    """Publish a draft: the previous version is superseded and the procedure points at this one."""
    procedure = Procedure.objects.select_for_update().get(pk=version.procedure_id)
    version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    _ensure_draft(version)
    problems = version_problems(content=VersionContent.of(version))
    if problems:
        raise PublishValidationFailed(problems)
    procedure.versions.filter(status=ProcedureVersion.Status.PUBLISHED).update(
        status=ProcedureVersion.Status.SUPERSEDED
    )
    version.status = ProcedureVersion.Status.PUBLISHED
    version.published_at = clock.now()
    version.save(update_fields=["status", "published_at", "updated_at"])
    procedure.current_version = version
    procedure.name = version.name
    procedure.name_en = version.name_en
    procedure.authority_level = version.authority_level
    procedure.save(update_fields=["current_version", "name", "name_en", "authority_level", "updated_at"])
    procedure_refresh_search(procedure=procedure)
    return version


def procedure_refresh_search(*, procedure: Procedure) -> None:
    """Recompute the normalized search columns from the names, code, sector and competent agency."""
    version = procedure.current_version
    agency = version.competent_agency if version and version.competent_agency_id else None
    parts = [
        procedure.name,
        procedure.name_en,
        procedure.code,
        procedure.sector.name,
        procedure.sector.name_en,
    ]
    if agency is not None:
        parts += [agency.name, agency.name_en]
    procedure.search_name = search_key(procedure.name)
    procedure.search_name_en = search_key(procedure.name_en)
    procedure.search_text = search_key(" ".join(p for p in parts if p))
    procedure.save(update_fields=["search_name", "search_name_en", "search_text"])


@transaction.atomic
def procedure_publish_content(
    *, code: str, sector: Sector, content: VersionContent, is_sample: bool = False
) -> tuple[Procedure, bool]:
    """Create or update a procedure so that its version in force says `content`.

    Publishes a new version only when something changed. Returns (procedure, published_a_new_version).
    Raises PublishValidationFailed without saving anything when the content is not valid.
    """
    problems = version_problems(content=content)
    if problems:
        raise PublishValidationFailed(problems)
    f = content.fields
    procedure = Procedure.objects.select_for_update().filter(code=code).first()
    if procedure is None:
        procedure = Procedure.objects.create(
            code=code,
            sector=sector,
            name=f["name"],
            name_en=f.get("name_en", ""),
            authority_level=f["authority_level"],
            is_sample=is_sample,
        )
    elif procedure.sector_id != sector.pk or procedure.is_sample != is_sample:
        procedure.sector = sector
        procedure.is_sample = is_sample
        procedure.save(update_fields=["sector", "is_sample", "updated_at"])
    current = procedure.current_version
    if current is not None and VersionContent.of(current).normalized() == content.normalized():
        procedure_refresh_search(procedure=procedure)
        return procedure, False
    draft = procedure.versions.filter(status=ProcedureVersion.Status.DRAFT).first()
    if draft is None:
        number = (procedure.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        draft = ProcedureVersion(procedure=procedure, number=number, status=ProcedureVersion.Status.DRAFT)
    _fill_version(draft, content)
    version_publish(version=draft)
    procedure.refresh_from_db()
    return procedure, True
