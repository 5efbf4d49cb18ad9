"""Admin: feedback to look at, never to edit (every change goes through the services, with its history entry
and the author's notice)."""

from __future__ import annotations

from django.contrib import admin

from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind",
        "subject",
        "agency",
        "status",
        "due_at",
        "answered_at",
        "published",
        "rating",
    ]
    list_filter = ["kind", "status", "published", "rating"]
    search_fields = ["subject", "agency__code"]
    list_select_related = ["agency"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
