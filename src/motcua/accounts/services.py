"""Writes on accounts: issuing, checking and revoking API tokens."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from motcua.core import clock
from motcua.core.errors import ValidationFailed

from .errors import TokenExpired
from .models import ApiToken, User
from .selectors import token_match

# A token's last use is written at most this often: the request path stays one read, one write a minute.
LAST_USE_PRECISION = timedelta(minutes=1)
MAX_TOKEN_DAYS = 3650


@transaction.atomic
def api_token_issue(*, user: User, name: str = "api", days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token valid for `days` (default `MOTCUA_API_TOKEN_DAYS`) and return it with its key; the key is
    never stored and cannot be shown again."""
    days = settings.MOTCUA_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationFailed(
            f"Thời hạn của mã truy cập phải từ 1 đến {MAX_TOKEN_DAYS} ngày.",
            f"A token's lifetime must be between 1 and {MAX_TOKEN_DAYS} days.",
            code="invalid_token_days",
            details={"days": days},
        )
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[3:11],
        key_hash=ApiToken.hash_key(key),
        expires_at=clock.now() + timedelta(days=days),
    )
    return token, key


def api_token_authenticate(*, key: str) -> User | None:
    """The user of a valid token (None for an unknown, revoked or inactive user's token); an expired token
    raises `TokenExpired`. Records the token's last use, at most once a minute (one conditional UPDATE that
    concurrent requests cannot repeat)."""
    match = token_match(key)
    if match is None:
        return None
    now = clock.now()
    if match.expires_at <= now:
        raise TokenExpired()
    if match.last_used_at is None or now - match.last_used_at >= LAST_USE_PRECISION:
        ApiToken.objects.filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USE_PRECISION), pk=match.token_id
        ).update(last_used_at=now)
    return match.user


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    return token
