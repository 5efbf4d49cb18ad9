from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import User
from motcua.accounts.services import MAX_TOKEN_DAYS, api_token_issue


class Command(BaseCommand):
    help = "Issue an API bearer token for a user and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"days until the token expires (1-{MAX_TOKEN_DAYS}; default MOTCUA_API_TOKEN_DAYS, "
            f"now {settings.MOTCUA_API_TOKEN_DAYS})",
        )

    def handle(self, *args, username, name, days, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if days is not None and not 1 <= days <= MAX_TOKEN_DAYS:
            raise CommandError(f"--days must be between 1 and {MAX_TOKEN_DAYS}.")
        token, key = api_token_issue(user=user, name=name, days=days)
        self.stdout.write(key)
        self.stderr.write(f"Expires {token.expires_at.isoformat(timespec='seconds')}.")
