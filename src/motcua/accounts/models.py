"""Users, roles and memberships in agencies, and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core.identity import Sex
from motcua.core.models import TimeStampedModel


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Người nộp hồ sơ")
    RECEIVING_OFFICER = "receiving_officer", _("Cán bộ tiếp nhận")
    SPECIALIST = "specialist", _("Chuyên viên xử lý")
    LEADER = "leader", _("Lãnh đạo phê duyệt")
    INSPECTOR = "inspector", _("Thanh tra, lãnh đạo thành phố")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


# Roles that act for one agency; the others may be system-wide (agency left empty).
AGENCY_BOUND_ROLES = frozenset({Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER})
STAFF_ROLES = frozenset(set(Role) - {Role.APPLICANT})


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    personal_id = models.CharField(
        _("số định danh cá nhân"), max_length=12, blank=True, db_index=True, help_text=_("12 chữ số")
    )
    phone = models.CharField(_("số điện thoại (E.164)"), max_length=16, blank=True)
    preferred_language = models.CharField(
        _("ngôn ngữ"), max_length=5, choices=[("vi", "Tiếng Việt"), ("en", "English")], default="vi"
    )
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices, blank=True)
    # Addresses since 1 July 2025: house and street, commune/ward, province/city (no district level).
    address_street = models.CharField(_("số nhà, đường phố"), max_length=255, blank=True)
    address_commune = models.CharField(_("xã, phường"), max_length=200, blank=True)
    address_province = models.CharField(_("tỉnh, thành phố"), max_length=200, blank=True)
    # An applicant who signed up with an email or a phone number signs in with it: it is their username,
    # and the account stays inactive until the code sent there is entered.
    verified_at = models.DateTimeField(_("xác minh lúc"), null=True, blank=True)
    # The subject (`sub`) of an identity provider's account (OpenID Connect), when signed in that way.
    oidc_subject = models.CharField(_("mã định danh OpenID Connect"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.UniqueConstraint(
                fields=["oidc_subject"], condition=~Q(oidc_subject=""), name="user_oidc_subject_unique"
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Membership(TimeStampedModel):
    """A user holds a role, at one agency (officers, leaders) or system-wide (inspectors, administrators)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("người dùng")
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    agency = models.ForeignKey(
        "organization.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("cơ quan"),
        help_text=_("Để trống cho vai trò toàn hệ thống (thanh tra, quản trị, người nộp)."),
    )
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)

    class Meta:
        verbose_name = _("vai trò tại cơ quan")
        verbose_name_plural = _("vai trò tại cơ quan")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "agency"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(agency__isnull=True), name="membership_unique_systemwide"
            ),
            models.CheckConstraint(
                condition=~Q(role__in=sorted(r.value for r in AGENCY_BOUND_ROLES)) | Q(agency__isnull=False),
                name="membership_officer_roles_need_agency",
            ),
        ]
        indexes = [models.Index(fields=["user", "is_active"], name="membership_user_active")]

    def __str__(self) -> str:
        where = self.agency.code if self.agency_id else "*"
        return f"{self.user} - {self.get_role_display()} @ {where}"


class ApiToken(TimeStampedModel):
    """A bearer token for integrations. Only a hash is stored; the key is shown once, when issued."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("người dùng")
    )
    name = models.CharField(_("tên"), max_length=100, default="api")
    prefix = models.CharField(_("tiền tố"), max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    # Written at most once a minute per token (see `api_token_authenticate`), not on every request.
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "mc_" + secrets.token_urlsafe(32)


class VerificationCode(models.Model):
    """A code sent to prove that an email address or phone number belongs to the person signing up, or to the
    person resetting the account's forgotten password (`purpose`).

    Only an HMAC of the code is stored. A code expires after `LIFETIME`, allows `MAX_ATTEMPTS` wrong entries,
    and a newer code replaces the older ones."""

    LIFETIME_MINUTES = 10
    MAX_ATTEMPTS = 5

    class Channel(models.TextChoices):
        EMAIL = "email", _("Thư điện tử")
        SMS = "sms", _("Tin nhắn SMS")

    class Purpose(models.TextChoices):
        SIGN_UP = "sign_up", _("Đăng ký tài khoản")
        PASSWORD_RESET = "password_reset", _("Đặt lại mật khẩu")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="verification_codes", verbose_name=_("người dùng")
    )
    channel = models.CharField(_("kênh gửi"), max_length=10, choices=Channel.choices)
    destination = models.CharField(_("gửi đến"), max_length=254)
    purpose = models.CharField(_("mục đích"), max_length=20, choices=Purpose.choices, default=Purpose.SIGN_UP)
    code_hash = models.CharField(max_length=64)
    # A hash of the key the sign-up's (or the reset's) browser keeps: only that browser may enter (or ask again
    # for) the code, so signing up again with someone's unverified number cannot slip a password into their
    # verification, and a code read over someone's shoulder is no use in another browser.
    sign_up_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField(_("số lần nhập sai"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("dùng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã xác minh")
        verbose_name_plural = _("mã xác minh")
        indexes = [models.Index(fields=["user", "-created_at"], name="verification_code_user_latest")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.destination} ({self.created_at:%Y-%m-%d %H:%M})"
