from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from motcua.accounts.errors import TokenExpired
from motcua.accounts.services import api_token_authenticate


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>`; the token carries its user's roles. An expired token answers 401
    `token_expired`."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không đúng định dạng."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không đúng định dạng.")) from exc
        try:
            user = api_token_authenticate(key=key)  # also records the token's last use
        except TokenExpired as expired:
            raise exceptions.AuthenticationFailed(expired.message(), code=expired.code) from expired
        if user is None:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ hoặc đã bị thu hồi."))
        return (user, None)

    def authenticate_header(self, request):
        return self.keyword


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Describes the bearer token in the OpenAPI schema (Swagger UI's "Authorize" button)."""

    target_class = BearerTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": _(
                "Mã truy cập cấp trong trang quản trị hoặc bằng `manage.py create_api_token <username>`."
            ),
        }
