"""Refusals of sign-in and API tokens, in the ApplicationError family (code, Vietnamese and English)."""

from __future__ import annotations

from motcua.core.errors import ApplicationError, NotAuthenticated


class SignInLocked(ApplicationError):
    """Too many wrong passwords for this account or from this address; `retry_after` seconds remain."""

    status_code = 429
    default_code = "sign_in_locked"

    def __init__(self, *, retry_after: int) -> None:
        minutes = max(1, -(-retry_after // 60))
        super().__init__(
            f"Đã nhập sai mật khẩu quá nhiều lần. Vì an toàn, việc đăng nhập tạm khóa; vui lòng thử lại sau "
            f"{minutes} phút.",
            f"Too many wrong passwords. For your safety, signing in is paused; please try again in {minutes} "
            f"minute{'s' if minutes != 1 else ''}.",
            details={"retry_after": retry_after},
        )
        self.retry_after = retry_after


class TokenExpired(NotAuthenticated):
    default_code = "token_expired"
    default_message_vi = "Mã truy cập đã hết hạn. Hãy xin cấp mã mới."
    default_message_en = "The access token has expired. Ask for a new one."


class VerificationFailed(ApplicationError):
    """A verification code that is wrong, expired or used up; the person may ask for a new one."""

    status_code = 400
    default_code = "verification_failed"


def wrong_code(*, attempts_left: int) -> VerificationFailed:
    if attempts_left <= 0:
        return code_used_up()
    return VerificationFailed(
        f"Mã xác minh không đúng. Bạn còn {attempts_left} lần nhập.",
        f"The verification code is wrong. You have {attempts_left} attempt{'s' if attempts_left != 1 else ''} "
        "left.",
        code="wrong_verification_code",
        details={"attempts_left": attempts_left},
    )


def code_used_up() -> VerificationFailed:
    return VerificationFailed(
        "Mã xác minh đã bị nhập sai quá nhiều lần. Hãy bấm “Gửi lại mã” để nhận mã mới.",
        "The code was entered wrongly too many times. Choose “Send a new code” to get a new one.",
        code="verification_attempts_exhausted",
    )


def code_expired() -> VerificationFailed:
    return VerificationFailed(
        "Mã xác minh đã hết hạn (mã có hiệu lực 10 phút). Hãy bấm “Gửi lại mã” để nhận mã mới.",
        "The verification code has expired (codes last 10 minutes). Choose “Send a new code” to get a new one.",
        code="verification_code_expired",
    )


class ResendLimited(ApplicationError):
    """A new code was asked for too soon after the last one, or too often in an hour."""

    status_code = 429
    default_code = "verification_resend_limited"

    def __init__(self, *, retry_after: int) -> None:
        minutes = max(1, -(-retry_after // 60))
        if retry_after < 60:
            vi, en = f"{retry_after} giây", f"{retry_after} second{'s' if retry_after != 1 else ''}"
        else:
            vi, en = f"{minutes} phút", f"{minutes} minute{'s' if minutes != 1 else ''}"
        super().__init__(
            f"Mã xác minh vừa được gửi. Vui lòng chờ {vi} rồi yêu cầu gửi lại.",
            f"A code was sent recently. Please wait {en} before asking for another.",
            details={"retry_after": retry_after},
        )
        self.retry_after = retry_after


def sign_up_superseded() -> VerificationFailed:
    return VerificationFailed(
        "Mã xác minh này không còn dùng được vì số điện thoại hoặc thư điện tử đã được đăng ký lại. Hãy đăng ký "
        "lại.",
        "This verification is no longer valid because the phone number or email was signed up again. Please sign "
        "up again.",
        code="sign_up_superseded",
    )


def reset_code_invalid() -> VerificationFailed:
    """Any refusal of a password reset code: one answer whether the code is wrong, expired or used up, or no
    account has that email or phone, so the page never tells whether an account exists."""
    return VerificationFailed(
        "Mã không đúng hoặc đã hết hạn. Kiểm tra lại mã, hoặc bấm “Gửi lại mã” để nhận mã mới.",
        "The code is wrong or has expired. Check it, or choose “Send a new code” to get a new one.",
        code="reset_code_invalid",
    )
