"""The service index answer (`GET indicators/`): the index's definition once, then per agency its rank, band,
group scores and the numbers behind each item's score."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from motcua.core import clock
from motcua.indicators.service_index import AgencyScore, definition

from .catalog_serializers import AgencyRefSerializer
from .report_serializers import PeriodSerializer


def _name(entry: dict) -> str:
    return entry["name_en"] if (get_language() or "vi").startswith("en") else entry["name_vi"]


class IndexItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    points = serializers.FloatField(help_text=_("Điểm tối đa của tiêu chí"))
    target = serializers.FloatField(help_text=_("Đạt điểm tối đa khi tỷ lệ từ mức này trở lên"))
    measured = serializers.BooleanField(help_text=_("False: chưa đo, không tính vào điểm nào"))
    legal_basis = serializers.CharField(
        help_text=_("Căn cứ của công thức và mức mục tiêu của tiêu chí (rỗng: căn cứ chung của bộ chỉ số)")
    )


class IndexGroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    points = serializers.FloatField()
    items = IndexItemSerializer(many=True)


class IndexDefinitionSerializer(serializers.Serializer):
    name = serializers.CharField()
    legal_basis = serializers.CharField()
    groups = IndexGroupSerializer(many=True)


class BandSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=["excellent", "good", "fair", "average", "weak"])
    name = serializers.CharField()


class ItemScoreSerializer(serializers.Serializer):
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True, help_text=_("tử số / mẫu số; null khi 0 / 0"))
    score = serializers.FloatField(allow_null=True, help_text=_("Null khi không có gì để đánh giá (0 / 0)"))


class AgencyIndexSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    agency = AgencyRefSerializer()
    total = serializers.FloatField(help_text=_("Điểm đạt được trên các tiêu chí đã đo"))
    measured_points = serializers.FloatField(help_text=_("Tổng điểm tối đa của các tiêu chí đã đo"))
    percent = serializers.FloatField(
        allow_null=True, help_text=_("total / measured_points x 100: dùng để xếp hạng và xếp loại")
    )
    band = BandSerializer(allow_null=True)
    groups = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text=_("Điểm theo mã nhóm (null: chưa đo tiêu chí nào)"),
    )
    items = serializers.DictField(child=ItemScoreSerializer(), help_text=_("Theo mã tiêu chí đã đo"))


class ServiceIndexSerializer(serializers.Serializer):
    period = PeriodSerializer()
    as_of = serializers.DateTimeField(
        help_text=_("Thời điểm đánh giá các hồ sơ đang giải quyết (xem bảng báo cáo)")
    )
    index = IndexDefinitionSerializer()
    results = AgencyIndexSerializer(many=True)


def _definition(measured: set[str]) -> dict:
    data = definition()
    return {
        "name": _name(data),
        "legal_basis": data["legal_basis"],
        "groups": [
            {
                "code": group["code"],
                "name": _name(group),
                "points": group["points"],
                "items": [
                    {
                        "code": item["code"],
                        "name": _name(item),
                        "points": item["points"],
                        "target": item["target"],
                        "measured": item["code"] in measured,
                        "legal_basis": item.get("legal_basis", ""),
                    }
                    for item in group["items"]
                ],
            }
            for group in data["groups"]
        ],
    }


def _agency_entry(rank: int, scored: AgencyScore, bands: dict[str, dict]) -> dict:
    agency, groups, items = scored.row.agency, {}, {}
    for item in scored.items:
        if item.score is not None:
            groups[item.group] = round((groups.get(item.group) or 0) + item.score, 2)
        else:
            groups.setdefault(item.group, None)
        if item.ratio is not None:
            items[item.code] = {
                "numerator": item.ratio.numerator,
                "denominator": item.ratio.denominator,
                "value": item.ratio.value,
                "score": item.score,
            }
    band = scored.band
    return {
        "rank": rank,
        "agency": {"code": agency.code, "name": agency.name, "name_en": agency.name_en, "kind": agency.kind},
        "total": scored.total,
        "measured_points": scored.measured_points,
        "percent": scored.percent,
        "band": None if band is None else bands[band["code"]],
        "groups": groups,
        "items": items,
    }


def index_answer(*, period, as_of, ranked: list[tuple[int, AgencyScore]]) -> dict:
    """The answer as plain data, built directly: every agency of a city times every item is too many objects for
    DRF's field machinery on each request. `ServiceIndexSerializer` describes it (the schema), and a test
    checks that the serializer gives back exactly this answer from it."""
    measured = {code for _rank, scored in ranked for code, _ratio in _measured_items(scored)}
    # Each band named once in the caller's language (an answer has a band per agency, a handful of bands).
    bands = {band["code"]: {"code": band["code"], "name": _name(band)} for band in definition()["bands"]}
    return {
        "period": {"label": period.label, "first": period.first.isoformat(), "last": period.last.isoformat()},
        "as_of": as_of.astimezone(clock.LOCAL_TZ).isoformat(),
        "index": _definition(measured),
        "results": [_agency_entry(rank, scored, bands) for rank, scored in ranked],
    }


def _measured_items(scored: AgencyScore):
    return ((item.code, item.ratio) for item in scored.items if item.ratio is not None)
