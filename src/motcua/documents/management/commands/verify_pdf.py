"""`python -m motcua verify-pdf FILE.pdf` (or verify_pdf): whether a PDF's signature verifies, and why not."""

from django.core.management.base import BaseCommand, CommandError

from motcua.documents.signature_verdict import verdict_of


class Command(BaseCommand):
    help = (
        "Check the digital signature of a PDF against the configured trust roots: prints the signer, the signing "
        "time and VALID or INVALID with the reason; exit code 1 if it does not verify."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The PDF file to check")

    def handle(self, *args, file, **options):
        try:
            handle = open(file, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}", returncode=2) from exc
        with handle:
            verdict = verdict_of(handle, language="en")
        self.stdout.write(f"File:   {file}")
        self.stdout.write(f"Signer: {verdict.signer_name or '-'}")
        self.stdout.write(f"Signed: {verdict.signed_at_text or '-'}")
        if not verdict.valid:
            raise CommandError(f"INVALID: {verdict.explanation}", returncode=1)
        self.stdout.write(self.style.SUCCESS(f"VALID: {verdict.explanation}"))
