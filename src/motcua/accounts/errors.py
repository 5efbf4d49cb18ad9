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
