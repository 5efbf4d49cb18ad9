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
    "motcua.dossiers.demo",
]


class Command(BaseCommand):
    help = "Load realistic sample data (Hanoi) for the demo and print the demo logins."

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout)
