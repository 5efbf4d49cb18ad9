from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.organization.models import Agency
from motcua.organization.selectors import agency_by_code

from . import selectors
from .models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "reason", "agency", "legal_basis"]
    list_filter = ["kind", ("agency", admin.EmptyFieldListFilter), "agency"]
    search_fields = ["reason", "reason_en", "legal_basis", "agency__code", "agency__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["agency"]
    fields = ["date", "kind", "reason", "reason_en", "agency", "legal_basis"]

    def get_urls(self):
        view = self.admin_site.admin_view(self.year_view)
        return [
            path("year/", view, name="deadlines_calendaroverride_year"),
            path("year/<int:year>/", view, name="deadlines_calendaroverride_year"),
            *super().get_urls(),
        ]

    def year_view(self, request, year: int | None = None):
        """The working calendar of one year: twelve month grids with every special day marked."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        year = year or clock.today().year
        year = min(max(year, selectors.HOLIDAY_YEARS.start), selectors.HOLIDAY_YEARS.stop - 1)
        code = request.GET.get("agency", "").strip()
        agency = agency_by_code(code) if code else None
        language = (get_language() or "vi")[:2]
        months = selectors.calendar_year(year=year, agency=agency, language=language)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Lịch làm việc năm %(year)s") % {"year": year},
            "year": year,
            "previous_year": year - 1 if year > selectors.HOLIDAY_YEARS.start else None,
            "next_year": year + 1 if year < selectors.HOLIDAY_YEARS.stop - 1 else None,
            "months": months,
            "agency": agency,
            "agency_code": code,
            "unknown_agency": bool(code) and agency is None,
            "agencies": Agency.objects.filter(is_active=True).only("code", "name", "name_en"),
            "working_days": sum(
                1 for m in months for week in m["weeks"] for d in week if d.in_month and d.working
            ),
        }
        return TemplateResponse(request, "admin/deadlines/calendaroverride/year.html", context)
