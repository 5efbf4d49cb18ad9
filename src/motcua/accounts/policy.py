"""Rules on accounts that every area applies before it writes anything."""

from __future__ import annotations

from dataclasses import dataclass

from motcua.core.errors import PermissionDenied

from .models import Role, User
from .selectors import active_grants, roles_of


def ensure_not_inspector(actor: User) -> None:
    """The inspector reads everything and writes nothing."""
    if Role.INSPECTOR in roles_of(actor):
        raise PermissionDenied(
            "Thanh tra chỉ được xem, không được thay đổi hồ sơ.",
            "An inspector may only read; dossiers cannot be changed with this account.",
            code="read_only_role",
        )


@dataclass(frozen=True)
class AdministratorScope:
    """Where an administrator may manage accounts and express lanes: every agency (a system-wide administrator)
    or the agencies of their administrator memberships."""

    citywide: bool
    agency_ids: frozenset[int]

    @property
    def is_empty(self) -> bool:
        return not self.citywide and not self.agency_ids

    def covers(self, agency_id: int | None) -> bool:
        """True if the administrator may act at `agency_id` (None: system-wide, for city-wide administrators)."""
        return self.citywide or (agency_id is not None and agency_id in self.agency_ids)


def administrator_scope(user: User) -> AdministratorScope:
    if not user.is_authenticated:
        return AdministratorScope(citywide=False, agency_ids=frozenset())
    grants = [agency for role, agency in active_grants(user) if role == Role.ADMINISTRATOR]
    return AdministratorScope(
        citywide=None in grants, agency_ids=frozenset(agency for agency in grants if agency is not None)
    )


def ensure_administrator(user: User) -> AdministratorScope:
    """The caller's administrator scope; anyone else is refused (403)."""
    scope = administrator_scope(user)
    if scope.is_empty:
        raise PermissionDenied(
            "Chỉ quản trị hệ thống được thực hiện thao tác này.",
            "Only administrators may do this.",
            code="administrators_only",
        )
    return scope


def ensure_covers(scope: AdministratorScope, agency_id: int | None) -> None:
    """Refuse (403) an agency outside the administrator's scope; system-wide (None) needs a city-wide one."""
    if not scope.covers(agency_id):
        raise PermissionDenied(
            "Cơ quan này nằm ngoài phạm vi quản trị của bạn.",
            "This agency is outside the agencies you administer.",
            code="outside_administrator_scope",
            details={"agency": agency_id},
        )
