"""Who may do what: roles and the agencies a user acts for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime

from motcua.core import clock
from motcua.core.row_read import model_columns, read_rows

from .models import STAFF_ROLES, ApiToken, Membership, Role, User


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, is_active=True).select_related("agency")


def roles_of(user: User) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_motcua_roles", None)
    if cached is None:
        cached = {role for role, _agency_id in active_grants(user)}
        if not cached & STAFF_ROLES:
            cached.add(Role.APPLICANT)
        user._motcua_roles = cached
    return cached


def has_role(user: User, role: str, *, agency_id: int | None = None) -> bool:
    """True if the user holds `role`; with `agency_id`, at that agency or system-wide."""
    if not user.is_authenticated:
        return False
    if agency_id is None:
        return role in roles_of(user)
    return (
        Membership.objects.filter(user=user, role=role, is_active=True, agency_id=agency_id).exists()
        or Membership.objects.filter(user=user, role=role, is_active=True, agency__isnull=True).exists()
    )


def agency_ids_for(user: User, *, roles: set[str] | None = None) -> set[int]:
    """Agencies where the user holds one of `roles` (any staff role when None)."""
    if not user.is_authenticated:
        return set()
    qs = memberships_of(user).filter(agency__isnull=False)
    qs = qs.filter(role__in=list(roles or STAFF_ROLES))
    return set(qs.values_list("agency_id", flat=True))


def officers_of(*, agency_ids: list[int], roles: frozenset[str]) -> dict[int, list[User]]:
    """The active users holding one of `roles` at each agency, by name (whom a leader may assign work to)."""
    officers: dict[int, list[User]] = {agency_id: [] for agency_id in agency_ids}
    rows = (
        Membership.objects.filter(
            agency_id__in=agency_ids, role__in=sorted(roles), is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user__full_name", "user__username")
    )
    for row in rows:
        if row.user not in officers[row.agency_id]:
            officers[row.agency_id].append(row.user)
    return officers


def is_systemwide(user: User, *, roles: set[str]) -> bool:
    """True if the user holds one of `roles` with no agency (sees every agency)."""
    return memberships_of(user).filter(agency__isnull=True, role__in=list(roles)).exists()


def active_grants(user: User) -> frozenset[tuple[str, int | None]]:
    """(role, agency id) of the user's active memberships, read once per user object, that is per request
    (a token's user arrives with them, see `user_for_token`)."""
    cached = getattr(user, "_motcua_memberships", None)
    if cached is None:
        cached = frozenset(
            Membership.objects.filter(user=user, is_active=True).values_list("role", "agency_id")
        )
        user._motcua_memberships = cached
    return cached


def _token_query() -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {model_columns(User, 'u', connection)}, m.role, m.agency_id, t.id, t.expires_at, "  # noqa: S608
        "t.last_used_at "
        f"FROM {quote(ApiToken._meta.db_table)} t JOIN {quote(User._meta.db_table)} u ON u.id = t.user_id "
        f"LEFT JOIN {quote(Membership._meta.db_table)} m ON m.user_id = u.id AND m.is_active "
        "WHERE t.key_hash = %s AND t.revoked_at IS NULL AND u.is_active"
    )


@dataclass(frozen=True)
class TokenMatch:
    """An unrevoked token of an active user, expired or not: the caller decides what expiry means."""

    user: User
    token_id: int
    expires_at: datetime
    last_used_at: datetime | None


def _aware(value) -> datetime | None:
    # SQLite hands the extra columns back naive (or as text), in UTC; PostgreSQL as aware datetimes.
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = parse_datetime(str(value))
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # stored in UTC


def token_match(key: str) -> TokenMatch | None:
    """The token `key` with its user and the user's active memberships, read in one statement (nothing is
    cached across requests: a revoked token or a changed membership counts at once)."""
    rows = read_rows(User, _token_query(), [ApiToken.hash_key(key)])
    if not rows:
        return None
    user = rows[0][0]
    user._motcua_memberships = frozenset(
        (role, agency) for _user, (role, agency, *_token) in rows if role is not None
    )
    token_id, expires_at, last_used_at = rows[0][1][2:]
    return TokenMatch(
        user=user, token_id=token_id, expires_at=_aware(expires_at), last_used_at=_aware(last_used_at)
    )


def user_for_token(key: str) -> User | None:
    """The active user of an unrevoked, unexpired token, with their active memberships."""
    match = token_match(key)
    if match is None or match.expires_at <= clock.now():
        return None
    return match.user
