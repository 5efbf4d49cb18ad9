"""Home service for citizens (DOMAIN.md §3.4): ask for a visit for a procedure that offers it, see my requests
and their appointment, cancel one still open. The rules are the dossier services'; plain forms and links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.catalog.errors import ProcedureNotFound
from motcua.catalog.selectors import procedure_public
from motcua.core.errors import ApplicationError
from motcua.core.form_fields import CancelReasonForm as CancelForm
from motcua.core.form_fields import place_error, posted_version
from motcua.dossiers import services
from motcua.dossiers.errors import HomeServiceRequestNotFound
from motcua.dossiers.selectors_home import home_request_of_applicant, home_requests_of_applicant
from motcua.organization.selectors import communes_and_wards

from .home_service_forms import HomeServiceForm

FIELD_OF = {
    "eligibility": "eligibility",
    "reason": "reason",
    "name": "name",
    "phone": "phone",
    "address_street": "address_street",
    "address_unit": "address_unit",
    "address_province": "address_province",
    "preferred_date": "preferred_date",
    "preferred_window": "preferred_window",
}


@login_required
def home_service_list(request):
    rows = list(home_requests_of_applicant(user=request.user)[:50])
    return render(request, "portal/home_service/list.html", {"rows": rows})


@login_required
def home_service_new(request, procedure_code: str):
    try:
        procedure = procedure_public(code=procedure_code)
    except ProcedureNotFound as exc:
        raise Http404(exc.message()) from exc
    if not procedure.current_version.home_service_eligible:
        raise Http404(_("Thủ tục này không có dịch vụ tiếp nhận tại nhà."))
    communes = list(communes_and_wards())
    form = HomeServiceForm(
        request.POST or None, communes=communes, initial=HomeServiceForm.initial_for(request.user, communes)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = services.home_service_request(
                actor=request.user,
                data=services.VisitRequest(
                    procedure_code=procedure.code,
                    eligibility=data["eligibility"],
                    reason=data["reason"],
                    name=data["name"],
                    phone=data["phone"],
                    address_street=data["address_street"],
                    address_unit_code=data["address_unit"],
                    address_province=data["address_province"],
                    preferred_date=data["preferred_date"],
                    preferred_window=data["preferred_window"],
                ),
            )
        except ApplicationError as error:
            place_error(form, error, FIELD_OF, "reason")
        else:
            messages.success(request, _("Đã gửi yêu cầu. Cán bộ sẽ gọi điện để hẹn lịch."))
            return redirect("home_service_detail", request_id=row.pk)
    context = {"procedure": procedure, "form": form}
    return render(request, "portal/home_service/form.html", context, status=400 if form.errors else 200)


@login_required
def home_service_detail(request, request_id: int):
    try:
        row = home_request_of_applicant(user=request.user, request_id=request_id)
    except HomeServiceRequestNotFound as exc:
        raise Http404(exc.message()) from exc
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.home_service_cancel(
                request_id=row.pk,
                actor=request.user,
                version=posted_version(request),
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            place_error(form, error, {"reason": "reason"}, "reason")
        else:
            messages.success(request, _("Đã hủy yêu cầu."))
            return redirect("home_service_detail", request_id=row.pk)
    context = {"row": row, "form": form}
    return render(request, "portal/home_service/detail.html", context, status=400 if form.errors else 200)
