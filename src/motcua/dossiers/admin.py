"""Admin: dossiers to look at, never to edit (every change is an action with its event on the process-control
slip; the admin would bypass both). Shows who filed each dossier and the on-behalf consent recorded."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Dossier


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "status",
        "channel",
        "applicant_name",
        "filed_by",
        "on_behalf_relationship",
        "on_behalf_consent_at",
        "receiving_agency",
        "submitted_at",
    ]
    list_filter = ["status", "channel", "on_behalf_relationship"]
    search_fields = ["code", "filed_by__username"]
    list_select_related = ["filed_by", "receiving_agency"]
    show_full_result_count = False  # a count of every dossier scans the table
    fieldsets = [
        (None, {"fields": ["code", "status", "channel", "procedure_version", "group", "parent"]}),
        (
            _("Người nộp và người nộp thay"),
            {
                "fields": [
                    "applicant",
                    "applicant_name",
                    "filed_by",
                    "on_behalf_consent",
                    "on_behalf_relationship",
                    "on_behalf_consent_at",
                    "on_behalf_note",
                ]
            },
        ),
        (
            _("Tiếp nhận và thời hạn"),
            {
                "fields": [
                    "receiving_agency",
                    "competent_agency",
                    "current_agency",
                    "submitted_at",
                    "received_at",
                    "due_at",
                    "rescheduled_due_at",
                    "resolved_at",
                    "returned_at",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
