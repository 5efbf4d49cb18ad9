"""`python -m motcua import-dossiers FILE.jsonl` (or import_dossiers): the historical import, batch by batch."""

from __future__ import annotations

import os
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import Role, User
from motcua.accounts.selectors import has_role
from motcua.dossiers.imports.batches import import_batches
from motcua.dossiers.imports.files import raw_batches
from motcua.dossiers.imports.first_load import FirstLoadImpossible, FirstLoadRejected, first_load
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
        "docs/import.md). Each batch is written whole or not at all; the others stay when one fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSONL file")
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Lines per transaction (default 1000)"
        )
        parser.add_argument("--dry-run", action="store_true", help="Check every line; write nothing")
        parser.add_argument("--user", help="The administrator recorded as the importer (default: the first)")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="Processes importing whole batches in parallel, each in its own transaction (default 1)",
        )
        parser.add_argument(
            "--first-load",
            action="store_true",
            help=(
                "PostgreSQL, service stopped: the whole file in one transaction, the dossier tables locked, their "
                "indexes and foreign keys made again at the end (docs/import.md); --workers processes prepare "
                "the batches"
            ),
        )

    def handle(self, *args, **options):
        size, workers = options["batch_size"], options["workers"]
        if size < 1:
            raise CommandError("--batch-size is at least 1.")
        if workers < 1:
            raise CommandError("--workers is at least 1.")
        actor = _administrator(options["user"])
        if not has_role(actor, Role.ADMINISTRATOR):
            raise CommandError(f"{actor.username} is not an administrator.")
        dossiers = events = 0
        rejected = []
        started = time.perf_counter()
        try:
            stream = open(options["file"], "rb")  # noqa: SIM115 (closed below, with the progress bar)
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        progress = Progress(total=os.fstat(stream.fileno()).st_size, stream=sys.stderr)
        if options["first_load"]:
            if options["dry_run"]:
                raise CommandError("--first-load writes; check the file first with --dry-run alone.")
            self._first_load(stream, progress, actor=actor, size=size, workers=workers)
            return
        try:
            outcomes = import_batches(
                raw_batches(stream, size=size), actor=actor, dry_run=options["dry_run"], workers=workers
            )
            for outcome in outcomes:
                if outcome.errors:
                    rejected.append(outcome)
                    continue
                dossiers, events = dossiers + outcome.result.dossiers, events + outcome.result.events
                progress.update(outcome.read, dossiers)
        finally:
            stream.close()
        progress.close()
        if rejected:
            for outcome in rejected:
                self.stderr.write(
                    f"Batch {outcome.number} (lines {outcome.first_line}-{outcome.last_line}) rejected, "
                    "nothing of it written. Errors:"
                )
                for error in outcome.errors:
                    self.stderr.write(f"  {error.text()}")
            self.stderr.write(f"{dossiers} dossiers of the other batches stay.")
            sys.exit(1)
        seconds = time.perf_counter() - started
        verb = "checked (dry run, nothing written)" if options["dry_run"] else "imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{dossiers} dossiers, {events} events {verb} in {seconds:.1f} s "
                f"({dossiers / max(seconds, 1e-9):,.0f} dossiers/s, {events / max(seconds, 1e-9):,.0f} events/s)."
            )
        )

    def _first_load(self, stream, progress: Progress, *, actor: User, size: int, workers: int) -> None:
        started = time.perf_counter()
        written, copied = [0], [started]

        def on_batch(batch) -> None:
            written[0] += batch.dossiers
            copied[0] = time.perf_counter()
            progress.update(batch.read, written[0])

        try:
            result = first_load(
                raw_batches(stream, size=size), actor=actor, workers=workers, on_batch=on_batch
            )
        except FirstLoadImpossible as error:
            raise CommandError(error.message_en) from None
        except FirstLoadRejected as rejected:
            progress.close()
            batch = rejected.batch
            self.stderr.write(
                f"Batch {batch.number} (lines {batch.first_line}-{batch.last_line}) rejected. Errors:"
            )
            for error in rejected.errors:
                self.stderr.write(f"  {error.text()}")
            self.stderr.write("Nothing of the file was written (a first load is one transaction).")
            sys.exit(1)
        finally:
            stream.close()
        progress.close()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.dossiers} dossiers, {result.events} events imported in one transaction in "
                f"{seconds:.1f} s ({result.dossiers / max(seconds, 1e-9):,.0f} dossiers/s, "
                f"{result.events / max(seconds, 1e-9):,.0f} events/s): rows written in {copied[0] - started:.1f} s, "
                f"then counts, indexes and foreign keys in {time.perf_counter() - copied[0]:.1f} s."
            )
        )
