"""Writes on accounts: issuing and revoking API tokens."""

from __future__ import annotations

from django.db import transaction

from motcua.core import clock

from .models import ApiToken, User


@transaction.atomic
def api_token_issue(*, user: User, name: str = "api") -> tuple[ApiToken, str]:
    """Create a token and return it with its key; the key is never stored and cannot be shown again."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name, prefix=key[3:11], key_hash=ApiToken.hash_key(key))
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    return token
