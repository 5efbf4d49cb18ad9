"""Rules on accounts that every area applies before it writes anything."""

from __future__ import annotations

from motcua.core.errors import PermissionDenied

from .models import Role, User
from .selectors import roles_of


def ensure_not_inspector(actor: User) -> None:
    """The inspector reads everything and writes nothing."""
    if Role.INSPECTOR in roles_of(actor):
        raise PermissionDenied(
            "Thanh tra chỉ được xem, không được thay đổi hồ sơ.",
            "An inspector may only read; dossiers cannot be changed with this account.",
            code="read_only_role",
        )
