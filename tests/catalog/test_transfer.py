"""Catalog import and export: XLSX and zipped CSV round trips, all-or-nothing with row-level errors."""

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from motcua.catalog.errors import ImportFailed
from motcua.catalog.models import (
    ExpressLane,
    Procedure,
    ProcedureGroup,
    ProcedureGroupMember,
    ProcedureVersion,
)
from motcua.catalog.services import VersionContent, procedure_publish_content
from motcua.catalog.transfer import (
    catalog_export_csv_zip,
    catalog_export_xlsx,
    catalog_import,
    catalog_import_file,
    catalog_rows,
    read_csv_zip,
    read_xlsx,
)
from tests.factories.catalog import SectorFactory, version_content
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    department = AgencyFactory(code="STP", kind="department", name="Sở Tư pháp")
    civil = SectorFactory(code="HT", name="Hộ tịch", name_en="Civil status")
    birth, _ = procedure_publish_content(
        code="1.001193",
        sector=civil,
        content=version_content(
            name="Đăng ký khai sinh",
            name_en="Birth registration",
            legal_basis="Luật Hộ tịch 2014",
            fees=[{"order": 1, "name": "Lệ phí", "name_en": "Fee", "amount": 8000, "exemption": "Đúng hạn"}],
        ),
        is_sample=True,
    )
    steps = version_content().steps
    steps[1]["agency"] = department
    adoption, _ = procedure_publish_content(
        code="1.000689",
        sector=civil,
        content=version_content(
            name="Đăng ký nuôi con nuôi",
            authority_level="province",
            competent_agency=department,
            competent_agency_kind="",
            steps=steps,
            processing_time_kind="calendar_days",
            processing_time_amount=30,
            boundary_free=True,
        ),
    )
    group = ProcedureGroup.objects.create(code="LT1", name="Nhóm", processing_time_amount=10)
    ProcedureGroupMember.objects.create(group=group, procedure=birth, order=1)
    ProcedureGroupMember.objects.create(group=group, procedure=adoption, order=2)
    return {"birth": birth, "adoption": adoption}


def _snapshot():
    return {
        p.code: (p.current_version.number, VersionContent.of(p.current_version).normalized())
        for p in Procedure.objects.select_related("current_version")
    }


@pytest.mark.parametrize(
    ("export", "read"), [(catalog_export_xlsx, read_xlsx), (catalog_export_csv_zip, read_csv_zip)]
)
def test_round_trip_changes_nothing(catalog, export, read):
    before = _snapshot()
    report = catalog_import(sheets=read(export()))
    assert sorted(report.unchanged) == ["1.000689", "1.001193"]
    assert report.created == report.updated == []
    assert _snapshot() == before
    assert [m.procedure.code for m in ProcedureGroup.objects.get(code="LT1").members.all()] == [
        "1.001193",
        "1.000689",
    ]


def test_export_has_one_row_per_procedure_and_child_sheets(catalog):
    workbook = load_workbook(io.BytesIO(catalog_export_xlsx()))
    assert workbook.sheetnames == ["procedures", "documents", "fees", "steps", "groups", "express_lanes"]
    assert workbook["procedures"].max_row == 3
    assert workbook["procedures"]["A2"].value == "1.000689"
    assert [c.value for c in workbook["steps"][3]][:2] == ["1.000689", 2]
    names = zipfile.ZipFile(io.BytesIO(catalog_export_csv_zip())).namelist()
    assert names == [
        "procedures.csv",
        "documents.csv",
        "fees.csv",
        "steps.csv",
        "groups.csv",
        "express_lanes.csv",
    ]


def test_changed_rows_publish_new_versions_and_new_rows_create_procedures(catalog):
    sheets = catalog_rows()
    header = sheets["procedures"][0]
    birth = sheets["procedures"][2]
    birth[header.index("processing_time_amount")] = 4
    new = list(birth)
    new[header.index("code")] = "2.000001"
    new[header.index("sector_code")] = "LD"
    new[header.index("sector_name")] = "Lao động"
    new[header.index("name")] = "Cấp giấy phép lao động"
    sheets["procedures"].append(new)
    sheets["steps"].append(["2.000001", 1, "Xử lý", "", "", "specialist", "2"])
    report = catalog_import(sheets=sheets)
    assert (
        report.updated == ["1.001193"] and report.created == ["2.000001"] and report.unchanged == ["1.000689"]
    )
    birth_procedure = Procedure.objects.get(code="1.001193")
    assert birth_procedure.current_version.number == 2
    assert birth_procedure.current_version.processing_time_amount == 4
    assert birth_procedure.is_sample  # sample data stays marked
    assert birth_procedure.versions.get(number=1).status == ProcedureVersion.Status.SUPERSEDED
    created = Procedure.objects.get(code="2.000001")
    assert created.sector.name == "Lao động" and created.search_name == "cap giay phep lao dong"
    assert [s.time_budget for s in created.current_version.steps.all()] == [Decimal("2")]


