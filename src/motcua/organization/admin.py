from django.contrib import admin

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


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "administrative_unit", "receives_dossiers", "is_active"]
    list_filter = ["kind", "receives_dossiers", "is_active"]
    search_fields = ["code", "name", "name_en"]
    autocomplete_fields = ["parent", "administrative_unit"]
    inlines = [CounterInline]


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["agency", "code", "name", "is_priority", "is_active"]
    list_filter = ["is_priority", "is_active"]
    search_fields = ["code", "name", "agency__name"]
    autocomplete_fields = ["agency"]
