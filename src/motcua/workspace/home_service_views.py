"""Home-service requests at the officer's one-stop section: the list (by status), and each request's page with
the visit's scheduling, "received at home" (the dossier is created through the counter intake) and
cancellation. Scoped by the dossier selectors: a request sent elsewhere is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.core.errors import ApplicationError, StaleVersion
from motcua.core.form_fields import CancelReasonForm as CancelForm
from motcua.core.form_fields import place_error, posted_version
from motcua.dossiers import services
from motcua.dossiers.errors import HomeServiceRequestNotFound
from motcua.dossiers.models import HomeServiceStatus
from motcua.dossiers.selectors_home import home_request_for_officer, home_requests_at

from .home_service_forms import ScheduleForm

LIST_SIZE = 100


@login_required
def home_service_queue(request):
    status = request.GET.get("status", HomeServiceStatus.REQUESTED)
    if status not in HomeServiceStatus.values:
        status = HomeServiceStatus.REQUESTED
    rows = list(home_requests_at(user=request.user, status=status)[:LIST_SIZE])
    context = {"rows": rows, "status": status, "statuses": HomeServiceStatus.choices}
    return render(request, "workspace/home_service/list.html", context)


def _row(request, request_id: int):
    try:
        return home_request_for_officer(user=request.user, request_id=request_id)
    except HomeServiceRequestNotFound as exc:
        raise Http404(exc.message()) from exc


def _message(error: ApplicationError) -> str:
    if isinstance(error, StaleVersion):
        return _("Người khác vừa thay đổi yêu cầu này; hãy tải lại trang để xem thay đổi rồi thử lại.")
    return error.message()


@login_required
def home_service_request_page(request, request_id: int):
    row = _row(request, request_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    schedule = ScheduleForm(request.POST if action == "schedule" else None)
    cancel = CancelForm(request.POST if action == "cancel" else None, prefix="cancel")
    error = None
    try:
        if action == "schedule" and schedule.is_valid():
            services.home_service_schedule(
                request_id=row.pk,
                actor=request.user,
                version=posted_version(request),
                visit_at=schedule.visit_at(),
                note=schedule.cleaned_data["note"],
            )
            messages.success(request, _("Đã hẹn lịch đến nhà."))
            return redirect("workspace:home_service", request_id=row.pk)
        if action == "receive":
            done = services.home_service_receive(
                request_id=row.pk, actor=request.user, version=posted_version(request)
            )
            messages.success(
                request, _("Đã tiếp nhận hồ sơ tại nhà: %(code)s.") % {"code": done.dossier.code}
            )
            return redirect("workspace:dossier", code=done.dossier.code)
        if action == "cancel" and cancel.is_valid():
            services.home_service_cancel(
                request_id=row.pk,
                actor=request.user,
                version=posted_version(request),
                reason=cancel.cleaned_data["reason"],
            )
            messages.success(request, _("Đã hủy yêu cầu."))
            return redirect("workspace:home_service", request_id=row.pk)
    except ApplicationError as exc:
        form = schedule if action == "schedule" else cancel if action == "cancel" else None
        if form is not None and not isinstance(exc, StaleVersion):
            place_error(form, exc, {"visit_at": "visit_date", "reason": "reason"}, None)
        else:
            error = _message(exc)
    failed = bool(action) and (error or schedule.errors or cancel.errors)
    context = {"row": _row(request, request_id), "schedule": schedule, "cancel": cancel, "error": error}
    return render(request, "workspace/home_service/detail.html", context, status=400 if failed else 200)
