"""Forgotten password pages: ask for a code with the email or phone, then enter it with a new password.

Plain forms: they work without JavaScript. The pages answer the same whether or not an account exists."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.client_address import client_address
from motcua.core.errors import ApplicationError
from motcua.core.form_fields import add_application_error

from .errors import ResendLimited
from .forms import PasswordResetForm, PasswordResetRequestForm
from .services_password_reset import PendingReset, password_reset_complete, password_reset_request
from .views import masked_contact

RESET_SESSION_KEY = "motcua_password_reset"


def _sent(request, pending: PendingReset) -> None:
    request.session[RESET_SESSION_KEY] = {"identifier": pending.identifier, "key": pending.key}
    messages.success(
        request,
        _(
            "Nếu %(to)s là số điện thoại hoặc thư điện tử của một tài khoản, chúng tôi đã gửi đến đó mã đặt lại "
            "mật khẩu."
        )
        % {"to": masked_contact(pending.identifier)},
    )


def _refused(request, template: str, form, error: ApplicationError, default_field: str):
    add_application_error(form, error, default_field=default_field)
    response = render(request, template, {"form": form}, status=400)
    if isinstance(error, ResendLimited):
        response.status_code = 429
        response["Retry-After"] = str(error.retry_after)
    return response


def password_reset(request):
    form = PasswordResetRequestForm(request.POST or None)
    template = "accounts/password_reset.html"
    if request.method == "POST" and form.is_valid():
        try:
            pending = password_reset_request(
                identifier=form.cleaned_data["identifier"], address=client_address(request)
            )
        except ApplicationError as error:
            return _refused(request, template, form, error, "identifier")
        _sent(request, pending)
        return redirect("accounts:password_reset_new")
    return render(request, template, {"form": form}, status=400 if form.errors else 200)


def _pending(request) -> PendingReset | None:
    pending = request.session.get(RESET_SESSION_KEY)
    if not isinstance(pending, dict) or not pending.get("identifier"):
        return None
    return PendingReset(identifier=str(pending["identifier"]), key=str(pending.get("key", "")))


def password_reset_new(request):
    pending = _pending(request)
    if pending is None:
        messages.info(
            request, _("Nhập số điện thoại hoặc thư điện tử của tài khoản để nhận mã đặt lại mật khẩu.")
        )
        return redirect("accounts:password_reset")
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_reset_complete(
                identifier=pending.identifier,
                key=pending.key,
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password"],
            )
        except ApplicationError as error:
            add_application_error(form, error, default_field="code")
        else:
            del request.session[RESET_SESSION_KEY]
            messages.success(request, _("Đã đặt lại mật khẩu. Mời bạn đăng nhập bằng mật khẩu mới."))
            return redirect("accounts:login")
    context = {"form": form, "destination": masked_contact(pending.identifier)}
    return render(request, "accounts/password_reset_new.html", context, status=400 if form.errors else 200)


@require_POST
def password_reset_resend(request):
    pending = _pending(request)
    if pending is None:
        return redirect("accounts:password_reset")
    try:
        _sent(request, password_reset_request(identifier=pending.identifier, address=client_address(request)))
    except ApplicationError as error:
        messages.error(request, error.message())
    return redirect("accounts:password_reset_new")
