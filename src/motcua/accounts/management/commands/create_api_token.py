from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import User
from motcua.accounts.services import api_token_issue


class Command(BaseCommand):
    help = "Issue an API bearer token for a user and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        _token, key = api_token_issue(user=user, name=name)
        self.stdout.write(key)
