from pathlib import Path

from django.core.management.base import BaseCommand

from motcua.catalog.transfer import catalog_export_csv_zip, catalog_export_xlsx


class Command(BaseCommand):
    help = "Export the catalog (versions in force) as an XLSX workbook or a zip of CSV files."

    def add_arguments(self, parser):
        parser.add_argument("output", help="File to write: *.xlsx for a workbook, *.zip for CSV files")

    def handle(self, *args, output, **options):
        path = Path(output)
        data = catalog_export_csv_zip() if path.suffix.lower() == ".zip" else catalog_export_xlsx()
        path.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{path} ({len(data)} bytes)"))
