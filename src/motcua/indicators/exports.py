"""The periodic report table as a spreadsheet (XLSX, set up for printing on A4 landscape) and as CSV."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .periods import Period
from .selectors import ProgressRow


def _columns() -> list[tuple[str, object]]:
    """(heading, value of a row): one list for both formats."""
    return [
        (_("Cơ quan"), lambda r: r.agency.name if r.agency else _("Tổng cộng")),
        (_("Mã cơ quan"), lambda r: r.agency.code if r.agency else ""),
        (_("Kỳ trước chuyển qua"), lambda r: r.carried_over),
        (_("Tiếp nhận trong kỳ"), lambda r: r.flows["received"]),
        (_("Trực tuyến"), lambda r: r.flows["received_online"]),
        (_("Trực tiếp"), lambda r: r.flows["received_direct"]),
        (_("Bưu chính"), lambda r: r.flows["received_postal"]),
        (_("Đã giải quyết"), lambda r: r.resolved),
        (_("Trước hạn"), lambda r: r.flows["resolved_early"]),
        (_("Đúng hạn"), lambda r: r.flows["resolved_on_time"]),
        (_("Quá hạn"), lambda r: r.flows["resolved_late"]),
        (_("Đang giải quyết"), lambda r: r.open_at_end),
        (_("Trong hạn"), lambda r: (r.open_split or {}).get("within_time", "")),
        (_("Quá hạn (đang giải quyết)"), lambda r: (r.open_split or {}).get("overdue", "")),
        (_("Tạm dừng"), lambda r: (r.open_split or {}).get("paused", "")),
        (_("Rút hồ sơ"), lambda r: r.flows["withdrawn"]),
        (_("Dừng giải quyết"), lambda r: r.flows["stopped"]),
        (_("Từ chối tiếp nhận"), lambda r: r.flows["refused"]),
        (_("Tỷ lệ đúng hạn (%)"), lambda r: "" if r.on_time_rate is None else round(100 * r.on_time_rate, 2)),
        (_("Phản ánh trong kỳ"), lambda r: r.feedback["complaints"]),
        (_("Kiến nghị trong kỳ"), lambda r: r.feedback["recommendations"]),
        (_("PAKN đến hạn trả lời"), lambda r: r.feedback["feedback_due"]),
        (_("Trả lời đúng hạn"), lambda r: r.feedback["answered_on_time"]),
        (_("Trả lời quá hạn"), lambda r: r.feedback["answered_late"]),
    ]


def progress_table(rows: list[ProgressRow], total: ProgressRow) -> tuple[list[str], list[list[object]]]:
    columns = _columns()
    body = [[value(row) for _heading, value in columns] for row in [*rows, total]]
    return [heading for heading, _value in columns], body


def progress_csv(*, rows: list[ProgressRow], total: ProgressRow) -> bytes:
    headings, body = progress_table(rows, total)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows(body)
    return ("\ufeff" + out.getvalue()).encode()  # the byte-order mark makes spreadsheet programs read UTF-8


def progress_xlsx(*, period: Period, rows: list[ProgressRow], total: ProgressRow) -> bytes:
    headings, body = progress_table(rows, total)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Tiến độ giải quyết")[:31]
    title = _("Tình hình tiếp nhận và giải quyết hồ sơ thủ tục hành chính")
    sheet.append([title])
    sheet.append(
        [
            _("Kỳ báo cáo: từ %(first)s đến %(last)s")
            % {"first": f"{period.first:%d/%m/%Y}", "last": f"{period.last:%d/%m/%Y}"}
        ]
    )
    sheet.append([])
    sheet.append(headings)
    for line in body:
        sheet.append(line)
    bold, thin = Font(bold=True), Side(style="thin")
    sheet["A1"].font = Font(bold=True, size=13)
    header_row, last_row = 4, 4 + len(body)
    for cell in sheet[header_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for cell in sheet[last_row]:
        cell.font = bold
    for line in sheet.iter_rows(min_row=header_row, max_row=last_row):
        for cell in line:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.column_dimensions["A"].width = 40
    for index in range(2, len(headings) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 11
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
