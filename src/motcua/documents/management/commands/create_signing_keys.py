"""`python -m motcua create-signing-keys` (or create_signing_keys): the demo CA and agencies' signing keys."""

from django.core.management.base import BaseCommand

from motcua.documents.signing_keys import agencies_that_resolve, create_signing_keys, signing_dir


class Command(BaseCommand):
    help = (
        "Create the demo certificate authority and a signing key and certificate for each agency that resolves "
        "dossiers, under MOTCUA_SIGNING_DIR (var/signing/). Idempotent: existing keys are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--agency", action="append", default=[], help="Only this agency code (repeatable)"
        )

    def handle(self, *args, agency, **options):
        agencies = agencies_that_resolve(codes=agency or None)
        done = create_signing_keys(agencies=agencies)
        folder = signing_dir()
        self.stdout.write(
            f"Signing keys in {folder}: demo CA {'created' if done.ca_created else 'kept'}; "
            f"{len(done.agencies_created)} agency key(s) created, {len(done.agencies_kept)} kept."
        )
        if done.ca_created:
            self.stdout.write(
                self.style.WARNING(
                    "DEMO certificate authority: signatures it backs are trusted only while "
                    "MOTCUA_SIGNATURE_TRUST_ROOTS is unset. Production sets real trust roots."
                )
            )
