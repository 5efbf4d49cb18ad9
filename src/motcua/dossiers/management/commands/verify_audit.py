"""`python -m motcua verify-audit` (or verify_audit): walk every dossier's event chain, report any break."""

from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.audit import broken_chains
from motcua.dossiers.models import Dossier, Event


class Command(BaseCommand):
    help = "Verify the hash chain of every dossier's process-control log; exit code 1 if any chain is broken."

    def handle(self, *args, **options):
        broken = 0
        for found in broken_chains():
            broken += 1
            brk = found.brk
            self.stdout.write(
                f"BROKEN {found.code} (id {found.dossier_id}): event #{brk.index + 1}: {brk.reason} "
                f"(stored {brk.stored_hash[:16]}…, expected {brk.expected_hash[:16]}…)"
            )
        dossiers, events = Dossier.objects.count(), Event.objects.count()
        if broken:
            raise CommandError(
                f"{broken} broken chain(s) among {dossiers} dossiers ({events} events).", returncode=1
            )
        self.stdout.write(
            self.style.SUCCESS(f"OK: {dossiers} dossiers, {events} events, every chain verifies.")
        )
