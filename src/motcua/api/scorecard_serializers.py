"""The officers' scorecard answer (`GET indicators/officers/`): one card per officer for a period."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.dossiers.models import Rating
from motcua.indicators.scorecard import Scorecard


class OfficerRefSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="display_name")


class ScorecardRatingsSerializer(serializers.Serializer):
    total = serializers.IntegerField(
        help_text="Ratings given in the period on dossiers with a step they handled"
    )
    very_satisfied = serializers.IntegerField()
    satisfied = serializers.IntegerField()
    not_satisfied = serializers.IntegerField()


class ScorecardSerializer(serializers.Serializer):
    officer = OfficerRefSerializer()
    steps_done = serializers.IntegerField(
        help_text="Steps finished in the period by their assignee (the step being decided counts for whoever "
        "decides it)"
    )
    steps_on_time = serializers.IntegerField(help_text="By the step's own due moment")
    steps_late = serializers.IntegerField()
    on_time_rate = serializers.FloatField(allow_null=True, help_text="steps_on_time / steps_done; null: none")
    supplement_requests = serializers.IntegerField(help_text="Supplement requests made in the period")
    ratings = serializers.SerializerMethodField()
    satisfied_rate = serializers.FloatField(
        allow_null=True, help_text="Very satisfied or satisfied, of the ratings; null: none"
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
