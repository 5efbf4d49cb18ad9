"""Import and export of the catalog as XLSX (one workbook) or CSV (a zip of one CSV per sheet).

Sheets: procedures (one row per procedure), documents, fees, steps (rows point at their procedure by
`procedure_code`), groups (one row per interconnected group, members as a comma-separated list of codes) and
express_lanes (one row per lane: procedure, agency where it applies, weekdays as numbers 0 = Monday ... 6).
The `is_sample` column of procedures and groups may be left out: then a new row is not sample data and an
existing one keeps its mark.
Import is all or nothing: every cell is checked first and every problem reported with its sheet, row number,
column and a message in Vietnamese and English; only a clean file is saved, in one transaction, publishing a
new version for each procedure whose content changed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from openpyxl import Workbook, load_workbook

from motcua.core.errors import ApplicationError
from motcua.core.text import nfc
from motcua.organization.models import Agency

from .errors import ImportFailed
from .models import (
    AuthorityLevel,
    ExpressLane,
    Procedure,
    ProcedureGroup,
    ProcedureGroupMember,
    ProcessingTimeKind,
    ResultForm,
    Sector,
    SupplementPolicy,
)
from .services import VERSION_CONTENT_FIELDS, VersionContent, procedure_publish_content, version_problems

PROCEDURE_COLUMNS = [
    "code",
    "sector_code",
    "sector_name",
    "sector_name_en",
    "name",
    "name_en",
    "description",
    "authority_level",
    "competent_agency_code",
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
    "is_active",
    "is_sample",
]
DOCUMENT_COLUMNS = [
    "procedure_code",
    "order",
    "code",
    "name",
    "name_en",
    "originals",
    "copies",
    "mandatory",
    "reusable_kind",
]
FEE_COLUMNS = ["procedure_code", "order", "name", "name_en", "amount", "exemption"]
STEP_COLUMNS = ["procedure_code", "order", "name", "name_en", "agency_code", "role", "time_budget"]
GROUP_COLUMNS = [
    "code",
    "name",
    "name_en",
    "processing_time_kind",
    "processing_time_amount",
    "legal_basis",
    "members",
    "is_active",
    "is_sample",
]
EXPRESS_LANE_COLUMNS = [
    "procedure_code",
    "agency_code",
    "name",
    "weekdays",
    "counter_only",
    "working_minutes",
    "effective_from",
    "effective_to",
    "is_active",
]
SHEETS = {
    "procedures": PROCEDURE_COLUMNS,
    "documents": DOCUMENT_COLUMNS,
    "fees": FEE_COLUMNS,
    "steps": STEP_COLUMNS,
    "groups": GROUP_COLUMNS,
    "express_lanes": EXPRESS_LANE_COLUMNS,
}
REQUIRED_SHEETS = ("procedures",)
# Columns added after files were already in use: a file without them still imports.
OPTIONAL_COLUMNS = {"is_sample", "max_extension"}
# A version field whose column a file leaves out keeps what the version in force says (files made before it).
KEPT_WHEN_LEFT_OUT = {"max_extension"}
_LEFT_OUT = object()
TRUE_WORDS = {"1", "true", "yes", "y", "x", "có", "co", "đúng"}
FALSE_WORDS = {"0", "false", "no", "n", "không", "khong", "sai", ""}

# Where a publish-validation problem is reported: field -> (sheet, column).
_PROBLEM_PLACES = {
    "steps": ("steps", "time_budget"),
    "documents": ("documents", "code"),
    "competent_agency": ("procedures", "competent_agency_code"),
}


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message_vi: str
    message_en: str

    def as_dict(self, *, english: bool) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message_en if english else self.message_vi,
        }

    def text(self, *, english: bool) -> str:
        if english:
            return f"Sheet {self.sheet}, row {self.row}, column {self.column}: {self.message_en}"
        return f"Trang {self.sheet}, dòng {self.row}, cột {self.column}: {self.message_vi}"


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    groups: int = 0
    express_lanes: int = 0
    # Groups and express lanes created or changed by this import (a second import of the same file: none).
    changed_rows: int = 0

    def summary(self, *, english: bool) -> str:
        if english:
            return (
                f"{len(self.created)} procedures created, {len(self.updated)} updated with a new version, "
                f"{len(self.unchanged)} unchanged; {self.groups} groups; {self.express_lanes} express lanes."
            )
        return (
            f"Đã tạo {len(self.created)} thủ tục, cập nhật {len(self.updated)} thủ tục (phiên bản mới), "
            f"{len(self.unchanged)} thủ tục không thay đổi; {self.groups} nhóm liên thông; "
            f"{self.express_lanes} luồng xanh."
        )


# ---------------------------------------------------------------------------------------------- export


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _amount(value: Decimal) -> str:
    return f"{value.normalize():f}"


def catalog_rows(*, procedures: Iterable[Procedure] | None = None) -> dict[str, list[list[Any]]]:
    """The catalog as rows per sheet (headers first): the version in force of each procedure."""
    if procedures is None:
        procedures = (
            Procedure.objects.filter(current_version__isnull=False)
            .select_related("sector", "current_version__competent_agency")
            .prefetch_related(
                "current_version__documents", "current_version__fees", "current_version__steps__agency"
            )
            .order_by("code")
        )
    sheets: dict[str, list[list[Any]]] = {name: [list(columns)] for name, columns in SHEETS.items()}
    for p in procedures:
        v = p.current_version
        sheets["procedures"].append(
            [
                p.code,
                p.sector.code,
                p.sector.name,
                p.sector.name_en,
                v.name,
                v.name_en,
                v.description,
                v.authority_level,
                v.competent_agency.code if v.competent_agency_id else "",
                v.competent_agency_kind,
                v.processing_time_kind,
                v.processing_time_amount,
                "" if v.max_extension is None else v.max_extension,
                v.online_level,
                ", ".join(v.channels),
                v.result_form,
                v.result_name,
                _yes(v.boundary_free),
                _yes(v.home_service_eligible),
                v.supplement_policy,
                ", ".join(v.applicant_kinds),
                v.legal_basis,
                _iso(v.effective_from),
                _iso(v.effective_to),
                _yes(p.is_active),
                _yes(p.is_sample),
            ]
        )
        for d in v.documents.all():
            sheets["documents"].append(
                [
                    p.code,
                    d.order,
                    d.code,
                    d.name,
                    d.name_en,
                    d.originals,
                    d.copies,
                    _yes(d.mandatory),
                    d.reusable_kind,
                ]
            )
        for f in v.fees.all():
            sheets["fees"].append([p.code, f.order, f.name, f.name_en, f.amount, f.exemption])
        for s in v.steps.all():
            sheets["steps"].append(
                [
                    p.code,
                    s.order,
                    s.name,
                    s.name_en,
                    s.agency.code if s.agency_id else "",
                    s.role,
                    _amount(s.time_budget),
                ]
            )
    for g in ProcedureGroup.objects.prefetch_related("members__procedure").order_by("code"):
        members = ", ".join(m.procedure.code for m in g.members.all())
        sheets["groups"].append(
            [
                g.code,
                g.name,
                g.name_en,
                g.processing_time_kind,
                g.processing_time_amount,
                g.legal_basis,
                members,
                _yes(g.is_active),
                _yes(g.is_sample),
            ]
        )
    lanes = ExpressLane.objects.select_related("procedure", "agency").order_by(
        "procedure__code", "agency__code", "name"
    )
    for lane in lanes:
        sheets["express_lanes"].append(
            [
                lane.procedure.code,
                lane.agency.code if lane.agency_id else "",
                lane.name,
                ", ".join(str(d) for d in lane.weekdays),
                _yes(lane.counter_only),
                lane.working_minutes,
                _iso(lane.effective_from),
                _iso(lane.effective_to),
                _yes(lane.is_active),
            ]
        )
    return sheets


def catalog_export_xlsx() -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in catalog_rows().items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def catalog_export_csv_zip() -> bytes:
    """A zip with one UTF-8 (with BOM, so spreadsheet programs read Vietnamese correctly) CSV per sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in catalog_rows().items():
            text = io.StringIO()
            csv.writer(text).writerows(rows)
            archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------- reading


