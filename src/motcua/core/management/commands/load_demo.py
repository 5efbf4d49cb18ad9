"""Load the sample data for the demo. Idempotent: running it twice changes nothing the second time."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: each app's sample data builds on the ones before it.
DEMO_MODULES = [
    "motcua.organization.demo",
    "motcua.accounts.demo",
    "motcua.deadlines.demo",
    "motcua.catalog.demo",
    "motcua.documents.demo",
    "motcua.dossiers.demo",
    "motcua.feedback.demo",
    "motcua.indicators.demo",  # a year of history through the historical import
]


class Command(BaseCommand):
    help = "Load realistic sample data (Hanoi) for the demo and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--history",
            type=int,
            default=None,
            help="Dossiers in the year of history imported for the indicator pages (default 20000; 0: none)",
        )

    def handle(self, *args, **options):
        loaded = []
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            with transaction.atomic():
                if name == "motcua.indicators.demo" and options["history"] is not None:
                    module.load(stdout=self.stdout, count=options["history"])
                else:
                    module.load(stdout=self.stdout)
            loaded.append(module)
        # Summaries (such as the table of demo logins) come last, where they are easy to find.
        for module in loaded:
            if hasattr(module, "summary"):
                module.summary(stdout=self.stdout)
