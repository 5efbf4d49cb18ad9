"""Admin for the catalog: procedures and their versions (drafts editable, published ones read-only),
interconnected groups, express lanes, and the import/export pages."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import ApplicationError

from .errors import ImportFailed, PublishValidationFailed
from .models import (
    ExpressLane,
    FeeLine,
    Procedure,
    ProcedureGroup,
    ProcedureGroupMember,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    Sector,
)
from .services import procedure_refresh_search, version_create_draft, version_publish
from .transfer import catalog_export_csv_zip, catalog_export_xlsx, catalog_import_file


def _english() -> bool:
    return (translation.get_language() or "vi")[:2] == "en"


def _error_text(exc: ApplicationError) -> str:
    text = exc.message()
    if isinstance(exc, PublishValidationFailed):
        text += " " + " ".join(d["message"] for d in exc.as_dict()["details"])
    return text


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en"]
    search_fields = ["code", "name", "name_en"]


class _DraftOnlyInline:
    """Children of a version may change only while the version is a draft."""

    extra = 0

    def _editable(self, obj) -> bool:
        return obj is None or obj.status == ProcedureVersion.Status.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class RequiredDocumentInline(_DraftOnlyInline, admin.TabularInline):
    model = RequiredDocument
    fields = [
        "order",
        "code",
        "name",
        "name_en",
        "originals",
        "copies",
        "mandatory",
        "template",
        "reusable_kind",
    ]


class FeeLineInline(_DraftOnlyInline, admin.TabularInline):
    model = FeeLine
    fields = ["order", "name", "name_en", "amount", "exemption"]


class ProcessStepInline(_DraftOnlyInline, admin.TabularInline):
    model = ProcessStep
    fields = ["order", "name", "name_en", "agency", "role", "time_budget"]
    autocomplete_fields = ["agency"]


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = ["procedure", "number", "name", "status", "published_at"]
    list_filter = ["status", "authority_level", "online_level"]
    search_fields = ["procedure__code", "name", "name_en"]
    list_select_related = ["procedure"]
    autocomplete_fields = ["procedure", "competent_agency"]
    inlines = [RequiredDocumentInline, FeeLineInline, ProcessStepInline]
    actions = ["publish"]
    readonly_fields = ["number", "status", "published_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != ProcedureVersion.Status.DRAFT:
            return [f.name for f in self.model._meta.fields]
        if obj is not None:
            return [*self.readonly_fields, "procedure"]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return obj is not None and obj.status == ProcedureVersion.Status.DRAFT

    def save_model(self, request, obj, form, change):
        if not change:
            obj.status = ProcedureVersion.Status.DRAFT
            obj.number = (obj.procedure.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Công bố các bản nháp đã chọn"))
    def publish(self, request, queryset):
        for version in queryset.select_related("procedure"):
            try:
                version_publish(version=version)
            except ApplicationError as exc:
                self.message_user(request, f"{version}: {_error_text(exc)}", messages.ERROR)
            else:
                self.message_user(request, f"{version}: {_('đã công bố.')}", messages.SUCCESS)


class VersionLinkInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ["link", "status", "published_at"]
    readonly_fields = ["link", "status", "published_at"]
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = _("các phiên bản")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("phiên bản"))
    def link(self, obj):
        url = reverse("admin:catalog_procedureversion_change", args=[obj.pk])
        return format_html('<a href="{}">{} - {}</a>', url, obj.number, obj.name)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh mục"), help_text=_("Tệp .xlsx hoặc tệp .zip chứa các tệp CSV, theo mẫu tệp xuất.")
    )


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sector", "authority_level", "current_version", "is_active", "is_sample"]
    list_filter = ["sector", "authority_level", "is_active", "is_sample"]
    search_fields = ["code", "name", "name_en", "search_text"]
    list_select_related = ["sector", "current_version"]
    inlines = [VersionLinkInline]
    actions = ["create_draft"]
    change_list_template = "admin/catalog/procedure/change_list.html"

    def get_readonly_fields(self, request, obj=None):
        mirrored = ["name", "name_en", "authority_level", "current_version"]
        return ["code", *mirrored] if obj is not None else ["current_version"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.current_version_id:
            procedure_refresh_search(procedure=obj)

    @admin.action(description=_("Tạo bản nháp từ phiên bản hiện hành"))
    def create_draft(self, request, queryset):
        for procedure in queryset:
            try:
                draft = version_create_draft(procedure=procedure)
            except ApplicationError as exc:
                self.message_user(request, f"{procedure.code}: {exc.message()}", messages.ERROR)
                continue
            url = reverse("admin:catalog_procedureversion_change", args=[draft.pk])
            self.message_user(
                request, format_html('{}: <a href="{}">{}</a>', procedure.code, url, draft), messages.SUCCESS
            )

    def get_urls(self):
        extra = [
            path("import/", self.admin_site.admin_view(self.import_view), name="catalog_procedure_import"),
            path("export/", self.admin_site.admin_view(self.export_view), name="catalog_procedure_export"),
        ]
        return extra + super().get_urls()

    def export_view(self, request):
        if not self.has_view_permission(request):
            return redirect("admin:index")
        stamp = clock.local_now().strftime("%Y%m%d-%H%M")
        if request.GET.get("format") == "csv":
            response = HttpResponse(catalog_export_csv_zip(), content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="catalog-{stamp}.zip"'
        else:
            response = HttpResponse(
                catalog_export_xlsx(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="catalog-{stamp}.xlsx"'
        return response

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            return redirect("admin:index")
        errors: list[dict] = []
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = catalog_import_file(data=upload.read(), filename=upload.name)
            except ImportFailed as exc:
                errors = exc.as_dict()["details"]
                self.message_user(request, exc.message(), messages.ERROR)
            else:
                self.message_user(request, report.summary(english=_english()), messages.SUCCESS)
                return redirect("admin:catalog_procedure_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Nhập danh mục thủ tục"),
            "form": form,
            "errors": errors,
        }
        return TemplateResponse(request, "admin/catalog/procedure/import.html", context)


class ProcedureGroupMemberInline(admin.TabularInline):
    model = ProcedureGroupMember
    extra = 1
    autocomplete_fields = ["procedure"]


@admin.register(ProcedureGroup)
class ProcedureGroupAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "processing_time_amount",
        "processing_time_kind",
        "is_active",
        "is_sample",
    ]
    search_fields = ["code", "name", "name_en"]
    inlines = [ProcedureGroupMemberInline]


@admin.register(ExpressLane)
class ExpressLaneAdmin(admin.ModelAdmin):
    list_display = ["name", "procedure", "agency", "weekdays", "working_minutes", "counter_only", "is_active"]
    list_filter = ["is_active", "counter_only"]
    search_fields = ["name", "procedure__code", "procedure__name", "agency__name"]
    autocomplete_fields = ["procedure", "agency"]