def read_xlsx(data: bytes) -> dict[str, list[list[Any]]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or wrong file
        raise _unreadable("XLSX") from exc
    return {
        sheet.title.strip().lower(): [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


def read_csv_zip(data: bytes) -> dict[str, list[list[Any]]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        sheets = {}
        for info in archive.infolist():
            name = info.filename.rsplit("/", 1)[-1]
            if not name.lower().endswith(".csv"):
                continue
            text = archive.read(info).decode("utf-8-sig")
            sheets[name[:-4].strip().lower()] = [list(row) for row in csv.reader(io.StringIO(text))]
    except (zipfile.BadZipFile, UnicodeDecodeError, csv.Error) as exc:
        raise _unreadable("ZIP CSV (UTF-8)") from exc
    return sheets


def read_csv_directory(directory: Path) -> dict[str, list[list[Any]]]:
    """The sheets of a folder of CSV files named like the sheets (procedures.csv, ...), as in the export's zip."""
    sheets = {}
    for path in sorted(directory.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as text:
            sheets[path.stem.strip().lower()] = [list(row) for row in csv.reader(text)]
    return sheets


def _unreadable(kind: str) -> ImportFailed:
    return ImportFailed(
        [
            RowError(
                "-",
                0,
                "-",
                f"Không đọc được tệp. Hãy dùng tệp {kind} theo mẫu xuất từ hệ thống.",
                f"The file could not be read. Use a {kind} file shaped like the export.",
            )
        ]
    )


# ---------------------------------------------------------------------------------------------- parsing


class _CellError(Exception):
    def __init__(self, vi: str, en: str) -> None:
        self.vi, self.en = vi, en


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def _required(value: Any) -> str:
    text = _text(value)
    if not text:
        raise _CellError("Ô này không được để trống.", "This cell must not be empty.")
    return text


def _integer(value: Any) -> int:
    text = _text(value).replace(".", "").replace(",", "") if not isinstance(value, int) else str(value)
    try:
        number = int(text)
    except ValueError:
        raise _CellError(
            f"“{_text(value)}” không phải là số nguyên không âm.", f"“{_text(value)}” is not a whole number."
        ) from None
    if number < 0:
        raise _CellError("Số không được âm.", "The number must not be negative.")
    return number


def _integer_or_zero(value: Any) -> int:
    return _integer(value) if _text(value) else 0


def _decimal(value: Any) -> Decimal:
    try:
        number = Decimal(_text(value).replace(",", "."))
    except InvalidOperation:
        raise _CellError(
            f"“{_text(value)}” không phải là số.", f"“{_text(value)}” is not a number."
        ) from None
    if not number.is_finite() or number < 0:
        raise _CellError("Số không hợp lệ.", "The number is not valid.")
    return number


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise _CellError(
        f"“{_text(value)}” không hợp lệ: ghi yes/no (có/không).",
        f"“{_text(value)}” is not valid: write yes or no.",
    )


def _boolean_default_true(value: Any) -> bool:
    return _boolean(value) if _text(value) else True


def _boolean_or_keep(value: Any) -> bool | None:
    """Blank (or a column left out): None, meaning keep what is saved (False for a new row)."""
    return _boolean(value) if _text(value) else None


def _positive_integer(value: Any) -> int:
    number = _integer(value)
    if number == 0:
        raise _CellError("Số phải lớn hơn 0.", "The number must be greater than 0.")
    return number


def _positive_integer_or_none(value: Any) -> int | None:
    """Blank (or a column left out): None, the rule's default."""
    return _positive_integer(value) if _text(value) else None


def _weekdays(value: Any) -> list[int]:
    days = []
    for word in _words(value):
        if not word.isdigit() or int(word) > 6:
            raise _CellError(
                f"“{word}” không phải là ngày trong tuần: ghi số từ 0 (Thứ Hai) đến 6 (Chủ nhật), ví dụ 4.",
                f"“{word}” is not a weekday: write numbers from 0 (Monday) to 6 (Sunday), e.g. 4.",
            )
        days.append(int(word))
    if not days:
        raise _CellError(
            "Ghi ít nhất một ngày trong tuần (0 = Thứ Hai ... 6 = Chủ nhật).",
            "Write at least one weekday (0 = Monday ... 6 = Sunday).",
        )
    return sorted(set(days))


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(text)
        except ValueError:
            continue
    raise _CellError(
        f"“{text}” không phải là ngày (YYYY-MM-DD hoặc dd/mm/yyyy).",
        f"“{text}” is not a date (YYYY-MM-DD or dd/mm/yyyy).",
    )


def _choice(values: list[str], *, blank: bool = False) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = _text(value)
        if (blank and not text) or text in values:
            return text
        raise _CellError(
            f"“{text}” không hợp lệ. Giá trị được phép: {', '.join(values)}.",
            f"“{text}” is not valid. Allowed values: {', '.join(values)}.",
        )

    return parse


def _words(value: Any) -> list[str]:
    return [w.strip() for w in _text(value).replace(";", ",").split(",") if w.strip()]


PROCEDURE_PARSERS: dict[str, Callable[[Any], Any]] = {
    "code": _required,
    "sector_code": _required,
    "sector_name": _text,
    "sector_name_en": _text,
    "name": _required,
    "name_en": _text,
    "description": _text,
    "authority_level": _choice(AuthorityLevel.values),
    "competent_agency_code": _text,
    "competent_agency_kind": _choice(Agency.Kind.values, blank=True),
    "processing_time_kind": _choice(ProcessingTimeKind.values),
    "processing_time_amount": _integer,
    "max_extension": _positive_integer_or_none,
    # Online level and channels are checked together by the publish rules (with their own messages).
    "online_level": _required,
    "channels": _words,
    "result_form": _choice(ResultForm.values),
    "result_name": _text,
    "boundary_free": _boolean,
    "home_service_eligible": _boolean,
    "supplement_policy": _choice(SupplementPolicy.values),
    "applicant_kinds": _words,
    "legal_basis": _text,
    "effective_from": _date,
    "effective_to": _date,
    "is_active": _boolean_default_true,
    "is_sample": _boolean_or_keep,
}
DOCUMENT_PARSERS = {
    "procedure_code": _required,
    "order": _integer_or_zero,
    "code": _required,
    "name": _required,
    "name_en": _text,
    "originals": _integer_or_zero,
    "copies": _integer_or_zero,
    "mandatory": _boolean_default_true,
    "reusable_kind": _text,
}
FEE_PARSERS = {
    "procedure_code": _required,
    "order": _integer_or_zero,
    "name": _required,
    "name_en": _text,
    "amount": _integer,
    "exemption": _text,
}
STEP_PARSERS = {
    "procedure_code": _required,
    "order": _integer,
    "name": _required,
    "name_en": _text,
    "agency_code": _text,
    "role": _required,
    "time_budget": _decimal,
}
GROUP_PARSERS = {
    "code": _required,
    "name": _required,
    "name_en": _text,
    "processing_time_kind": _choice(ProcessingTimeKind.values),
    "processing_time_amount": _integer,
    "legal_basis": _text,
    "members": _words,
    "is_active": _boolean_default_true,
    "is_sample": _boolean_or_keep,
}
EXPRESS_LANE_PARSERS = {
    "procedure_code": _required,
    "agency_code": _text,
    "name": _required,
    "weekdays": _weekdays,
    "counter_only": _boolean_default_true,
    "working_minutes": _positive_integer,
    "effective_from": _date,
    "effective_to": _date,
    "is_active": _boolean_default_true,
}
PARSERS = {
    "procedures": PROCEDURE_PARSERS,
    "documents": DOCUMENT_PARSERS,
    "fees": FEE_PARSERS,
    "steps": STEP_PARSERS,
    "groups": GROUP_PARSERS,
    "express_lanes": EXPRESS_LANE_PARSERS,
}


@dataclass
class _Row:
    number: int
    values: dict[str, Any]


class _Reader:
    """Parses every sheet into typed rows, collecting every error instead of stopping at the first."""

    def __init__(self, sheets: dict[str, list[list[Any]]]) -> None:
        self.errors: list[RowError] = []
        self.rows: dict[str, list[_Row]] = {}
        for name in REQUIRED_SHEETS:
            if name not in sheets:
                self.error(name, 0, "-", f"Thiếu trang “{name}”.", f"The “{name}” sheet is missing.")
        for name, parsers in PARSERS.items():
            self.rows[name] = self._sheet(name, sheets.get(name) or [], parsers)

    def error(self, sheet: str, row: int, column: str, vi: str, en: str) -> None:
        self.errors.append(RowError(sheet, row, column, vi, en))

    def _sheet(self, name: str, raw: list[list[Any]], parsers: dict[str, Callable[[Any], Any]]) -> list[_Row]:
        if not raw:
            return []
        header = [_text(h).lower() for h in raw[0]]
        missing = [c for c in parsers if c not in header and c not in OPTIONAL_COLUMNS]
        for column in missing:
            self.error(name, 1, column, f"Thiếu cột “{column}”.", f"The “{column}” column is missing.")
        if missing:
            return []
        index = {column: header.index(column) if column in header else None for column in parsers}
        rows = []
        for number, cells in enumerate(raw[1:], start=2):
            if all(_text(c) == "" for c in cells):
                continue
            values = {}
            for column, parse in parsers.items():
                position = index[column]
                if position is None and column in KEPT_WHEN_LEFT_OUT:
                    values[column] = _LEFT_OUT
                    continue
                cell = cells[position] if position is not None and position < len(cells) else None
                try:
                    values[column] = parse(cell)
                except _CellError as exc:
                    self.error(name, number, column, exc.vi, exc.en)
            if len(values) == len(parsers):
                rows.append(_Row(number, values))
        return rows


# ---------------------------------------------------------------------------------------------- import


@dataclass
class _Planned:
    row: _Row
    sector: dict[str, str]
    content: VersionContent
    is_active: bool
    is_sample: bool | None
    child_rows: dict[str, list[_Row]] = field(default_factory=dict)


def _in_force_values(reader: _Reader, names: set[str]) -> dict[tuple[str, str], Any]:
    """(procedure code, field) -> the value in the version in force, for the fields the file leaves out."""
    left_out = {n for row in reader.rows["procedures"] for n in names if row.values.get(n) is _LEFT_OUT}
    if not left_out:
        return {}
    codes = [row.values["code"] for row in reader.rows["procedures"]]
    rows = Procedure.objects.filter(code__in=codes, current_version__isnull=False).values_list(
        "code", *[f"current_version__{n}" for n in sorted(left_out)]
    )
    return {(row[0], n): value for row in rows for n, value in zip(sorted(left_out), row[1:], strict=True)}


def _plan(reader: _Reader) -> tuple[list[_Planned], list[_Row]]:
    """Turn typed rows into version contents and check them with the same rules as publishing."""
    agencies = {a.code: a for a in Agency.objects.all()}
    in_force = _in_force_values(reader, KEPT_WHEN_LEFT_OUT)
    planned: dict[str, _Planned] = {}
    for row in reader.rows["procedures"]:
        v = row.values
        if v["code"] in planned:
            reader.error(
                "procedures",
                row.number,
                "code",
                f"Mã thủ tục {v['code']} bị lặp (đã có ở dòng {planned[v['code']].row.number}).",
                f"The procedure code {v['code']} is repeated (already on row {planned[v['code']].row.number}).",
            )
            continue
        agency = None
        if v["competent_agency_code"]:
            agency = agencies.get(v["competent_agency_code"])
            if agency is None:
                reader.error(
                    "procedures",
                    row.number,
                    "competent_agency_code",
                    f"Không có cơ quan mã {v['competent_agency_code']}.",
                    f"There is no agency with the code {v['competent_agency_code']}.",
                )
        fields = {name: v[name] for name in VERSION_CONTENT_FIELDS if name != "competent_agency"}
        fields["competent_agency"] = agency
        for name in KEPT_WHEN_LEFT_OUT:
            if fields[name] is _LEFT_OUT:
                fields[name] = in_force.get((v["code"], name))
        sector = {"code": v["sector_code"], "name": v["sector_name"], "name_en": v["sector_name_en"]}
        planned[v["code"]] = _Planned(
            row, sector, VersionContent(fields=fields), v["is_active"], v["is_sample"]
        )

    for sheet in ("documents", "fees", "steps"):
        for row in reader.rows[sheet]:
            item = dict(row.values)
            code = item.pop("procedure_code")
            target = planned.get(code)
            if target is None:
                reader.error(
                    sheet,
                    row.number,
                    "procedure_code",
                    f"Mã thủ tục {code} không có trong trang procedures.",
                    f"The procedure code {code} is not in the procedures sheet.",
                )
                continue
            if sheet == "steps":
                agency_code = item.pop("agency_code")
                item["agency"] = agencies.get(agency_code) if agency_code else None
                if agency_code and item["agency"] is None:
                    reader.error(
                        sheet,
                        row.number,
                        "agency_code",
                        f"Không có cơ quan mã {agency_code}.",
                        f"There is no agency with the code {agency_code}.",
                    )
            getattr(target.content, sheet).append(item)
            target.child_rows.setdefault(sheet, []).append(row)

    known_sectors = set(Sector.objects.values_list("code", flat=True))
    for target in planned.values():
        if target.sector["code"] not in known_sectors and not target.sector["name"]:
            reader.error(
                "procedures",
                target.row.number,
                "sector_name",
                f"Lĩnh vực {target.sector['code']} chưa có: nhập tên lĩnh vực để tạo mới.",
                f"Sector {target.sector['code']} does not exist yet: enter its name to create it.",
            )
        for problem in version_problems(content=target.content):
            sheet, column = _PROBLEM_PLACES.get(problem["field"], ("procedures", problem["field"]))
            rows = target.child_rows.get(sheet)
            number = rows[0].number if rows else target.row.number
            if sheet != "procedures" and not rows:
                sheet, column = "procedures", "code"
            reader.error(sheet, number, column, problem["message_vi"], problem["message_en"])
    return list(planned.values()), reader.rows["groups"]


def _check_groups(reader: _Reader, groups: list[_Row], planned: list[_Planned]) -> None:
    in_file = {p.row.values["code"] for p in planned}
    existing = set(Procedure.objects.values_list("code", flat=True))
    for row in groups:
        unknown = [c for c in row.values["members"] if c not in in_file | existing]
        if unknown:
            reader.error(
                "groups",
                row.number,
                "members",
                f"Không có thủ tục mã {', '.join(unknown)}.",
                f"No procedure has the code {', '.join(unknown)}.",
            )
        if len(row.values["members"]) < 2:
            reader.error(
                "groups",
                row.number,
                "members",
                "Nhóm liên thông cần ít nhất hai thủ tục.",
                "An interconnected group needs at least two procedures.",
            )


def _check_express_lanes(reader: _Reader, planned: list[_Planned]) -> list[_Row]:
    in_file = {p.row.values["code"] for p in planned}
    codes = {row.values["procedure_code"] for row in reader.rows["express_lanes"]} - in_file
    existing = set(Procedure.objects.filter(code__in=codes).values_list("code", flat=True))
    agency_codes = {row.values["agency_code"] for row in reader.rows["express_lanes"]} - {""}
    agencies = set(Agency.objects.filter(code__in=agency_codes).values_list("code", flat=True))
    seen: dict[tuple[str, str, str], int] = {}
    for row in reader.rows["express_lanes"]:
        v = row.values
        if v["procedure_code"] not in in_file | existing:
            reader.error(
                "express_lanes",
                row.number,
                "procedure_code",
                f"Không có thủ tục mã {v['procedure_code']}.",
                f"No procedure has the code {v['procedure_code']}.",
            )
        if v["agency_code"] and v["agency_code"] not in agencies:
            reader.error(
                "express_lanes",
                row.number,
                "agency_code",
                f"Không có cơ quan mã {v['agency_code']}.",
                f"There is no agency with the code {v['agency_code']}.",
            )
        if v["effective_from"] and v["effective_to"] and v["effective_to"] < v["effective_from"]:
            reader.error(
                "express_lanes",
                row.number,
                "effective_to",
                "Ngày hết hiệu lực phải sau ngày có hiệu lực.",
                "The end date must come after the start date.",
            )
        key = (v["procedure_code"], v["agency_code"], v["name"])
        if key in seen:
            reader.error(
                "express_lanes",
                row.number,
                "name",
                f"Luồng xanh này bị lặp (đã có ở dòng {seen[key]}).",
                f"This express lane is repeated (already on row {seen[key]}).",
            )
        seen.setdefault(key, row.number)
    return reader.rows["express_lanes"]


def catalog_import(*, sheets: dict[str, list[list[Any]]]) -> ImportReport:
    """Import parsed sheets. Raises ImportFailed (nothing saved) listing every error.

    Idempotent: importing the same sheets again publishes nothing and writes no row.
    """
    reader = _Reader(sheets)
    planned, groups = _plan(reader)
    _check_groups(reader, groups, planned)
    lanes = _check_express_lanes(reader, planned)
    if reader.errors:
        raise ImportFailed(
            sorted(
                reader.errors, key=lambda e: (list(SHEETS).index(e.sheet) if e.sheet in SHEETS else -1, e.row)
            )
        )
    report = ImportReport()
    try:
        with transaction.atomic():
            for target in planned:
                _save_procedure(target, report)
            for row in groups:
                report.changed_rows += _save_group(row.values)
                report.groups += 1
            for row in lanes:
                report.changed_rows += _save_express_lane(row.values)
                report.express_lanes += 1
    except ApplicationError as exc:  # a rule broke while saving: nothing was kept
        raise ImportFailed([RowError("-", 0, "-", exc.message("vi"), exc.message("en"))]) from exc
    return report


def _save_procedure(target: _Planned, report: ImportReport) -> None:
    code = target.row.values["code"]
    sector, _ = Sector.objects.get_or_create(
        code=target.sector["code"], defaults={"name": target.sector["name"]}
    )
    names = {k: target.sector[k] for k in ("name", "name_en") if target.sector[k]}
    if any(getattr(sector, k) != value for k, value in names.items()):
        Sector.objects.filter(pk=sector.pk).update(**names)
    # None when the procedure is new; sample procedures stay marked as sample data.
    was_sample = Procedure.objects.filter(code=code).values_list("is_sample", flat=True).first()
    is_sample = target.is_sample if target.is_sample is not None else bool(was_sample)
    procedure, changed = procedure_publish_content(
        code=code, sector=sector, content=target.content, is_sample=is_sample
    )
    if procedure.is_active != target.is_active:
        Procedure.objects.filter(pk=procedure.pk).update(is_active=target.is_active)
        changed = True
    if was_sample is None:
        report.created.append(code)
    elif changed:
        report.updated.append(code)
    else:
        report.unchanged.append(code)


def _save_group(values: dict[str, Any]) -> bool:
    """Create or update the group and its members; True when anything was written."""
    fields = {
        name: values[name]
        for name in (
            "name",
            "name_en",
            "processing_time_kind",
            "processing_time_amount",
            "legal_basis",
            "is_active",
        )
    }
    group = ProcedureGroup.objects.filter(code=values["code"]).first()
    if values["is_sample"] is not None:
        fields["is_sample"] = values["is_sample"]
    written = False
    if group is None:
        group = ProcedureGroup.objects.create(code=values["code"], **fields)
        written = True
    elif any(getattr(group, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(group, name, value)
        group.save()
        written = True
    current = list(group.members.order_by("order").values_list("procedure__code", "order"))
    wanted = [(code, order) for order, code in enumerate(values["members"], start=1)]
    if current != wanted:
        group.members.all().delete()
        procedures = {p.code: p for p in Procedure.objects.filter(code__in=values["members"])}
        ProcedureGroupMember.objects.bulk_create(
            ProcedureGroupMember(group=group, procedure=procedures[code], order=order)
            for code, order in wanted
        )
        written = True
    return written


def _save_express_lane(values: dict[str, Any]) -> bool:
    """Create or update the lane found by (procedure, agency, name); True when anything was written."""
    procedure = Procedure.objects.get(code=values["procedure_code"])
    agency = Agency.objects.get(code=values["agency_code"]) if values["agency_code"] else None
    fields = {
        name: values[name]
        for name in (
            "weekdays",
            "counter_only",
            "working_minutes",
            "effective_from",
            "effective_to",
            "is_active",
        )
    }
    lane = ExpressLane.objects.filter(procedure=procedure, agency=agency, name=values["name"]).first()
    if lane is None:
        ExpressLane.objects.create(procedure=procedure, agency=agency, name=values["name"], **fields)
        return True
    if all(getattr(lane, name) == value for name, value in fields.items()):
        return False
    for name, value in fields.items():
        setattr(lane, name, value)
    lane.save()
    return True


def catalog_import_file(*, data: bytes, filename: str) -> ImportReport:
    """Import an uploaded .xlsx workbook or .zip of CSVs (chosen by the file name)."""
    lowered = filename.lower()
    if lowered.endswith(".xlsx"):
        return catalog_import(sheets=read_xlsx(data))
    if lowered.endswith(".zip"):
        return catalog_import(sheets=read_csv_zip(data))
    raise ImportFailed(
        [
            RowError(
                "-",
                0,
                "-",
                "Chỉ nhận tệp .xlsx hoặc tệp .zip chứa các tệp CSV.",
                "Only .xlsx files or .zip files of CSVs are accepted.",
            )
        ]
    )
