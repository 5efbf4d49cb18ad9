"""The shape of the periodic report table (`GET reports/progress/`), for the answer and the schema."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.indicators.selectors import ProgressRow

from .catalog_serializers import AgencyRefSerializer


class ReceivedSerializer(serializers.Serializer):
    carried_over = serializers.IntegerField(help_text=_("Đang giải quyết khi bắt đầu kỳ"))
    total = serializers.IntegerField(help_text=_("Tiếp nhận trong kỳ"))
    online = serializers.IntegerField()
    direct = serializers.IntegerField(help_text=_("Tại quầy hoặc tại nhà"))
    postal = serializers.IntegerField()


class ResolvedSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    early = serializers.IntegerField(help_text=_("Vào một ngày trước ngày hẹn trả"))
    on_time = serializers.IntegerField(help_text=_("Vào ngày hẹn trả, trước thời hạn"))
    late = serializers.IntegerField()


class InProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text=_("Đang giải quyết khi kết thúc kỳ"))
    within_time = serializers.IntegerField(allow_null=True, help_text=_("Null với kỳ đã kết thúc"))
    overdue = serializers.IntegerField(allow_null=True)
    paused = serializers.IntegerField(allow_null=True, help_text=_("Chờ người nộp bổ sung"))


class ReportFeedbackSerializer(serializers.Serializer):
    complaints = serializers.IntegerField(help_text=_("Gửi về cơ quan trong kỳ"))
    recommendations = serializers.IntegerField(help_text=_("Gửi trong kỳ"))
    due = serializers.IntegerField(
        source="feedback_due", help_text=_("Có hạn trả lời rơi vào một ngày của kỳ, tính đến hôm qua")
    )
    answered_on_time = serializers.IntegerField(help_text=_("Trong số đến hạn, đã trả lời đúng hạn"))
    answered_late = serializers.IntegerField(help_text=_("Trong số đến hạn, đã trả lời quá hạn"))


class ProgressRowSerializer(serializers.Serializer):
    agency = AgencyRefSerializer(allow_null=True, help_text=_("Null ở dòng tổng"))
    received = serializers.SerializerMethodField()
    resolved = serializers.SerializerMethodField()
    in_progress = serializers.SerializerMethodField()
    returned = serializers.IntegerField(source="flows.returned")
    withdrawn = serializers.IntegerField(source="flows.withdrawn", help_text=_("Rút sau khi tiếp nhận"))
    stopped = serializers.IntegerField(source="flows.stopped")
    refused = serializers.IntegerField(source="flows.refused", help_text=_("Bị từ chối khi tiếp nhận"))
    supplement_requests = serializers.IntegerField(source="flows.supplement_requests")
    apologies = serializers.IntegerField(source="flows.apologies")
    feedback = ReportFeedbackSerializer(help_text=_("Phản ánh, kiến nghị chuyển đến cơ quan"))
    on_time_rate = serializers.FloatField(
        allow_null=True,
        help_text=_(
            "(Đã giải quyết trước hạn hoặc đúng hạn + đang giải quyết trong hạn hoặc tạm dừng) / (đã giải "
            "quyết + đang giải quyết khi kết thúc kỳ); null khi kỳ đã kết thúc hoặc không giải quyết hồ sơ "
            "nào"
        ),
    )

    @extend_schema_field(ReceivedSerializer)
    def get_received(self, row: ProgressRow) -> dict:
        return ReceivedSerializer(
            {
                "carried_over": row.carried_over,
                "total": row.flows["received"],
                "online": row.flows["received_online"],
                "direct": row.flows["received_direct"],
                "postal": row.flows["received_postal"],
            }
        ).data

    @extend_schema_field(ResolvedSerializer)
    def get_resolved(self, row: ProgressRow) -> dict:
        flows = row.flows
        return ResolvedSerializer(
            {
                "total": row.resolved,
                "early": flows["resolved_early"],
                "on_time": flows["resolved_on_time"],
                "late": flows["resolved_late"],
            }
        ).data

    @extend_schema_field(InProgressSerializer)
    def get_in_progress(self, row: ProgressRow) -> dict:
        split = row.open_split or {}
        return InProgressSerializer(
            {
                "total": row.open_at_end,
                "within_time": split.get("within_time"),
                "overdue": split.get("overdue"),
                "paused": split.get("paused"),
            }
        ).data


class PeriodSerializer(serializers.Serializer):
    label = serializers.CharField()
    first = serializers.DateField()
    last = serializers.DateField()


class ProgressReportSerializer(serializers.Serializer):
    period = PeriodSerializer()
    as_of = serializers.DateTimeField(
        help_text=_(
            "Thời điểm đánh giá các hồ sơ đang giải quyết: cuối kỳ với kỳ đã kết thúc, hoặc lần đo gần nhất "
            "với kỳ đang diễn ra (cách đây tối đa MOTCUA_OPEN_SPLIT_SECONDS)"
        )
    )
    results = ProgressRowSerializer(many=True)
    total = ProgressRowSerializer()