def _broken_sheets():
    sheets = catalog_rows()
    header = sheets["procedures"][0]
    sheets["procedures"][1][header.index("processing_time_amount")] = "ba mươi"  # row 2
    sheets["procedures"][2][header.index("channels")] = "counter"  # row 3: full online without online channel
    sheets["procedures"][2][header.index("name")] = "Tên đã sửa"
    sheets["steps"].append(["9.999", 1, "Bước", "", "", "specialist", "1"])
    sheets["steps"][1][sheets["steps"][0].index("time_budget")] = "100"  # too long for 1.000689
    sheets["groups"][1][sheets["groups"][0].index("members")] = "1.001193, 7.777"
    return sheets


def test_errors_are_reported_per_row_and_nothing_is_saved(catalog):
    before = _snapshot()
    with pytest.raises(ImportFailed) as raised:
        catalog_import(sheets=_broken_sheets())
    assert _snapshot() == before
    errors = raised.value.as_dict("vi")["details"]
    places = {(e["sheet"], e["row"], e["column"]) for e in errors}
    assert ("procedures", 2, "processing_time_amount") in places
    assert ("procedures", 3, "online_level") in places
    assert ("steps", 6, "procedure_code") in places
    assert ("groups", 2, "members") in places
    vi = {(e["sheet"], e["row"]): e["message"] for e in errors}
    assert vi[("procedures", 2)] == "“ba mươi” không phải là số nguyên không âm."
    assert "Không có thủ tục mã 7.777" in vi[("groups", 2)]
    assert raised.value.as_dict("vi")["message"].startswith("Không nhập được danh mục")


def test_errors_in_english(catalog):
    with pytest.raises(ImportFailed) as raised:
        catalog_import(sheets=_broken_sheets())
    body = raised.value.as_dict("en")
    assert body["message"] == "The catalog was not imported: the file has errors. Nothing was saved."
    messages = {(e["sheet"], e["row"]): e["message"] for e in body["details"]}
    assert messages[("procedures", 2)] == "“ba mươi” is not a whole number."
    assert messages[("steps", 6)] == "The procedure code 9.999 is not in the procedures sheet."
    assert "must offer the online channel" in messages[("procedures", 3)]


def test_step_budget_errors_point_at_the_steps_sheet(catalog):
    sheets = catalog_rows()
    budget = sheets["steps"][0].index("time_budget")
    sheets["steps"][1][budget] = "100"
    with pytest.raises(ImportFailed) as raised:
        catalog_import(sheets=sheets)
    (error,) = raised.value.errors
    assert (error.sheet, error.row, error.column) == ("steps", 2, "time_budget")
    assert "30 calendar days" in error.message_en


def test_missing_columns_and_sheets(catalog):
    with pytest.raises(ImportFailed) as raised:
        catalog_import(sheets={"documents": [["procedure_code"]]})
    texts = [e.text(english=False) for e in raised.value.errors]
    assert "Trang procedures, dòng 0, cột -: Thiếu trang “procedures”." in texts
    assert any("Thiếu cột “code”" in t for t in texts)


def test_wrong_or_damaged_files_are_refused(catalog):
    with pytest.raises(ImportFailed) as raised:
        catalog_import_file(data=b"not a workbook", filename="catalog.xlsx")
    assert "could not be read" in raised.value.errors[0].message_en
    with pytest.raises(ImportFailed) as raised:
        catalog_import_file(data=b"x", filename="catalog.pdf")
    assert ".xlsx" in raised.value.errors[0].message_vi


