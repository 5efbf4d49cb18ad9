from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AdministrativeUnit, Agency, Counter


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]


class CounterInline(admin.TabularInline):
    model = Counter
    extra = 0


class ServedAgencyInline(admin.TabularInline):
    """On a one-stop section's page: the agencies whose data names it (changed on each agency's own page)."""

    model = Agency
    fk_name = "one_stop_section"
    verbose_name = _("cơ quan được phục vụ")
    verbose_name_plural = _("các cơ quan do bộ phận một cửa này tiếp nhận hồ sơ")
    fields = ["code", "name", "kind", "administrative_unit"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("administrative_unit")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "kind",
        "administrative_unit",
        "receives_dossiers",
        "one_stop_section",
        "is_active",
    ]
    list_filter = [
        "kind",
        "receives_dossiers",
        "is_active",
        ("one_stop_section", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["administrative_unit", "one_stop_section"]
    search_fields = ["code", "name", "name_en"]
    autocomplete_fields = ["parent", "administrative_unit", "one_stop_section"]
    inlines = [ServedAgencyInline, CounterInline]


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["agency", "code", "name", "is_priority", "is_active"]
    list_filter = ["is_priority", "is_active"]
    search_fields = ["code", "name", "agency__name"]
    autocomplete_fields = ["agency"]
