"""The service index answer (`GET indicators/`): per agency its rank, band, groups and items with the numbers
behind each score."""

from __future__ import annotations

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.indicators.service_index import AgencyScore, definition

from .catalog_serializers import AgencyRefSerializer
from .report_serializers import PeriodSerializer


def _name(entry: dict) -> str:
    return entry["name_en"] if (get_language() or "vi").startswith("en") else entry["name_vi"]


class BandSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=["excellent", "good", "fair", "average", "weak"])
    name = serializers.CharField()


class IndexItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    points = serializers.FloatField(help_text="The item's weight")
    target = serializers.FloatField(help_text="Full points at or above this share")
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    value = serializers.FloatField(allow_null=True, help_text="numerator / denominator")
    score = serializers.FloatField(allow_null=True, help_text="Null when the item is not measured")


class IndexGroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    points = serializers.FloatField()
    score = serializers.FloatField(allow_null=True)
    items = IndexItemSerializer(many=True)


class AgencyIndexSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    agency = AgencyRefSerializer()
    total = serializers.FloatField(help_text="Points scored on the measured items")
    measured_points = serializers.FloatField(help_text="The most the measured items could give")
    percent = serializers.FloatField(
        allow_null=True, help_text="total / measured_points x 100: ranks and bands"
    )
    band = BandSerializer(allow_null=True)
    groups = serializers.SerializerMethodField()

    @extend_schema_field(IndexGroupSerializer(many=True))
    def get_groups(self, entry: dict) -> list[dict]:
        scored: AgencyScore = entry["score"]
        groups = []
        for group in definition()["groups"]:
            items = [item for item in scored.items if item.group == group["code"]]
            measured = [item.score for item in items if item.score is not None]
            groups.append(
                {
                    "code": group["code"],
                    "name": _name(group),
                    "points": group["points"],
                    "score": round(sum(measured), 2) if measured else None,
                    "items": [
                        {
                            "code": item.code,
                            "name": _name({"name_vi": item.name_vi, "name_en": item.name_en}),
                            "points": item.points,
                            "target": item.target,
                            "numerator": item.ratio.numerator if item.ratio else None,
                            "denominator": item.ratio.denominator if item.ratio else None,
                            "value": item.ratio.value if item.ratio else None,
                            "score": item.score,
                        }
                        for item in items
                    ],
                }
            )
        return IndexGroupSerializer(groups, many=True).data


class IndexDefinitionSerializer(serializers.Serializer):
    name = serializers.CharField()
    legal_basis = serializers.CharField()
    measured = serializers.ListField(child=serializers.CharField(), help_text="Items scored in this answer")
    not_measured = serializers.ListField(child=serializers.CharField())


class ServiceIndexSerializer(serializers.Serializer):
    period = PeriodSerializer()
    as_of = serializers.DateTimeField()
    index = IndexDefinitionSerializer()
    results = AgencyIndexSerializer(many=True)


def index_answer(*, period, as_of, ranked: list[tuple[int, AgencyScore]]) -> dict:
    items = [item for group in definition()["groups"] for item in group["items"]]
    measured = sorted({i.code for _rank, s in ranked for i in s.items if i.score is not None})
    data = definition()
    return {
        "period": period,
        "as_of": as_of,
        "index": {
            "name": _name(data),
            "legal_basis": data["legal_basis"],
            "measured": measured,
            "not_measured": [item["code"] for item in items if item["code"] not in measured],
        },
        "results": [
            {
                "rank": rank,
                "agency": scored.row.agency,
                "total": scored.total,
                "measured_points": scored.measured_points,
                "percent": scored.percent,
                "band": None
                if scored.band is None
                else {"code": scored.band["code"], "name": _name(scored.band)},
                "score": scored,
            }
            for rank, scored in ranked
        ],
    }
