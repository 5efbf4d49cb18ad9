"""Reads for the administrators' officer pages, scoped to the administrator: a city-wide administrator sees
every account that holds or held a staff role, an agency's administrator those with a role (current or
withdrawn) at one of their agencies."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value

from motcua.core.text import nfc

from .models import STAFF_ROLES, Membership, Role, User
from .policy import AdministratorScope


def _staff_memberships(scope: AdministratorScope) -> QuerySet[Membership]:
    memberships = Membership.objects.filter(role__in=sorted(STAFF_ROLES))
    if not scope.citywide:
        memberships = memberships.filter(agency_id__in=sorted(scope.agency_ids))
    return memberships


def _administered(memberships: QuerySet[Membership], scope: AdministratorScope) -> QuerySet[Membership]:
    """The memberships an administrator manages: every one for a city-wide administrator, those at their own
    agencies for an agency's administrator. Roles elsewhere (another agency, or system-wide) are not theirs to
    see: the pages count them without naming them."""
    if scope.citywide:
        return memberships
    return memberships.filter(agency_id__in=sorted(scope.agency_ids))


def _current_roles_elsewhere(scope: AdministratorScope) -> Count | Value:
    """How many current roles the officer holds outside the administrator's agencies."""
    if scope.citywide:
        return Value(0)
    inside = Q(memberships__agency_id__in=sorted(scope.agency_ids))
    return Count("memberships", filter=Q(memberships__is_active=True) & ~inside)


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
    current = _administered(Membership.objects.filter(is_active=True), scope)
    return (
        users.prefetch_related(
            Prefetch(
                "memberships",
                queryset=current.select_related("agency").order_by("role", "agency__code"),
                to_attr="current_memberships",
            )
        )
        .annotate(roles_elsewhere=_current_roles_elsewhere(scope))
        .order_by("full_name", "username", "pk")
    )


def officer_detail(*, scope: AdministratorScope, user_id: int) -> User | None:
    """The officer with every membership at the administrator's agencies (current first), or None outside the
    scope."""
    every = _administered(Membership.objects.all(), scope)
    return (
        officers_visible(scope=scope)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=every.select_related("agency").order_by("-is_active", "role", "agency__code"),
                to_attr="all_memberships",
            )
        )
        .annotate(roles_elsewhere=_current_roles_elsewhere(scope))
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
