from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.catalog.errors import ImportFailed
from motcua.catalog.transfer import catalog_import_file


class Command(BaseCommand):
    help = (
        "Import the catalog from an XLSX workbook or a zip of CSV files. All or nothing: on any error nothing "
        "is saved and every error is listed (sheet, row, column)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "input", help="*.xlsx workbook or *.zip of CSV files, as written by catalog_export"
        )
        parser.add_argument("--language", choices=["vi", "en"], default="vi", help="Language of the messages")

    def handle(self, *args, input, language, **options):
        english = language == "en"
        path = Path(input)
        try:
            report = catalog_import_file(data=path.read_bytes(), filename=path.name)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(error.text(english=english))
            raise CommandError(exc.message(language)) from exc
        self.stdout.write(self.style.SUCCESS(report.summary(english=english)))
