"""The officers' scorecard answer (`GET indicators/officers/`): one card per officer for a period."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.dossiers.models import Rating
from motcua.indicators.scorecard import Scorecard


class OfficerRefSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="display_name")


class ScorecardRatingsSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text=_("Đánh giá trong kỳ trên các hồ sơ có bước do cán bộ xử lý"))
    very_satisfied = serializers.IntegerField()
    satisfied = serializers.IntegerField()
    not_satisfied = serializers.IntegerField()


class ScorecardSerializer(serializers.Serializer):
    officer = OfficerRefSerializer()
    steps_done = serializers.IntegerField(
        help_text=_(
            "Các bước hoàn thành trong kỳ bởi người được phân công (bước quyết định tính cho người quyết định)"
        )
    )
    steps_on_time = serializers.IntegerField(help_text=_("Theo thời hạn riêng của bước"))
    steps_late = serializers.IntegerField()
    on_time_rate = serializers.FloatField(
        allow_null=True, help_text=_("steps_on_time / steps_done; null: không có")
    )
    supplement_requests = serializers.IntegerField(help_text=_("Yêu cầu bổ sung đã gửi trong kỳ"))
    ratings = serializers.SerializerMethodField()
    satisfied_rate = serializers.FloatField(
        allow_null=True, help_text=_("Rất hài lòng hoặc hài lòng, trên tổng số đánh giá; null: không có")
    )

    @extend_schema_field(ScorecardRatingsSerializer)
    def get_ratings(self, card: Scorecard) -> dict:
        return ScorecardRatingsSerializer(
            {
                "total": card.rated,
                "very_satisfied": card.ratings[Rating.Level.VERY_SATISFIED],
                "satisfied": card.ratings[Rating.Level.SATISFIED],
                "not_satisfied": card.ratings[Rating.Level.NOT_SATISFIED],
            }
        ).data
