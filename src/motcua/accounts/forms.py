from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from motcua.core.client_address import client_address

from .errors import SignInLocked
from .throttle import ensure_sign_in_open


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng kiểm tra và nhập lại."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    #: Seconds to wait when signing in is locked for this account or address (the view answers 429).
    retry_after: int | None = None

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is not None and self.cleaned_data.get("password"):
            address = client_address(self.request) if self.request is not None else None
            try:
                ensure_sign_in_open(username=username, address=address)
            except SignInLocked as locked:
                self.retry_after = locked.retry_after
                raise forms.ValidationError(locked.message(), code=locked.code) from None
        return super().clean()
