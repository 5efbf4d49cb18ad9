"""The administrators' officer pages (/workspace/quan-tri/can-bo/): the officers in the administrator's agencies
(search, filter by agency, paginated), a new officer's account (its initial password shown once), and an
officer's page to grant and withdraw roles and to deactivate or reactivate the account.

Thin: `accounts.services_officers` checks the administrator's scope and writes; anyone who administers nothing
gets 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from motcua.accounts import services_officers as services
from motcua.accounts.policy import AdministratorScope, administrator_scope
from motcua.accounts.selectors_officers import officer_detail, officers_search
from motcua.core.errors import ApplicationError
from motcua.core.errors import PermissionDenied as ScopeRefused
from motcua.core.form_fields import add_application_error

from .administration_forms import MembershipForm, OfficerCreateForm, OfficerFilterForm

PAGE_SIZE = 50


def scope_of(request) -> AdministratorScope:
    """The administrator's scope; 403 for anyone who administers nothing."""
    scope = administrator_scope(request.user)
    if scope.is_empty:
        raise PermissionDenied
    return scope


def error_status(error: ApplicationError) -> int:
    return 403 if isinstance(error, ScopeRefused) else error.status_code


@login_required
def officer_list(request):
    scope = scope_of(request)
    form = OfficerFilterForm(request.GET or None, scope=scope)
    q, agency_id = "", None
    if form.is_valid():
        q, agency_id = form.cleaned_data["q"], form.agency_id()
    page = Paginator(officers_search(scope=scope, q=q, agency_id=agency_id), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = {key: value for key, value in (("q", q), ("agency", agency_id or "")) if value}
    context = {"form": form, "page": page, "query_string": urlencode(query)}
    return render(request, "workspace/administration/officers.html", context)


@login_required
@never_cache
def officer_new(request):
    scope = scope_of(request)
    form = OfficerCreateForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = services.officer_create(
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                role=data["role"],
                agency_id=form.agency_id(),
            )
        except ApplicationError as error:
            add_application_error(form, error)
            return render(
                request,
                "workspace/administration/officer_new.html",
                {"form": form},
                status=error_status(error),
            )
        # Shown in this answer only (never stored, never cached, not carried in a redirect).
        return render(
            request, "workspace/administration/officer_created.html", {"officer": user, "password": password}
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "workspace/administration/officer_new.html", {"form": form}, status=status)


def _officer_page(
    request, scope: AdministratorScope, pk: int, *, form: MembershipForm | None = None, status=200
):
    officer = officer_detail(scope=scope, user_id=pk)
    if officer is None:
        raise Http404
    context = {
        "officer": officer,
        "form": form or MembershipForm(scope=scope),
        "own": officer.pk == request.user.pk,
    }
    return render(request, "workspace/administration/officer.html", context, status=status)


@login_required
def officer_page(request, pk: int):
    scope = scope_of(request)
    if request.method != "POST":
        return _officer_page(request, scope, pk)
    form = MembershipForm(request.POST, scope=scope)
    if not form.is_valid():
        return _officer_page(request, scope, pk, form=form, status=400)
    try:
        services.membership_grant(
            actor=request.user, user_id=pk, role=form.cleaned_data["role"], agency_id=form.agency_id()
        )
    except ApplicationError as error:
        add_application_error(form, error)
        return _officer_page(request, scope, pk, form=form, status=error_status(error))
    messages.success(request, _("Đã thêm vai trò."))
    return redirect("workspace:officer", pk=pk)


def _button(request, pk: int, perform, done: str):
    scope_of(request)
    try:
        perform()
    except ApplicationError as error:
        messages.error(request, error.message())
    else:
        messages.success(request, done)
    return redirect("workspace:officer", pk=pk)


@login_required
@require_POST
def membership_withdraw(request, pk: int, membership_id: int):
    return _button(
        request,
        pk,
        lambda: services.membership_withdraw(actor=request.user, user_id=pk, membership_id=membership_id),
        _("Đã thu hồi vai trò."),
    )


@login_required
@require_POST
def officer_set_active(request, pk: int):
    active = request.POST.get("active") == "1"
    return _button(
        request,
        pk,
        lambda: services.officer_set_active(actor=request.user, user_id=pk, active=active),
        _("Đã mở lại tài khoản.") if active else _("Đã khóa tài khoản."),
    )
