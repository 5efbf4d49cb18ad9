"""Feedback (complaints and recommendations): what the API takes and answers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.feedback import policy
from motcua.feedback.models import ANSWERED_STATUSES, Kind, Rating, Status
from motcua.feedback.services import ANSWER_MAX, CONTENT_MAX, NOTE_MAX, SUBJECT_MAX

from .dossier_actions import ActionInput
from .fields import StringField

CODE_MAX = 40


class FeedbackSubmitSerializer(serializers.Serializer):
    openapi_description = _(
        "Về một hồ sơ của người gửi (chuyển đến cơ quan có thẩm quyền giải quyết hồ sơ), một thủ tục "
        "(chuyển đến cơ quan có thẩm quyền của thủ tục, hoặc đến `agency` khi thủ tục không cố định cơ "
        "quan) hoặc một cơ quan."
    )

    kind = serializers.ChoiceField(choices=Kind.choices)
    subject = StringField(max_length=SUBJECT_MAX)
    content = StringField(max_length=CONTENT_MAX)
    dossier = StringField(
        max_length=CODE_MAX, required=False, allow_blank=True, default="", help_text=_("Mã hồ sơ của bạn")
    )
    procedure = StringField(
        max_length=CODE_MAX, required=False, allow_blank=True, default="", help_text=_("Mã thủ tục")
    )
    agency = StringField(
        max_length=CODE_MAX, required=False, allow_blank=True, default="", help_text=_("Mã cơ quan")
    )
    contact_email = serializers.EmailField(
        required=False, allow_blank=True, default=None, help_text=_("Mặc định: thư điện tử của tài khoản")
    )
    contact_phone = serializers.RegexField(
        r"^\+?[0-9 .()-]{9,20}$",
        max_length=30,
        required=False,
        allow_blank=True,
        default=None,
        help_text=_("Mặc định: số điện thoại của tài khoản"),
    )


class FeedbackListQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False, allow_blank=True, default="")


class DraftAnswerInput(ActionInput):
    openapi_description = _(
        "`version`: phiên bản phản ánh, kiến nghị mà bên gọi đã xem gần nhất (phiên bản cũ: 409 "
        "`stale_version`)."
    )

    answer = StringField(max_length=ANSWER_MAX)


class SendBackInput(ActionInput):
    openapi_description = _("`note`: những gì dự thảo cần sửa (hiện cho chuyên viên, lưu trong lịch sử).")

    note = StringField(max_length=NOTE_MAX)


class ApproveInput(ActionInput):
    answer = StringField(
        max_length=ANSWER_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Để trống: duyệt đúng như dự thảo"),
    )
    publish = serializers.BooleanField(required=False, default=False, help_text=_("Công khai câu trả lời"))


class RateInput(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Rating.choices)


class NamedSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(source="display_name")


class EntrySerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    at = serializers.DateTimeField()
    actor = serializers.SerializerMethodField()

    note = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, entry) -> str | None:
        return entry.actor.display_name if entry.actor_id else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_note(self, entry) -> str | None:
        """A leader's note when sending the draft back: for the routed agency's officers only."""
        return entry.payload.get("note") if self.context.get("handles") else None


class FeedbackSerializer(serializers.Serializer):
    openapi_description = _(
        "Phản ánh, kiến nghị theo phạm vi người gọi được xem: người gửi thấy câu trả lời khi đã được "
        "duyệt (cán bộ cơ quan được chuyển đến thấy dự thảo); thông tin liên hệ chỉ người gửi và các cán "
        "bộ đó thấy."
    )

    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    version = serializers.IntegerField()
    subject = serializers.CharField()
    content = serializers.CharField()
    agency = NamedSerializer()
    procedure = NamedSerializer(allow_null=True)
    dossier = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    answer = serializers.SerializerMethodField()
    answered_at = serializers.DateTimeField(allow_null=True)
    answered_on_time = serializers.BooleanField(allow_null=True)
    published = serializers.BooleanField()
    rating = serializers.CharField()
    contact = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_dossier(self, obj) -> str | None:
        return obj.dossier.code if obj.dossier_id else None

    def _handles(self, obj) -> bool:
        user = self.context["request"].user
        return obj.agency_id in policy.inbox_agencies(user)

    @extend_schema_field(serializers.CharField())
    def get_answer(self, obj) -> str:
        return obj.answer if obj.status in ANSWERED_STATUSES or self._handles(obj) else ""

    @extend_schema_field(serializers.DictField(child=serializers.CharField(), allow_null=True))
    def get_contact(self, obj) -> dict | None:
        if obj.author_id != self.context["request"].user.pk and not self._handles(obj):
            return None
        return {"name": obj.contact_name, "email": obj.contact_email, "phone": obj.contact_phone}

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, obj) -> list[str]:
        return policy.allowed_actions(obj, self.context["request"].user)


class FeedbackDetailSerializer(FeedbackSerializer):
    history = EntrySerializer(many=True, source="history_entries")
