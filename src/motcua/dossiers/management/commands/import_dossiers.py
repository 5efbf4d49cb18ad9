"""`python -m motcua import-dossiers FILE.jsonl` (or import_dossiers): the historical import, batch by batch."""

from __future__ import annotations

import os
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import Role, User
from motcua.accounts.selectors import has_role
from motcua.dossiers.imports import ImportRejected, Lookups, import_dossiers
from motcua.dossiers.imports.files import batches
from motcua.dossiers.imports.progress import Progress


def _administrator(username: str | None) -> User:
    users = User.objects.filter(is_active=True)
    if username:
        found = users.filter(username=username).first()
        if found is None:
            raise CommandError(f"No active user {username}.")
        return found
    found = (
        users.filter(memberships__role=Role.ADMINISTRATOR, memberships__is_active=True).order_by("pk").first()
    )
    if found is None:
        raise CommandError("No administrator to record the import as: give --user.")
    return found


class Command(BaseCommand):
    help = (
        "Import dossiers with their full timelines from a legacy system (one JSON object per line, see "
        "docs/import.md). Each batch is written whole or not at all; earlier batches stay when one fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSONL file")
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Lines per transaction (default 1000)"
        )
        parser.add_argument("--dry-run", action="store_true", help="Check every line; write nothing")
        parser.add_argument("--user", help="The administrator recorded as the importer (default: the first)")

    def handle(self, *args, **options):
        size = options["batch_size"]
        if size < 1:
            raise CommandError("--batch-size is at least 1.")
        actor = _administrator(options["user"])
        if not has_role(actor, Role.ADMINISTRATOR):
            raise CommandError(f"{actor.username} is not an administrator.")
        lookups = Lookups()
        dossiers = events = 0
        started = time.perf_counter()
        try:
            stream = open(options["file"], "rb")  # noqa: SIM115 (closed below, with the progress bar)
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        progress = Progress(total=os.fstat(stream.fileno()).st_size, stream=sys.stderr)
        try:
            for number, (rows, read) in enumerate(batches(stream, size=size), start=1):
                try:
                    result = import_dossiers(
                        rows=rows, actor=actor, dry_run=options["dry_run"], lookups=lookups
                    )
                except ImportRejected as rejected:
                    progress.close()
                    first, last = rows[0][0], rows[-1][0]
                    self.stderr.write(
                        f"Batch {number} (lines {first}-{last}) rejected, nothing of it written; "
                        f"{dossiers} dossiers of earlier batches stay. Errors:"
                    )
                    for error in rejected.errors:
                        self.stderr.write(f"  {error.text()}")
                    sys.exit(1)
                dossiers, events = dossiers + result.dossiers, events + result.events
                progress.update(read, dossiers)
        finally:
            stream.close()
        progress.close()
        seconds = time.perf_counter() - started
        verb = "checked (dry run, nothing written)" if options["dry_run"] else "imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{dossiers} dossiers, {events} events {verb} in {seconds:.1f} s "
                f"({dossiers / max(seconds, 1e-9):,.0f} dossiers/s, {events / max(seconds, 1e-9):,.0f} events/s)."
            )
        )
