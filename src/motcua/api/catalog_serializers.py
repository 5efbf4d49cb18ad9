"""Serializers of the public catalog API (read-only)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.catalog.models import AuthorityLevel, OnlineLevel
from motcua.catalog.selectors import fee_total, procedure_groups_of

from .fields import StringField


class CatalogQuerySerializer(serializers.Serializer):
    """The list's filters. Unknown values are refused rather than silently ignored."""

    q = StringField(required=False, allow_blank=True, max_length=200, help_text=_("Từ khóa tự do"))
    sector = StringField(required=False, allow_blank=True, max_length=30, help_text=_("Mã lĩnh vực"))
    agency = StringField(
        required=False, allow_blank=True, max_length=30, help_text=_("Mã cơ quan có thẩm quyền")
    )
    level = serializers.ChoiceField(choices=AuthorityLevel.choices, required=False, allow_blank=True)
    online = serializers.ChoiceField(
        choices=[*OnlineLevel.choices, ("yes", _("Có trực tuyến (toàn trình hoặc một phần)"))],
        required=False,
        allow_blank=True,
    )


class SectorSerializer(serializers.Serializer):
    code = StringField()
    name = StringField()
    name_en = StringField()


class AgencyRefSerializer(serializers.Serializer):
    code = StringField()
    name = StringField()
    name_en = StringField()
    kind = StringField()


class ProcessingTimeSerializer(serializers.Serializer):
    kind = StringField(help_text=_("working_days, working_minutes hoặc calendar_days"))
    amount = serializers.IntegerField()


def _time(obj) -> dict:
    return {"kind": obj.processing_time_kind, "amount": obj.processing_time_amount}


class ProcedureListSerializer(serializers.Serializer):
    code = StringField()
    name = StringField()
    name_en = StringField()
    sector = SectorSerializer()
    authority_level = StringField()
    version = serializers.IntegerField(source="current_version.number")
    processing_time = serializers.SerializerMethodField()
    online_level = StringField(source="current_version.online_level")
    fully_online = serializers.SerializerMethodField()
    channels = serializers.ListField(child=StringField(), source="current_version.channels")
    competent_agency = AgencyRefSerializer(source="current_version.competent_agency", allow_null=True)
    competent_agency_kind = StringField(source="current_version.competent_agency_kind")
    url = serializers.SerializerMethodField()

    @extend_schema_field(ProcessingTimeSerializer)
    def get_processing_time(self, obj) -> dict:
        return _time(obj.current_version)

    def get_fully_online(self, obj) -> bool:
        return obj.current_version.online_level == OnlineLevel.FULL

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = f"/api/v1/procedures/{obj.code}/"
        return request.build_absolute_uri(path) if request else path


class RequiredDocumentSerializer(serializers.Serializer):
    code = StringField()
    name = StringField()
    name_en = StringField()
    originals = serializers.IntegerField()
    copies = serializers.IntegerField()
    mandatory = serializers.BooleanField()
    reusable_kind = StringField()
    template_url = serializers.SerializerMethodField(
        help_text=_("Địa chỉ tải công khai của mẫu đơn, tờ khai.")
    )

    def get_template_url(self, obj) -> str | None:
        # The public download view: nothing under MEDIA_ROOT has an address of its own.
        if not obj.template:
            return None
        return reverse(
            "api:procedure-document-template",
            kwargs={"code": obj.version.procedure.code, "document_code": obj.code},
        )


class FeeLineSerializer(serializers.Serializer):
    name = StringField()
    name_en = StringField()
    amount = serializers.IntegerField(help_text=_("đồng"))
    exemption = StringField()


class ProcessStepSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    name = StringField()
    name_en = StringField()
    agency = AgencyRefSerializer(allow_null=True, help_text=_("null: cơ quan có thẩm quyền giải quyết hồ sơ"))
    role = StringField()
    time_budget = serializers.DecimalField(
        max_digits=8, decimal_places=2, help_text=_("theo đơn vị thời gian của thủ tục")
    )


class GroupSerializer(serializers.Serializer):
    code = StringField()
    name = StringField()
    name_en = StringField()
    processing_time = serializers.SerializerMethodField()

    @extend_schema_field(ProcessingTimeSerializer)
    def get_processing_time(self, obj) -> dict:
        return _time(obj)


class ExpressLaneSerializer(serializers.Serializer):
    name = StringField()
    agency = AgencyRefSerializer(allow_null=True)
    weekdays = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("0 = thứ Hai ... 6 = Chủ nhật")
    )
    counter_only = serializers.BooleanField()
    working_minutes = serializers.IntegerField()
    effective_from = serializers.DateField(allow_null=True)
    effective_to = serializers.DateField(allow_null=True)


class ProcedureDetailSerializer(ProcedureListSerializer):
    published_at = serializers.DateTimeField(source="current_version.published_at", allow_null=True)
    description = StringField(source="current_version.description")
    result_form = StringField(source="current_version.result_form")
    result_name = StringField(source="current_version.result_name")
    boundary_free = serializers.BooleanField(source="current_version.boundary_free")
    home_service_eligible = serializers.BooleanField(source="current_version.home_service_eligible")
    supplement_policy = StringField(source="current_version.supplement_policy")
    applicant_kinds = serializers.ListField(child=StringField(), source="current_version.applicant_kinds")
    legal_basis = StringField(source="current_version.legal_basis")
    effective_from = serializers.DateField(source="current_version.effective_from", allow_null=True)
    effective_to = serializers.DateField(source="current_version.effective_to", allow_null=True)
    documents = RequiredDocumentSerializer(many=True, source="current_version.documents.all")
    fees = FeeLineSerializer(many=True, source="current_version.fees.all")
    fee_total = serializers.SerializerMethodField(help_text=_("đồng"))
    steps = ProcessStepSerializer(many=True, source="current_version.steps.all")
    groups = serializers.SerializerMethodField()
    express_lanes = ExpressLaneSerializer(many=True, source="express_lanes.all")

    def get_fee_total(self, obj) -> int:
        return fee_total(version=obj.current_version)

    @extend_schema_field(GroupSerializer(many=True))
    def get_groups(self, obj) -> list:
        return GroupSerializer(procedure_groups_of(procedure=obj), many=True).data
