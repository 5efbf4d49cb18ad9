"""A forgotten password of an applicant account: a code to the email or phone the account signs in with, then a
new password.

The answers never tell whether an account exists: asking for a code answers the same for any well-formed email
or mobile number (a code is sent only when an applicant account signs in with it), and a refused code answers
one message whatever the reason. Asking is throttled per email or number and per client address whether an
account exists or not (one request a minute and `MAX_CODES_PER_WINDOW` an hour per email or number, as when
signing up). A code lasts `VerificationCode.LIFETIME_MINUTES`, allows `MAX_ATTEMPTS` wrong entries, is
entered only in the browser that asked for it, and works once. Setting the new password ends the account's
other sessions: Django signs out every session whose password hash no longer matches.
"""

from __future__ import annotations

import hmac
import math
import secrets
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.text import nfc

from .errors import ResendLimited, VerificationFailed, reset_code_invalid
from .models import ApiToken, Role, User, VerificationCode
from .services_applicants import (
    MAX_CODES_PER_WINDOW,
    RESEND_INTERVAL,
    RESEND_WINDOW,
    _code_hash,
    _code_send,
    _key_hash,
    _latest_code,
    _password_checked,
    contact_from,
)
from .throttle import sign_in_succeeded

PASSWORD_RESET = VerificationCode.Purpose.PASSWORD_RESET
_PREFIX = "motcua:password-reset"
# Requests from one client address in an hour: several people may share an office's address.
ADDRESS_REQUESTS_PER_WINDOW = 20


@dataclass(frozen=True)
class PendingReset:
    """What the asking browser keeps: the email or number (as the account would sign in with it) and its key."""

    identifier: str
    key: str


def _message(code: str) -> str:
    return _(
        "Mã đặt lại mật khẩu tài khoản Cổng dịch vụ công của bạn là %(code)s. Mã có hiệu lực trong %(minutes)s "
        "phút. Nếu bạn không yêu cầu đặt lại mật khẩu, hãy bỏ qua tin này. Không đưa mã này cho bất kỳ ai."
    ) % {"code": code, "minutes": VerificationCode.LIFETIME_MINUTES}


def _throttle(key: str, *, limit: int, interval: int | None) -> None:
    """Count one request under `key` in a window of `RESEND_WINDOW`; refuse when it is the (limit+1)-th, or
    within `interval` seconds of the previous one."""
    now = int(time.time())
    window = int(RESEND_WINDOW.total_seconds())
    # The moments are this process's clock; the cache's expiry only clears old keys, so a cache whose clock
    # differs (another machine's Redis) neither shortens nor lengthens an interval or a window.
    if interval is not None and not cache.add(f"{key}:last", now, interval):
        last = cache.get(f"{key}:last", now)
        if last + interval > now:
            raise ResendLimited(retry_after=max(1, last + interval - now))
        cache.set(f"{key}:last", now, interval)
    cache.add(f"{key}:start", now, window)
    started = cache.get(f"{key}:start", now)
    if started + window <= now:
        started = now
        cache.set(f"{key}:start", now, window)
    counter = f"{key}:{started}"
    cache.add(counter, 0, window)
    try:
        count = cache.incr(counter)
    except ValueError:  # expired in between
        cache.set(counter, 1, window)
        count = 1
    if count > limit:
        raise ResendLimited(retry_after=max(1, math.ceil(started + window - now)))


def _resettable(identifier: str) -> User | None:
    """The active applicant account that signs in with this email or number; never staff, whose passwords
    are reset by an administrator."""
    user = User.objects.filter(
        username=identifier, is_active=True, is_staff=False, is_superuser=False
    ).first()
    if user is None or not user.has_usable_password():
        return None
    if not user.memberships.filter(role=Role.APPLICANT, agency=None).exists():
        return None
    return user


def password_reset_request(*, identifier: str, address: str | None) -> PendingReset:
    """Send a reset code when an applicant account signs in with `identifier` (an email or a mobile number in
    any usual form); the same answer when none does. `ResendLimited` when asked too often for this email or
    number, or from this address."""
    contact = contact_from(identifier)
    digest = _key_hash(contact.value)
    _throttle(
        f"{_PREFIX}:identifier:{digest}",
        limit=MAX_CODES_PER_WINDOW,
        interval=int(RESEND_INTERVAL.total_seconds()),
    )
    if address:
        _throttle(f"{_PREFIX}:address:{address}", limit=ADDRESS_REQUESTS_PER_WINDOW, interval=None)
    key = secrets.token_urlsafe(24)
    user = _resettable(contact.value)
    if user is not None:
        try:
            with transaction.atomic():
                User.objects.select_for_update().filter(pk=user.pk).first()
                _code_send(user=user, sign_up_hash=_key_hash(key), purpose=PASSWORD_RESET, message=_message)
        except ResendLimited:
            pass  # the account's own limit (kept in the database): no code, and the same answer
    return PendingReset(identifier=contact.value, key=key)


def _check_reset_code(*, user: User, key: str, code: str) -> VerificationCode:
    """The account's latest reset code, locked, when `code` is it, unexpired, within the allowed attempts and
    entered in the browser that asked (`key`). A wrong code counts an attempt (committed by the caller)."""
    record = _latest_code(user, PASSWORD_RESET)  # the account's row is locked: its codes do not change
    if (
        record is None
        or not hmac.compare_digest(record.sign_up_hash, _key_hash(key or ""))
        or record.used_at is not None
        or record.attempts >= VerificationCode.MAX_ATTEMPTS
        or record.expires_at <= clock.now()
    ):
        raise reset_code_invalid()
    typed = "".join(ch for ch in nfc(code or "") if not ch.isspace())
    if not hmac.compare_digest(_code_hash(user.pk, typed), record.code_hash):
        record.attempts += 1
        record.save(update_fields=["attempts"])
        raise reset_code_invalid()
    return record


def password_reset_complete(*, identifier: str, key: str, code: str, password: str) -> User:
    """Set the new password (checked by the password validators) when the code is right; the code is used up
    and the account's sessions and API tokens end. Any refusal of the code answers `reset_code_invalid`."""
    user = _resettable(identifier)
    if user is None:
        raise reset_code_invalid()
    failure = None
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        try:
            record = _check_reset_code(user=user, key=key, code=code)
        except VerificationFailed as error:  # the wrong attempt is committed, then the refusal raised
            failure = error
        else:
            _password_checked(password, user)
            record.used_at = clock.now()
            record.save(update_fields=["used_at"])
            user.set_password(
                password
            )  # the session hash changes: every signed-in session of the account ends
            user.save(update_fields=["password"])
            # Whoever knew the old password may have issued themselves a token: those end too.
            now = clock.now()
            ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now, updated_at=now)
    if failure is not None:
        raise failure
    sign_in_succeeded(username=user.username)  # the new password may be tried at once
    return user
