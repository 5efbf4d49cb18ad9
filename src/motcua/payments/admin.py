"""Admin: payments to look at, never to edit (a payment changes only through its provider's signed answer or
the counter, with the dossier's event). Filter on "duplicate" and "closed" to find the payments to refund."""

from __future__ import annotations

from django.contrib import admin

from .models import Payment


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["reference", "dossier", "method", "status", "amount", "receipt_number", "created_at"]
    list_filter = ["status", "method", "provider"]
    search_fields = ["reference", "receipt_number", "provider_reference", "dossier__code"]
    list_select_related = ["dossier"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
