"""The administrators' express lanes page (/workspace/quan-tri/lan-xanh/): the lanes in force and ended, a form
to add one, a page to change one, a button to end one.

Thin: `catalog.services_express_lanes` validates and writes within the administrator's scope; anyone who
administers nothing gets 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.catalog import services_express_lanes as services
from motcua.catalog.selectors_express_lanes import express_lane_administered, express_lanes_administered
from motcua.core.errors import ApplicationError
from motcua.core.form_fields import add_application_error

from .administration_forms import WEEKDAY_CHOICES, ExpressLaneForm
from .officer_views import error_status, scope_of

WEEKDAY_LABELS = dict(WEEKDAY_CHOICES)


def _rows(lanes) -> list[tuple]:
    return [(lane, [WEEKDAY_LABELS[str(day)] for day in lane.weekdays]) for lane in lanes]


def _list_page(request, scope, *, form: ExpressLaneForm, status: int = 200):
    context = {
        "lanes": _rows(express_lanes_administered(scope=scope)),
        "ended": _rows(express_lanes_administered(scope=scope, ended=True)[:50]),
        "form": form,
    }
    return render(request, "workspace/administration/express_lanes.html", context, status=status)


def _save(request, form: ExpressLaneForm, *, lane_id: int | None):
    """The lane saved (None: errors put on the form) and the status to answer with."""
    if not form.is_valid():
        return None, 400
    try:
        return services.express_lane_save(actor=request.user, data=form.lane_data(), lane_id=lane_id), 200
    except ApplicationError as error:
        add_application_error(form, error)
        return None, error_status(error)


@login_required
def express_lanes(request):
    scope = scope_of(request)
    if request.method != "POST":
        return _list_page(request, scope, form=ExpressLaneForm(scope=scope))
    form = ExpressLaneForm(request.POST, scope=scope)
    lane, status = _save(request, form, lane_id=None)
    if lane is None:
        return _list_page(request, scope, form=form, status=status)
    messages.success(request, _("Đã thêm luồng xanh cho thủ tục %(code)s.") % {"code": lane.procedure.code})
    return redirect("workspace:express_lanes")


@login_required
def express_lane_edit(request, pk: int):
    scope = scope_of(request)
    lane = express_lane_administered(scope=scope, lane_id=pk)
    if lane is None:
        raise Http404
    if request.method != "POST":
        form = ExpressLaneForm(scope=scope, initial=ExpressLaneForm.initial_for(lane))
        return render(request, "workspace/administration/express_lane.html", {"lane": lane, "form": form})
    form = ExpressLaneForm(request.POST, scope=scope)
    saved, status = _save(request, form, lane_id=pk)
    if saved is None:
        return render(
            request, "workspace/administration/express_lane.html", {"lane": lane, "form": form}, status=status
        )
    messages.success(request, _("Đã lưu luồng xanh."))
    return redirect("workspace:express_lanes")


@login_required
@require_POST
def express_lane_end(request, pk: int):
    scope_of(request)
    try:
        services.express_lane_end(actor=request.user, lane_id=pk)
    except ApplicationError as error:
        messages.error(request, error.message())
    else:
        messages.success(request, _("Đã kết thúc luồng xanh."))
    return redirect("workspace:express_lanes")
