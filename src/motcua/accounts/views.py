from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from motcua.core.errors import ApplicationError
from motcua.core.form_fields import add_application_error
from motcua.core.page_language import chosen_language

from .forms import ProfileForm, SignInForm, SignUpForm, VerifyForm
from .models import User
from .services_applicants import (
    ProfileData,
    applicant_sign_up,
    applicant_verify,
    profile_check,
    profile_update,
    user_language_set,
    verification_code_send,
)

PENDING_SESSION_KEY = "motcua_pending_account"


class SignInView(auth_views.LoginView):
    """The sign-in page; while wrong passwords lock signing in it answers 429 with `Retry-After`.

    Signing in keeps the language: one chosen before signing in becomes the account's, else the account's
    preferred language is chosen for this browser."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.retry_after:
            response.status_code = 429
            response["Retry-After"] = str(form.retry_after)
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if settings.LANGUAGE_COOKIE_NAME in self.request.COOKIES:
            user_language_set(user=user, language=chosen_language(self.request))
        else:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            oidc_enabled=settings.MOTCUA_OIDC_ENABLED, oidc_provider_name=settings.MOTCUA_OIDC_PROVIDER_NAME
        )
        return context


def language_switch(request):
    """Django's switcher (a POST with `language`, back to `next`), remembered on the account when signed in."""
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


def masked_contact(destination: str) -> str:
    if "@" in destination:
        name, _at, domain = destination.partition("@")
        return f"{name[:1]}•••@{domain}"
    return f"{destination[:3]}•••••{destination[-3:]}"


def sign_up(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pending = applicant_sign_up(**form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error, default_field="identifier")
        else:
            request.session[PENDING_SESSION_KEY] = {"user": pending.user.pk, "key": pending.key}
            to = masked_contact(pending.user.username)
            messages.success(request, _("Chúng tôi đã gửi mã xác minh đến %(to)s.") % {"to": to})
            return redirect("accounts:verify")
    return render(request, "accounts/sign_up.html", {"form": form}, status=400 if form.errors else 200)


def _pending(request) -> tuple[User | None, str]:
    """The account this browser signed up and is verifying, with the sign-up's key."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict):
        return None, ""
    return User.objects.filter(pk=pending.get("user"), is_active=False).first(), str(pending.get("key", ""))


def verify(request):
    pending, key = _pending(request)
    if pending is None:
        messages.info(request, _("Hãy đăng ký tài khoản trước, rồi nhập mã xác minh được gửi đến bạn."))
        return redirect("accounts:sign_up")
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            applicant_verify(user_id=pending.pk, code=form.cleaned_data["code"], sign_up_key=key)
        except ApplicationError as error:
            add_application_error(form, error, default_field="code")
        else:
            del request.session[PENDING_SESSION_KEY]
            messages.success(request, _("Tài khoản đã được xác minh. Mời bạn đăng nhập."))
            return redirect(f"{reverse('accounts:login')}?next={reverse('accounts:profile')}")
    context = {"form": form, "destination": masked_contact(pending.username)}
    return render(request, "accounts/verify.html", context, status=400 if form.errors else 200)


@require_POST
def verify_resend(request):
    pending, key = _pending(request)
    if pending is None:
        return redirect("accounts:sign_up")
    try:
        verification_code_send(user=pending, sign_up_key=key)
    except ApplicationError as error:
        messages.error(request, error.message())
    else:
        messages.success(request, _("Đã gửi mã mới đến %(to)s.") % {"to": masked_contact(pending.username)})
    return redirect("accounts:verify")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(request.user))
    if request.method == "POST":
        valid = form.is_valid()
        data = ProfileData(**form.values())
        try:
            if not valid:
                profile_check(data=data)  # every mistake at once, not only those the form found
            else:
                profile_update(user=request.user, data=data)
                messages.success(request, _("Đã lưu thông tin cá nhân."))
                return redirect("accounts:profile")
        except ApplicationError as error:
            add_application_error(form, error, default_field="full_name")
    context = {"form": form, "sign_in_name": request.user.username}
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)
