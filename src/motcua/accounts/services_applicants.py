"""Applicants' accounts: signing up with an email address or a mobile number, proving it with a code, the
profile, and the language they read.

An applicant signs in with the email or phone they signed up with: it is their username (phone numbers in
E.164), so the sign-in page, its throttle and the admin treat them like any other account. The account stays
inactive until the code sent there is entered.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core import clock
from motcua.core.errors import ApplicationError, ValidationFailed
from motcua.core.identity import Sex, normalize_phone, validate_personal_id
from motcua.core.text import nfc

from .code_senders import code_send
from .errors import ResendLimited, code_expired, code_used_up, sign_up_superseded, wrong_code
from .models import Membership, Role, User, VerificationCode

RESEND_INTERVAL = timedelta(seconds=60)
RESEND_WINDOW = timedelta(hours=1)
MAX_CODES_PER_WINDOW = 5
CODE_DIGITS = 6


@dataclass(frozen=True)
class Contact:
    """An email address (lower case) or a mobile number (E.164) a code can be sent to."""

    channel: str
    value: str


def _invalid(field: str, vi: str, en: str, code: str) -> ValidationFailed:
    failure = ValidationFailed(vi, en, code=code)
    failure.details = {field: [failure.message()]}
    return failure


def _email(text: str, *, field: str) -> str:
    value = nfc(text or "")
    try:
        validate_email(value)
    except DjangoValidationError:
        raise _invalid(
            field,
            "Nhập địa chỉ thư điện tử đúng dạng, ví dụ ten@example.vn.",
            "Enter an email address in the right format, like name@example.com.",
            "invalid_email",
        ) from None
    return value.lower()


def contact_from(text: str, *, field: str = "identifier") -> Contact:
    """The email address or Vietnamese mobile number typed in `text`."""
    value = nfc(text or "")
    if "@" in value:
        return Contact(VerificationCode.Channel.EMAIL, _email(value, field=field))
    if not value:
        raise _invalid(
            field,
            "Nhập số điện thoại di động hoặc địa chỉ thư điện tử.",
            "Enter a mobile number or an email address.",
            "identifier_required",
        )
    return Contact(VerificationCode.Channel.SMS, normalize_phone(value, field=field, mobile_only=True))


def sign_in_name(typed: str) -> str:
    """The username an applicant means when they type their email or phone in any usual form ("0912 345 678",
    "+84912345678", "An@Example.vn"); anything else is a username as typed."""
    try:
        contact = contact_from(typed)
    except ApplicationError:
        return typed
    if contact.value != typed and User.objects.filter(username=contact.value).exists():
        return contact.value
    return typed


@dataclass(frozen=True)
class PendingSignUp:
    """A new account waiting for its code, and the key its browser keeps to enter it (never stored)."""

    user: User
    key: str


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _pending(user: User) -> bool:
    """Signed up but never verified: whoever receives the code may still claim the address or number."""
    return not user.is_active and user.verified_at is None


def _password_checked(password: str, candidate: User) -> None:
    try:
        validate_password(password, user=candidate)
    except DjangoValidationError as error:
        text = " ".join(error.messages)
        raise ValidationFailed(
            text, text, code="weak_password", details={"password": error.messages}
        ) from None


def applicant_sign_up(*, identifier: str, password: str, full_name: str = "") -> PendingSignUp:
    """Create an inactive applicant account for an email or mobile number and send it a code. Signing up again
    with a number that was never verified replaces the password and sends a new code (within the resend
    limits) under a new key: the earlier sign-up's browser can no longer verify. A verified one is refused."""
    contact = contact_from(identifier)
    full_name = nfc(full_name or "")[:150]
    candidate = User(username=contact.value, full_name=full_name)
    if contact.channel == VerificationCode.Channel.EMAIL:
        candidate.email = contact.value
    else:
        candidate.phone = contact.value
    _password_checked(password, candidate)
    taken = _invalid(
        "identifier",
        "Đã có tài khoản với số điện thoại hoặc thư điện tử này. Hãy đăng nhập.",
        "There is already an account with this phone number or email address. Please sign in.",
        "identifier_taken",
    )
    try:
        with transaction.atomic():
            user = User.objects.select_for_update().filter(username=contact.value).first()
            if user is not None and not _pending(user):
                raise taken
            if user is None:
                user = candidate
                user.is_active = False
            elif full_name:
                user.full_name = full_name
            user.set_password(password)
            user.save()
            Membership.objects.get_or_create(user=user, role=Role.APPLICANT, agency=None)
            key = secrets.token_urlsafe(24)
            _code_send(user=user, sign_up_hash=_key_hash(key))
    except IntegrityError:  # the same number signed up at the same moment
        raise taken from None
    return PendingSignUp(user=user, key=key)


