"""Who may do what: roles and the agencies a user acts for."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import STAFF_ROLES, ApiToken, Membership, Role, User


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, is_active=True).select_related("agency")


def roles_of(user: User) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_motcua_roles", None)
    if cached is None:
        cached = set(memberships_of(user).values_list("role", flat=True))
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


def is_systemwide(user: User, *, roles: set[str]) -> bool:
    """True if the user holds one of `roles` with no agency (sees every agency)."""
    return memberships_of(user).filter(agency__isnull=True, role__in=list(roles)).exists()


def user_for_token(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token else None
