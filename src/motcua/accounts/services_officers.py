"""Administrators manage officers' accounts: create one (with a one-time initial password), grant and withdraw a
role at an agency, deactivate and reactivate the account.

An administrator acts within their scope (`policy.administrator_scope`): a city-wide administrator everywhere, an
agency's administrator only for that agency. Nobody changes their own roles or account here, so no administrator
grants themselves more than they were given. Every change is one transaction and a row of the change log
(`motcua.core.change_log`).
"""

from __future__ import annotations

import secrets

from django.apps import apps
from django.db import models, transaction

from motcua.core.change_log import record_change
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.identity import normalize_phone, optional_email
from motcua.core.text import nfc

from .models import AGENCY_BOUND_ROLES, STAFF_ROLES, Membership, User
from .policy import AdministratorScope, ensure_administrator, ensure_covers
from .selectors_officers import officers_visible

USERNAME_MAX = 150
# 16 characters from letters and digits without look-alikes (about 90 bits): read once, typed once.
INITIAL_PASSWORD_CHARACTERS = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"  # noqa: S105 (an alphabet)
PASSWORD_LENGTH = 16


def _invalid(field: str, vi: str, en: str, code: str) -> ValidationFailed:
    return ValidationFailed(vi, en, code=code, details={field: [vi]})


def initial_password() -> str:
    return "".join(secrets.choice(INITIAL_PASSWORD_CHARACTERS) for _ in range(PASSWORD_LENGTH))


def _agency(agency_id: int | None) -> models.Model | None:
    # accounts sits below organization in the layers: the agency model is reached through the app registry.
    if agency_id is None:
        return None
    agency = apps.get_model("organization", "Agency").objects.filter(pk=agency_id, is_active=True).first()
    if agency is None:
        raise _invalid("agency", "Không tìm thấy cơ quan này.", "No such agency.", "agency_not_found")
    return agency


def _ensure_grantable(*, scope: AdministratorScope, role: str, agency: models.Model | None) -> None:
    """The role is a staff role, tied to an agency when it must be, and within the administrator's scope."""
    if role not in STAFF_ROLES:
        raise _invalid("role", "Chọn vai trò.", "Choose a role.", "invalid_role")
    if role in AGENCY_BOUND_ROLES and agency is None:
        raise _invalid(
            "agency",
            "Vai trò này gắn với một cơ quan; hãy chọn cơ quan.",
            "This role belongs to an agency; choose the agency.",
            "agency_required",
        )
    ensure_covers(scope, agency.pk if agency else None)


def _ensure_not_self(*, actor: User, user: User) -> None:
    if actor.pk == user.pk:
        raise PermissionDenied(
            "Bạn không thể tự thay đổi vai trò hoặc tài khoản của mình; hãy nhờ quản trị viên khác.",
            "You cannot change your own roles or account; ask another administrator.",
            code="own_account",
        )


def _where(agency: models.Model | None) -> str:
    return agency.code if agency else "*"


@transaction.atomic
def officer_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    email: str = "",
    phone: str = "",
    role: str,
    agency_id: int | None,
) -> tuple[User, str]:
    """A new officer account holding `role` at the agency, and its initial password (never stored in clear and
    never shown again: the officer changes it after signing in)."""
    scope = ensure_administrator(actor)
    agency = _agency(agency_id)
    _ensure_grantable(scope=scope, role=role, agency=agency)
    username = nfc(username or "").lower()
    if not username or len(username) > USERNAME_MAX or not all(c.isalnum() or c in "@.+-_" for c in username):
        raise _invalid(
            "username",
            "Nhập tên đăng nhập gồm chữ, số và các ký tự @ . + - _ (tối đa 150 ký tự).",
            "Enter a username of letters, digits and @ . + - _ (at most 150 characters).",
            "invalid_username",
        )
    if User.objects.filter(username__iexact=username).exists():
        raise _invalid(
            "username", "Tên đăng nhập này đã có người dùng.", "This username is taken.", "username_taken"
        )
    full_name = nfc(full_name or "")
    if not full_name:
        raise _invalid("full_name", "Nhập họ và tên.", "Enter the full name.", "required")
    email = optional_email(email, field="email")
    phone = normalize_phone(phone, field="phone") if (phone or "").strip() else ""
    password = initial_password()
    user = User(username=username, full_name=full_name, email=email, phone=phone, is_active=True)
    user.set_password(password)
    user.save()
    Membership.objects.create(user=user, role=role, agency=agency)
    record_change(
        actor=actor, obj=user, added=True, message=f"officer created with role {role} at {_where(agency)}"
    )
    return user, password


