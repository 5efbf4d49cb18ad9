"""The administrators' working calendar page (/workspace/lich-lam-viec/): the year's statutory days off and
swapped working days (from the `holidays` package), the days administrators changed (city-wide or for one
agency), a form to add a day off or a make-up working day, and a button to remove each change.

Thin: the deadlines services validate and write; only administrators (403 for anyone else).
"""

from __future__ import annotations

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core import clock
from motcua.core.errors import ApplicationError
from motcua.core.text import small_number
from motcua.deadlines import selectors as calendar_selectors
from motcua.deadlines import services as calendar_services
from motcua.deadlines.models import CalendarOverride, OverrideKind
from motcua.organization.models import Agency

from .leader_forms import DateInput


class OverrideForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Ngày"),
        help_text=gettext_lazy("Ví dụ: 02/01/2027"),
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại"), choices=OverrideKind.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=gettext_lazy("Lý do"), max_length=255)
    reason_en = forms.CharField(label=gettext_lazy("Lý do (tiếng Anh)"), max_length=255, required=False)
    legal_basis = forms.CharField(
        label=gettext_lazy("Căn cứ"),
        help_text=gettext_lazy("Ví dụ: Thông báo số .../TB-UBND ngày ..."),
        max_length=500,
        required=False,
    )
    agency = forms.ChoiceField(
        label=gettext_lazy("Áp dụng cho"), required=False, help_text=gettext_lazy("Để trống: toàn thành phố")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_active=True).order_by("code").only("code", "name", "name_en")
        self.fields["agency"].choices = [("", _("Toàn thành phố"))] + [
            (agency.code, f"{agency.code} - {agency.display_name}") for agency in agencies
        ]


def administrator_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not calendar_services.may_manage_calendar(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _year(request) -> int:
    raw = request.GET.get("year", "") or request.POST.get("year", "")
    years = calendar_selectors.HOLIDAY_YEARS
    year = small_number(raw, digits=4) or clock.today().year
    return min(max(year, years.start), years.stop - 1)


def _render(request, *, year: int, form: OverrideForm, status: int = 200):
    language = (get_language() or "vi")[:2]
    _off, swapped = calendar_selectors.statutory_days()
    context = {
        "year": year,
        "previous_year": year - 1 if year > calendar_selectors.HOLIDAY_YEARS.start else None,
        "next_year": year + 1 if year < calendar_selectors.HOLIDAY_YEARS.stop - 1 else None,
        "statutory": sorted(calendar_selectors.statutory_names(year=year, language=language).items()),
        "swapped": sorted(d for d in swapped if d.year == year),
        "overrides": CalendarOverride.objects.filter(date__year=year)
        .select_related("agency")
        .order_by("date", "agency__code"),
        "form": form,
    }
    return render(request, "workspace/calendar.html", context, status=status)


@administrator_required
def calendar_page(request):
    year = _year(request)
    if request.method != "POST":
        return _render(request, year=year, form=OverrideForm())
    form = OverrideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        agency = Agency.objects.filter(code=data["agency"]).first() if data["agency"] else None
        try:
            override = calendar_services.calendar_override_add(
                actor=request.user,
                day=data["date"],
                kind=data["kind"],
                reason=data["reason"],
                reason_en=data["reason_en"],
                legal_basis=data["legal_basis"],
                agency=agency,
            )
        except ApplicationError as error:
            details = error.details if isinstance(error.details, dict) else {}
            field = next((name for name in details if name in form.fields), None)
            form.add_error(field, error.message())
        else:
            messages.success(
                request,
                _("Đã thêm %(day)s: %(kind)s.")
                % {"day": f"{override.date:%d/%m/%Y}", "kind": override.get_kind_display()},
            )
            return redirect(f"{reverse('workspace:calendar')}?year={override.date.year}")
    return _render(request, year=year, form=form, status=400)


@administrator_required
@require_POST
def override_remove(request, pk: int):
    try:
        calendar_services.calendar_override_remove(actor=request.user, override_id=pk)
    except ApplicationError as error:
        messages.error(request, error.message())
    else:
        messages.success(request, _("Đã xóa ngày điều chỉnh."))
    return redirect(f"{reverse('workspace:calendar')}?year={_year(request)}")
