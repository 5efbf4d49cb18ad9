"""Reads for the administrators' officer pages, scoped to the administrator: a city-wide administrator sees
every account that holds or held a staff role, an agency's administrator those with a role (current or
withdrawn) at one of their agencies."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from motcua.core.text import nfc

from .models import STAFF_ROLES, Membership, Role, User
from .policy import AdministratorScope


def _staff_memberships(scope: AdministratorScope) -> QuerySet[Membership]:
    memberships = Membership.objects.filter(role__in=sorted(STAFF_ROLES))
    if not scope.citywide:
        memberships = memberships.filter(agency_id__in=sorted(scope.agency_ids))
    return memberships


def officers_visible(*, scope: AdministratorScope) -> QuerySet[User]:
    if scope.is_empty:
        return User.objects.none()
    return User.objects.filter(Exists(_staff_memberships(scope).filter(user=OuterRef("pk"))))


def officers_search(
    *, scope: AdministratorScope, q: str = "", agency_id: int | None = None
) -> QuerySet[User]:
    """Officers by name, with their current roles; `q` matches the name, username or email (case-insensitive),
    `agency_id` keeps those with a current role there."""
    users = officers_visible(scope=scope)
    q = nfc(q or "")
    if q:
        users = users.filter(Q(full_name__icontains=q) | Q(username__icontains=q) | Q(email__icontains=q))
    if agency_id is not None:
        users = users.filter(
            Exists(Membership.objects.filter(user=OuterRef("pk"), agency_id=agency_id, is_active=True))
        )
    current = (
        Membership.objects.filter(is_active=True).select_related("agency").order_by("role", "agency__code")
    )
    return users.prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    ).order_by("full_name", "username", "pk")


def officer_detail(*, scope: AdministratorScope, user_id: int) -> User | None:
    """The officer with every membership (current first), or None outside the scope."""
    every = Membership.objects.select_related("agency").order_by("-is_active", "role", "agency__code")
    return (
        officers_visible(scope=scope)
        .prefetch_related(Prefetch("memberships", queryset=every, to_attr="all_memberships"))
        .filter(pk=user_id)
        .first()
    )


def agencies_administered(*, scope: AdministratorScope) -> QuerySet:
    """The active agencies where the administrator may grant roles, by code."""
    agencies = (
        apps.get_model("organization", "Agency")
        .objects.filter(is_active=True)
        .only("pk", "code", "name", "name_en")
        .order_by("code")
    )
    if scope.citywide:
        return agencies
    return agencies.filter(pk__in=sorted(scope.agency_ids))


def grantable_roles() -> list[tuple[str, str]]:
    """The roles an administrator may give (the applicant role is every citizen's; it is not granted)."""
    return [(role.value, role.label) for role in Role if role in STAFF_ROLES]
