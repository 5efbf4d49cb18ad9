"""`python -m motcua rebuild-indicators`: recompute every count from the events and report any difference."""

from django.core.management.base import BaseCommand, CommandError

from motcua.indicators.rebuild import rebuild_indicators
from motcua.indicators.snapshots import backfill_snapshots


class Command(BaseCommand):
    help = (
        "Recompute the indicator counts from the dossiers' events and report every difference with the kept "
        "counts; --check only reports (exit code 1 on a difference), otherwise the counts are replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="report differences without changing anything"
        )
        parser.add_argument("--limit", type=int, default=50, help="differences to print (default 50)")
        parser.add_argument(
            "--snapshots",
            action="store_true",
            help="also record how the open dossiers stood at the end of every day with events that has no record",
        )

    def handle(self, *args, check: bool, limit: int, snapshots: bool, **options):
        found = rebuild_indicators(apply=not check)
        if snapshots and not check:
            days = backfill_snapshots()
            self.stdout.write(f"Snapshots recorded for {days} day(s).")
        for diff in found[:limit]:
            self.stdout.write(
                f"DIFF agency {diff.agency_id} sector {diff.sector_id if diff.sector_id is not None else '-'} "
                f"{diff.day:%d/%m/%Y} {diff.measure}: "
                f"kept {diff.kept}, recomputed {diff.recomputed}"
            )
        if len(found) > limit:
            self.stdout.write(f"... and {len(found) - limit} more")
        if not found:
            self.stdout.write(
                self.style.SUCCESS("OK: the kept counts equal a recomputation from the events.")
            )
        elif check:
            raise CommandError(
                f"{len(found)} difference(s) found; run without --check to replace.", returncode=1
            )
        else:
            self.stdout.write(self.style.WARNING(f"Replaced: {len(found)} difference(s) corrected."))
