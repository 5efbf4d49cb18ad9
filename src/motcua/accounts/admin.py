from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Membership, User
from .services import api_token_issue, api_token_revoke


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email", "personal_id"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Thông tin công dân"),
            {
                "fields": (
                    "full_name",
                    "personal_id",
                    "birth_date",
                    "sex",
                    "phone",
                    "address_street",
                    "address_commune",
                    "address_province",
                    "preferred_language",
                    "verified_at",
                    "oidc_subject",
                )
            },
        ),
    )
    readonly_fields = ["verified_at", "oidc_subject"]
    inlines = [MembershipInline]
    actions = ["issue_api_token"]

    @admin.action(description=_("Cấp mã truy cập API"))
    def issue_api_token(self, request, queryset):
        for user in queryset:
            _token, key = api_token_issue(user=user, name="admin")
            self.message_user(
                request,
                _("Mã truy cập cho %(user)s (chỉ hiển thị một lần): %(key)s") % {"user": user, "key": key},
                messages.WARNING,
            )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "agency", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "user__full_name", "agency__name", "agency__code"]
    autocomplete_fields = ["user", "agency"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "expires_at", "last_used_at", "revoked_at"]
    search_fields = ["prefix", "user__username"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # issue tokens with the user action or `create_api_token`, which shows the key once

    @admin.action(description=_("Thu hồi"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token)