def test_dates_and_booleans_are_read_leniently(catalog):
    sheets = catalog_rows()
    header = sheets["procedures"][0]
    row = sheets["procedures"][1]
    row[header.index("effective_from")] = "01/07/2025"
    row[header.index("boundary_free")] = "Có"
    catalog_import(sheets=sheets)
    version = Procedure.objects.get(code="1.000689").current_version
    assert version.effective_from.isoformat() == "2025-07-01" and version.boundary_free


LANE_HEADER = [
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


def test_express_lanes_are_imported_exported_and_updated_in_place(catalog):
    AgencyFactory(code="HN.09832.TTPV", kind="service_centre")
    sheets = catalog_rows()
    assert sheets["express_lanes"] == [LANE_HEADER]
    sheets["express_lanes"] += [
        ["1.001193", "HN.09832.TTPV", "Thứ Sáu xanh", "4", "yes", "60", "04/07/2025", "", ""],
        ["1.000689", "", "Luồng nhanh", "0; 2", "no", "120", "", "", "yes"],
    ]
    report = catalog_import(sheets=sheets)
    assert report.express_lanes == 2 and report.changed_rows == 2
    friday = ExpressLane.objects.get(name="Thứ Sáu xanh")
    assert (friday.procedure.code, friday.agency.code, friday.weekdays) == ("1.001193", "HN.09832.TTPV", [4])
    assert friday.counter_only and friday.working_minutes == 60 and friday.is_active
    assert friday.effective_from.isoformat() == "2025-07-04"
    anywhere = ExpressLane.objects.get(name="Luồng nhanh")
    assert anywhere.agency is None and anywhere.weekdays == [0, 2] and not anywhere.counter_only

    exported = catalog_rows()
    assert exported["express_lanes"][1:] == [
        ["1.000689", "", "Luồng nhanh", "0, 2", "no", 120, "", "", "yes"],
        ["1.001193", "HN.09832.TTPV", "Thứ Sáu xanh", "4", "yes", 60, "2025-07-04", "", "yes"],
    ]
    again = catalog_import(sheets=exported)
    assert again.changed_rows == 0  # the same file twice: nothing written
    exported["express_lanes"][2][5] = 45
    catalog_import(sheets=exported)
    assert ExpressLane.objects.count() == 2
    assert ExpressLane.objects.get(pk=friday.pk).working_minutes == 45


def test_express_lane_errors_name_the_row_and_column(catalog):
    sheets = catalog_rows()
    sheets["express_lanes"] += [
        ["9.999", "KHONG.CO", "Thứ Sáu xanh", "Friday", "yes", "0", "2025-07-04", "2025-07-01", "yes"],
        ["1.001193", "", "Lặp", "4", "yes", "60", "", "", "yes"],
        ["1.001193", "", "Lặp", "7", "yes", "60", "", "", "yes"],
    ]
    with pytest.raises(ImportFailed) as raised:
        catalog_import(sheets=sheets)
    errors = {(e.sheet, e.row, e.column): e.message_en for e in raised.value.errors}
    assert "Friday" in errors[("express_lanes", 2, "weekdays")]
    assert "greater than 0" in errors[("express_lanes", 2, "working_minutes")]
    assert ("express_lanes", 4, "weekdays") in errors
    assert not ExpressLane.objects.exists()
    sheets["express_lanes"] = sheets["express_lanes"][:1] + [
        ["9.999", "KHONG.CO", "Thứ Sáu xanh", "4", "yes", "60", "2025-07-04", "2025-07-01", "yes"],
        ["1.001193", "", "Lặp", "4", "yes", "60", "", "", "yes"],
        ["1.001193", "", "Lặp", "5", "yes", "60", "", "", "yes"],
    ]
    with pytest.raises(ImportFailed) as raised:
        catalog_import(sheets=sheets)
    errors = {(e.sheet, e.row, e.column): e.message_vi for e in raised.value.errors}
    assert errors[("express_lanes", 2, "procedure_code")] == "Không có thủ tục mã 9.999."
    assert errors[("express_lanes", 2, "agency_code")] == "Không có cơ quan mã KHONG.CO."
    assert ("express_lanes", 2, "effective_to") in errors
    assert "đã có ở dòng 3" in errors[("express_lanes", 4, "name")]


def test_is_sample_is_a_column_and_files_without_it_still_import(catalog):
    sheets = catalog_rows()
    header = sheets["procedures"][0]
    assert header[-1] == "is_sample"
    rows = {row[0]: row for row in sheets["procedures"][1:]}
    assert (rows["1.001193"][-1], rows["1.000689"][-1]) == ("yes", "no")
    assert sheets["groups"][0][-1] == "is_sample" and sheets["groups"][1][-1] == "no"

    # An older file without the column: a new procedure is not sample data, an existing one keeps its mark.
    old = {name: [row[:-1] for row in sheets[name]] for name in ("procedures", "groups")}
    new = list(old["procedures"][1])
    new[0] = "2.000002"
    old["procedures"].append(new)
    old["steps"] = [*sheets["steps"], ["2.000002", 1, "Xử lý", "", "", "specialist", "2"]]
    old["documents"] = sheets["documents"]
    catalog_import(sheets=old)
    assert Procedure.objects.get(code="1.001193").is_sample
    assert not Procedure.objects.get(code="2.000002").is_sample

    # Marked in the file: the mark is set (and can be taken off).
    rows["1.000689"][-1] = "yes"
    sheets["groups"][1][-1] = "có"
    catalog_import(sheets=sheets)
    assert Procedure.objects.get(code="1.000689").is_sample
    assert ProcedureGroup.objects.get(code="LT1").is_sample
    rows["1.000689"][-1] = "no"
    catalog_import(sheets=sheets)
    assert not Procedure.objects.get(code="1.000689").is_sample


def test_importing_a_group_twice_keeps_its_member_rows(catalog):
    sheets = catalog_rows()
    members = list(ProcedureGroupMember.objects.order_by("id").values_list("id", "procedure__code", "order"))
    report = catalog_import(sheets=sheets)
    assert report.changed_rows == 0
    assert (
        list(ProcedureGroupMember.objects.order_by("id").values_list("id", "procedure__code", "order"))
        == members
    )
    sheets["groups"][1][sheets["groups"][0].index("members")] = "1.000689, 1.001193"
    catalog_import(sheets=sheets)
    assert [m.procedure.code for m in ProcedureGroup.objects.get(code="LT1").members.all()] == [
        "1.000689",
        "1.001193",
    ]


def test_max_extension_is_a_column_that_round_trips_and_files_without_it_still_import(catalog):
    sheets = catalog_rows()
    header = sheets["procedures"][0]
    column = header.index("max_extension")
    assert header[column - 1] == "processing_time_amount"
    rows = {row[0]: row for row in sheets["procedures"][1:]}
    assert rows["1.001193"][column] == ""  # not set: twice the processing time

    rows["1.001193"][column] = "4"
    report = catalog_import(sheets=sheets)
    assert report.updated == ["1.001193"]  # a changed bound is a new version
    assert Procedure.objects.get(code="1.001193").current_version.max_extension == 4
    exported = {row[0]: row for row in read_xlsx(catalog_export_xlsx())["procedures"][1:]}
    assert exported["1.001193"][column] == 4 and exported["1.000689"][column] in ("", None)

    # A file made before the column existed keeps what the versions in force say.
    older = [row[:column] + row[column + 1 :] for row in sheets["procedures"]]
    new = list(older[1])
    new[0] = "2.000002"
    steps = [*sheets["steps"], ["2.000002", 1, "Xử lý", "", "", "specialist", "2"]]
    report = catalog_import(sheets={**sheets, "procedures": [*older, new], "steps": steps})
    assert report.created == ["2.000002"] and "1.001193" in report.unchanged
    assert Procedure.objects.get(code="1.001193").current_version.max_extension == 4
    assert Procedure.objects.get(code="2.000002").current_version.max_extension is None

    rows["1.001193"][column] = ""  # emptied in a file with the column: back to the default
    assert catalog_import(sheets=sheets).updated == ["1.001193"]
    assert Procedure.objects.get(code="1.001193").current_version.max_extension is None


@pytest.mark.parametrize("value", ["0", "-2", "ba"])
def test_a_max_extension_that_is_not_a_positive_whole_number_names_its_cell(catalog, value):
    sheets = catalog_rows()
    column = sheets["procedures"][0].index("max_extension")
    sheets["procedures"][1][column] = value
    with pytest.raises(ImportFailed) as failed:
        catalog_import(sheets=sheets)
    places = {(e["sheet"], e["row"], e["column"]) for e in failed.value.as_dict()["details"]}
    assert ("procedures", 2, "max_extension") in places