def _lock_officer(*, scope: AdministratorScope, user_id: int) -> User:
    """The officer's row, locked, if the administrator may see them (else not found)."""
    user = officers_visible(scope=scope).select_for_update(of=("self",)).filter(pk=user_id).first()
    if user is None:
        raise NotFound("Không tìm thấy cán bộ.", "No such officer.", code="officer_not_found")
    return user


@transaction.atomic
def membership_grant(*, actor: User, user_id: int, role: str, agency_id: int | None) -> Membership:
    """Give the officer `role` at the agency (again, if it was withdrawn)."""
    scope = ensure_administrator(actor)
    user = _lock_officer(scope=scope, user_id=user_id)
    _ensure_not_self(actor=actor, user=user)
    agency = _agency(agency_id)
    _ensure_grantable(scope=scope, role=role, agency=agency)
    membership = Membership.objects.filter(user=user, role=role, agency=agency).first()
    if membership is not None and membership.is_active:
        raise _invalid(
            "role",
            "Cán bộ đã có vai trò này tại cơ quan này.",
            "The officer already holds this role at this agency.",
            "membership_exists",
        )
    if membership is None:
        membership = Membership.objects.create(user=user, role=role, agency=agency)
    else:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    record_change(actor=actor, obj=user, message=f"role {role} granted at {_where(agency)}")
    return membership


@transaction.atomic
def membership_withdraw(*, actor: User, user_id: int, membership_id: int) -> Membership:
    """Withdraw a role at an agency (the row stays, inactive, for the record)."""
    scope = ensure_administrator(actor)
    user = _lock_officer(scope=scope, user_id=user_id)  # the officer first, as when granting
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("agency")
        .filter(pk=membership_id, user_id=user_id)
        .first()
    )
    if membership is None or not membership.is_active:
        raise NotFound("Không tìm thấy vai trò này.", "No such role.", code="membership_not_found")
    _ensure_not_self(actor=actor, user=user)
    ensure_covers(scope, membership.agency_id)
    membership.is_active = False
    membership.save(update_fields=["is_active", "updated_at"])
    record_change(
        actor=actor, obj=user, message=f"role {membership.role} withdrawn at {_where(membership.agency)}"
    )
    return membership


@transaction.atomic
def officer_set_active(*, actor: User, user_id: int, active: bool) -> User:
    """Deactivate an account (it can no longer sign in, nor use its API tokens) or reactivate it. An agency's
    administrator may do so only for officers whose every role is in their agencies."""
    scope = ensure_administrator(actor)
    user = _lock_officer(scope=scope, user_id=user_id)
    _ensure_not_self(actor=actor, user=user)
    elsewhere = Membership.objects.filter(user=user, is_active=True).values_list("agency_id", flat=True)
    if not all(scope.covers(agency_id) for agency_id in elsewhere):
        raise PermissionDenied(
            "Cán bộ này còn vai trò ở cơ quan ngoài phạm vi quản trị của bạn; chỉ thu hồi được vai trò tại cơ "
            "quan của bạn.",
            "This officer also holds roles outside the agencies you administer; you may only withdraw the roles "
            "at yours.",
            code="outside_administrator_scope",
        )
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        record_change(
            actor=actor, obj=user, message="account reactivated" if active else "account deactivated"
        )
    return user
