"""Sample catalog for the demo: procedures that Hanoi residents and businesses commonly use.

The data lives in CSV files under `data/demo/`, one per sheet of the catalog importer (the same format an
administrator imports and the export writes), and is loaded through that importer. Everything is marked
`is_sample`. Names, legal times, fees and documents follow the published procedures of Hanoi and the national
procedure database as of 2025 (two-tier local government), simplified; check them against the official
database before any real use.

The files name agencies by the codes of the organization demo (`HN.STP`, `HN.09832.TTPV`, ...); when those are
missing (the catalog loaded on its own) the organization demo is loaded first. Loading twice changes nothing
the second time.
"""

from __future__ import annotations

from pathlib import Path

from motcua.organization import demo as organization_demo
from motcua.organization.models import Agency

from .transfer import catalog_import, read_csv_directory

DATA = Path(__file__).resolve().parent / "data" / "demo"


def _agency_codes(sheets: dict[str, list[list[str]]]) -> set[str]:
    codes = set()
    for sheet, column in (
        ("procedures", "competent_agency_code"),
        ("steps", "agency_code"),
        ("express_lanes", "agency_code"),
    ):
        rows = sheets.get(sheet) or [[]]
        if column in rows[0]:
            position = rows[0].index(column)
            codes |= {row[position] for row in rows[1:] if len(row) > position and row[position]}
    return codes


def load(*, stdout) -> None:
    sheets = read_csv_directory(DATA)
    needed = _agency_codes(sheets)
    if set(Agency.objects.filter(code__in=needed).values_list("code", flat=True)) != needed:
        organization_demo.load(stdout=stdout)
    report = catalog_import(sheets=sheets)
    stdout.write(
        f"Catalog: {len(sheets['procedures']) - 1} sample procedures from {DATA.name}/*.csv "
        f"({len(report.created) + len(report.updated)} newly published), {report.groups} interconnected groups, "
        f"{report.express_lanes} express lanes (Green Friday at Hoài Đức)."
    )