def _code_hash(user_id: int, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{user_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _message(code: str) -> str:
    return _(
        "Mã xác minh tài khoản Cổng dịch vụ công của bạn là %(code)s. Mã có hiệu lực trong %(minutes)s phút. "
        "Không đưa mã này cho bất kỳ ai."
    ) % {"code": code, "minutes": VerificationCode.LIFETIME_MINUTES}


SIGN_UP = VerificationCode.Purpose.SIGN_UP
# The subject of a code's email says what the code is for.
CODE_SUBJECTS = {
    SIGN_UP: gettext_lazy("Mã xác minh tài khoản"),
    VerificationCode.Purpose.PASSWORD_RESET: gettext_lazy("Mã đặt lại mật khẩu"),
}


def _latest_code(user: User, purpose: str = SIGN_UP) -> VerificationCode | None:
    codes = VerificationCode.objects.filter(user=user, purpose=purpose)
    return codes.order_by("-created_at", "-pk").first()


@transaction.atomic
def verification_code_send(*, user: User, sign_up_key: str) -> VerificationCode:
    """A new code for a pending account, asked for by the browser that signed it up (`sign_up_key`), sent
    after commit to its email or phone; older codes stop working. At most one code a minute and
    `MAX_CODES_PER_WINDOW` an hour (`ResendLimited`)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not _pending(user):
        raise ValidationFailed(
            "Tài khoản này đã được xác minh. Hãy đăng nhập.",
            "This account is already verified. Please sign in.",
            code="already_verified",
        )
    latest = _latest_code(user)
    if latest is None or not hmac.compare_digest(latest.sign_up_hash, _key_hash(sign_up_key or "")):
        raise sign_up_superseded()
    return _code_send(user=user, sign_up_hash=latest.sign_up_hash)


def _code_send(
    *, user: User, sign_up_hash: str, purpose: str = SIGN_UP, message: Callable[[str], str] = _message
) -> VerificationCode:
    """A new code of `purpose` for the account, sent after commit with `message(code)`; the account's older
    codes of that purpose stop working. At most one a minute and `MAX_CODES_PER_WINDOW` an hour."""
    now = clock.now()
    recent = list(
        VerificationCode.objects.filter(user=user, purpose=purpose, created_at__gt=now - RESEND_WINDOW)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
    )
    if recent and now - recent[0] < RESEND_INTERVAL:
        raise ResendLimited(retry_after=math.ceil((recent[0] + RESEND_INTERVAL - now).total_seconds()))
    if len(recent) >= MAX_CODES_PER_WINDOW:
        raise ResendLimited(retry_after=math.ceil((recent[-1] + RESEND_WINDOW - now).total_seconds()))
    contact = contact_from(user.username)
    superseded = VerificationCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True)
    superseded.update(used_at=now)
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    record = VerificationCode.objects.create(
        user=user,
        channel=contact.channel,
        destination=contact.value,
        purpose=purpose,
        code_hash=_code_hash(user.pk, code),
        sign_up_hash=sign_up_hash,
        created_at=now,
        expires_at=now + timedelta(minutes=VerificationCode.LIFETIME_MINUTES),
    )
    text, subject = message(code), str(CODE_SUBJECTS[purpose])  # in the language of the request
    transaction.on_commit(
        lambda: code_send(channel=contact.channel, to=contact.value, text=text, subject=subject)
    )
    return record


def _check_code(user_id: int, code: str, sign_up_key: str) -> tuple[User | None, ApplicationError | None]:
    """One transaction that records a wrong attempt (kept: the caller raises after it commits)."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id).first()
        if user is None or not _pending(user):
            return None, code_used_up()
        record = _latest_code(user)
        if record is not None and not hmac.compare_digest(record.sign_up_hash, _key_hash(sign_up_key or "")):
            return None, sign_up_superseded()
        if record is None or record.used_at is not None or record.attempts >= VerificationCode.MAX_ATTEMPTS:
            return None, code_used_up()
        now = clock.now()
        if record.expires_at <= now:
            return None, code_expired()
        typed = "".join(ch for ch in nfc(code or "") if not ch.isspace())
        if not hmac.compare_digest(_code_hash(user.pk, typed), record.code_hash):
            record.attempts += 1
            record.save(update_fields=["attempts"])
            return None, wrong_code(attempts_left=VerificationCode.MAX_ATTEMPTS - record.attempts)
        record.used_at = now
        record.save(update_fields=["used_at"])
        user.is_active = True
        user.verified_at = now
        user.save(update_fields=["is_active", "verified_at"])
        return user, None


def applicant_verify(*, user_id: int, code: str, sign_up_key: str) -> User:
    """Activate the account when `code` is its latest code, unexpired, within the allowed attempts, entered in
    the browser that signed up (`sign_up_key`)."""
    user, error = _check_code(user_id, code, sign_up_key)
    if error is not None:
        raise error
    return user


@transaction.atomic
def user_language_set(*, user: User, language: str) -> None:
    if language in {code for code, _name in settings.LANGUAGES} and user.preferred_language != language:
        User.objects.filter(pk=user.pk).update(preferred_language=language)
        user.preferred_language = language


@dataclass(frozen=True)
class ProfileData:
    full_name: str = ""
    personal_id: str = ""
    birth_date: date | None = None
    sex: str = ""
    address_street: str = ""
    address_commune: str = ""
    address_province: str = ""
    phone: str = ""
    email: str = ""


def _profile_checked(data: ProfileData) -> dict[str, str]:
    """The profile's values as stored, or ValidationFailed naming every field that is wrong (all at once)."""
    errors: dict[str, list[str]] = {}
    values = {
        "full_name": nfc(data.full_name)[:150],
        "address_street": nfc(data.address_street)[:255],
        "address_commune": nfc(data.address_commune)[:200],
        "address_province": nfc(data.address_province)[:200],
        "personal_id": "",
        "phone": "",
        "email": "",
    }
    if data.sex and data.sex not in Sex.values:
        errors["sex"] = [_("Chọn giới tính.")]
    if data.birth_date and data.birth_date > clock.local_now().date():
        errors["birth_date"] = [_("Ngày sinh phải là một ngày trong quá khứ.")]
    checks = [
        (
            "personal_id",
            data.personal_id,
            lambda v: validate_personal_id(
                v, birth_date=data.birth_date, sex=data.sex or None, field="personal_id"
            ),
        ),
        ("phone", data.phone, lambda v: normalize_phone(v, field="phone")),
        ("email", data.email, lambda v: _email(v, field="email")),
    ]
    for field, raw, check in checks:
        if not (raw or "").strip():
            continue
        try:
            values[field] = check(raw.strip())
        except ApplicationError as error:
            errors[field] = [error.message()]
    if errors:
        raise ValidationFailed(
            "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.",
            "Some details are not valid; please check them.",
            code="invalid_profile",
            details=errors,
        )
    values["birth_date"] = data.birth_date
    values["sex"] = data.sex
    return values


def profile_check(*, data: ProfileData) -> None:
    """Raise ValidationFailed naming every field of `data` that is wrong, without saving anything (a form
    with other errors still shows these at once)."""
    _profile_checked(data)


@transaction.atomic
def profile_update(*, user: User, data: ProfileData) -> User:
    """Save the applicant's personal details: the personal ID checked against the date of birth and sex,
    the phone in E.164, names and addresses NFC."""
    values = _profile_checked(data)
    user = User.objects.select_for_update().get(pk=user.pk)
    for field, value in values.items():
        setattr(user, field, value)
    user.save(update_fields=list(values))
    return user


@transaction.atomic
def applicant_from_identity_provider(*, subject: str, full_name: str = "", email: str = "") -> User:
    """The applicant account of an identity provider's subject, created active on first sign-in."""
    user = User.objects.filter(oidc_subject=subject).first()
    if user is not None:
        return user
    digest = hashlib.sha256(subject.encode()).hexdigest()[:24]
    user = User(
        username=f"oidc-{digest}",
        oidc_subject=subject,
        full_name=nfc(full_name)[:150],
        email=email.lower() if email else "",
        verified_at=clock.now(),
    )
    user.set_unusable_password()
    user.save()
    Membership.objects.get_or_create(user=user, role=Role.APPLICANT, agency=None)
    return user
