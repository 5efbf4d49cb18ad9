"""Shapes of the dossier API: parse requests, render dossiers (personal data masked for other viewers)."""

from __future__ import annotations

import copy

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.core.masking import masked_id
from motcua.dossiers.filing import ON_BEHALF_NOTE_MAX
from motcua.dossiers.models import Dossier, Event, OnBehalfRelationship, Rating, ResultDelivery, Sex
from motcua.dossiers.selectors import documents_shown, timing_class
from motcua.dossiers.workflow import allowed_actions
from motcua.payments.selectors import fee_summary

from . import serializer_reuse
from .fields import StringField
from .payment_serializers import FeesSerializer


def mask(value: str, *, keep_start: int = 3, keep_end: int = 2) -> str:
    if not value:
        return value
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_email(value: str) -> str:
    if not value or "@" not in value:
        return mask(value)
    local, domain = value.split("@", 1)
    return f"{local[:1]}***@{domain}"


# --- requests ------------------------------------------------------------------------------------------------

RESULT_DELIVERY_HELP = _(
    "Cách nhận kết quả: `online` (bản điện tử), `post` (bưu chính công ích) hoặc `centre` (tại bộ phận một "
    "cửa), trong các cách thủ tục cho phép. Bắt buộc trước khi gửi hồ sơ nháp trực tuyến."
)


class ApplicantInSerializer(serializers.Serializer):
    name = StringField(max_length=150)
    personal_id = serializers.RegexField(
        r"^ *(?:[0-9] *){12}$",
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Số định danh cá nhân: 12 chữ số"),
        error_messages={"invalid": _("Nhập số định danh cá nhân gồm 12 chữ số.")},
    )
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True, default="")
    phone = serializers.RegexField(
        r"^\+?[0-9 .()-]{9,20}$",
        max_length=30,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Di động 10 chữ số (03, 05, 07, 08, 09) hoặc cố định 11 chữ số (02); có thể +84"),
        error_messages={"invalid": _("Nhập số điện thoại gồm các chữ số.")},
    )
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    address_street = StringField(max_length=255, required=False, allow_blank=True, default="")
    address_unit = StringField(
        max_length=10, required=False, allow_blank=True, default="", help_text=_("Mã xã/phường")
    )
    address_unit_text = StringField(max_length=200, required=False, allow_blank=True, default="")
    address_province = StringField(max_length=200, required=False, allow_blank=True, default="")
    legacy_address = StringField(max_length=500, required=False, allow_blank=True, default="")


class OnBehalfInSerializer(serializers.Serializer):
    openapi_description = _(
        "Nộp trực tuyến thay người khác: quan hệ và sự đồng ý của người đó (ghi lại cùng thời điểm đồng ý)."
    )

    relationship = serializers.ChoiceField(
        choices=OnBehalfRelationship.choices, help_text=_("Quan hệ của người nộp thay với người nộp hồ sơ")
    )
    consent = serializers.BooleanField(help_text=_("Người nộp hồ sơ đã đồng ý cho nộp thay (phải là true)"))
    consent_note = StringField(
        max_length=ON_BEHALF_NOTE_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Ví dụ: giấy ủy quyền số, ngày"),
    )


class SubmitSerializer(serializers.Serializer):
    procedure = StringField(max_length=40, required=False, allow_blank=True, default="")
    group = StringField(max_length=40, required=False, allow_blank=True, default="")
    channel = serializers.ChoiceField(choices=["online", "counter", "postal", "home"], default="online")
    receiving_agency = StringField(max_length=30, required=False, allow_blank=True, default="")
    applicant = ApplicantInSerializer()
    on_behalf_consent = serializers.BooleanField(
        default=False, help_text=_("Cán bộ tiếp nhận: người nộp đồng ý cho cán bộ nhập hồ sơ thay.")
    )
    on_behalf = OnBehalfInSerializer(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Nộp trực tuyến thay người khác: quan hệ và sự đồng ý của người nộp hồ sơ."),
    )
    draft = serializers.BooleanField(default=False)
    result_delivery = serializers.ChoiceField(
        choices=ResultDelivery.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=RESULT_DELIVERY_HELP,
    )
    receive = serializers.BooleanField(
        default=False, help_text=_("Cán bộ tiếp nhận: tiếp nhận ngay sau khi kiểm tra tại quầy.")
    )

    openapi_request_rules = {
        "allOf": [
            {  # a procedure or a group
                "anyOf": [
                    {"required": ["procedure"], "properties": {"procedure": {"pattern": r"\S"}}},
                    {"required": ["group"], "properties": {"group": {"pattern": r"\S"}}},
                ]
            },
            {  # entered by someone else than the applicant online: with the applicant's recorded consent
                "anyOf": [
                    {"properties": {"channel": {"type": "string", "pattern": "^online$"}}},
                    {
                        "required": ["on_behalf_consent"],
                        "properties": {"on_behalf_consent": {"enum": [True]}},
                    },
                ]
            },
        ]
    }

    def validate(self, attrs):
        if not attrs["procedure"] and not attrs["group"]:
            raise serializers.ValidationError({"procedure": [_("Chọn thủ tục hành chính.")]})
        return attrs


class ResultDeliveryChangeSerializer(serializers.Serializer):
    openapi_description = _("Cách người nộp nhận kết quả, chọn trên hồ sơ nháp.")

    version = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text=_("Phiên bản hồ sơ mà người dùng đã xem")
    )
    result_delivery = serializers.ChoiceField(choices=ResultDelivery.choices, help_text=RESULT_DELIVERY_HELP)


class RatingSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=Rating.Level.choices)
    comment = StringField(required=False, allow_blank=True, max_length=2000, default="")


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    component_code = StringField(required=False, allow_blank=True, max_length=40, default="")
    source = serializers.ChoiceField(
        choices=["uploaded", "digitized", "reused", "issued_result"],
        default="uploaded",
        help_text=_(
            "Người nộp: chỉ `uploaded` (dùng lại giấy tờ trong kho dữ liệu cá nhân: `documents/reuse/`). Cán "
            "bộ xử lý hồ sơ: cả `digitized` (số hóa tại quầy), `reused` (bản sao đã đối chiếu) và "
            "`issued_result` (kết quả giải quyết)."
        ),
    )


class DocumentReuseSerializer(serializers.Serializer):
    component_code = StringField(
        max_length=40, help_text=_("Thành phần hồ sơ nhận dùng lại loại giấy tờ này.")
    )
    personal_document = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text=_("Mã giấy tờ trong kho dữ liệu cá nhân của người gửi.")
    )


class ListQuerySerializer(serializers.Serializer):
    """The list's filters; its pages are the paginator's (`cursor`, `page_size`)."""

    status = StringField(
        required=False, allow_blank=True, help_text=_("Trạng thái, nhiều trạng thái cách nhau bởi dấu phẩy.")
    )
    timing = serializers.ChoiceField(
        required=False,
        allow_blank=True,
        choices=[
            "resolved_early",
            "resolved_on_time",
            "resolved_late",
            "in_progress_within_time",
            "in_progress_overdue",
            "paused",
        ],
    )
    agency = StringField(
        required=False,
        allow_blank=True,
        help_text=_(
            "Mã cơ quan: các hồ sơ cơ quan đó tiếp nhận, có thẩm quyền, đang hoặc đã giữ, hoặc có bước xử lý."
        ),
    )
    procedure = StringField(required=False, allow_blank=True, help_text=_("Mã thủ tục."))
    received_from = serializers.DateTimeField(
        required=False, help_text=_("Tiếp nhận từ (kể cả) thời điểm này.")
    )
    received_to = serializers.DateTimeField(required=False, help_text=_("Tiếp nhận trước thời điểm này."))


# --- responses -----------------------------------------------------------------------------------------------


class AgencyRefSerializer(serializers.Serializer):
    code = StringField()
    name = StringField(source="display_name")


class StepSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    name = StringField()
    agency = StringField(source="agency.code")
    role = StringField()
    assignee = StringField(source="assignee.username", default=None, allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    outcome = StringField()


class PauseSerializer(serializers.Serializer):
    agency = StringField(source="agency.code")
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
    reason = StringField()
    items = serializers.ListField(child=StringField())


def shows_document_hashes(context: dict) -> bool:
    """Checksums are shown to the officers handling the dossier only (the view decides, see workflow.handles)."""
    return bool(context.get("document_hashes"))


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    component_code = StringField()
    original_name = StringField()
    source = StringField()
    sha256 = serializers.SerializerMethodField()
    size = serializers.IntegerField()
    content_type = StringField()
    digitized = serializers.BooleanField(read_only=True)
    signed = serializers.BooleanField(
        read_only=True,
        help_text=_("Chỉ đúng khi chữ ký số trong tệp PDF được xác minh; không nhận giá trị từ người gửi."),
    )
    uploaded_at = serializers.DateTimeField()
    file_url = serializers.SerializerMethodField()

    def get_sha256(self, obj) -> str | None:
        return obj.sha256 if shows_document_hashes(self.context) else None

    def get_file_url(self, obj) -> str:
        code = self.context.get("dossier_code") or obj.dossier.code
        return reverse("api:dossier-document-file", kwargs={"code": code, "document_id": obj.pk})


class OnBehalfOutSerializer(serializers.Serializer):
    relationship = StringField(allow_null=True)
    relationship_display = StringField(allow_null=True)
    consent = serializers.BooleanField()
    consent_at = serializers.DateTimeField(allow_null=True)
    consent_note = StringField()


class FieldsBuiltOnce:
    """Builds a model serializer's fields once per class instead of inspecting the model for every instance;
    each instance binds its own copies (nested serializers deep-copied, as DRF does for declared fields)."""

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return {
            name: copy.deepcopy(field) if isinstance(field, serializers.BaseSerializer) else copy.copy(field)
            for name, field in built.items()
        }


class DossierSummarySerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    procedure = StringField(source="procedure_version.procedure.code", default=None, allow_null=True)
    procedure_name = StringField(source="procedure_version.display_name", default=None, allow_null=True)
    status_display = StringField()
    receiving_agency = StringField(source="receiving_agency.code")
    competent_agency = StringField(source="competent_agency.code")
    current_agency = StringField(source="current_agency.code")
    appointment = serializers.DateTimeField(allow_null=True)

    class Meta:
        model = Dossier
        fields = [
            "code",
            "procedure",
            "procedure_name",
            "status",
            "status_display",
            "channel",
            "applicant_name",
            "receiving_agency",
            "competent_agency",
            "current_agency",
            "submitted_at",
            "received_at",
            "due_at",
            "rescheduled_due_at",
            "appointment",
            "resolved_at",
            "returned_at",
            "is_express",
            "version",
        ]


class DossierDetailSerializer(DossierSummarySerializer):
    openapi_description = _("Dữ liệu cá nhân chỉ hiện đầy đủ cho chủ hồ sơ và cán bộ các cơ quan giải quyết.")

    group = StringField(source="group.code", default=None, allow_null=True)
    parent = StringField(source="parent.code", default=None, allow_null=True)
    children = serializers.SerializerMethodField()
    applicant = serializers.SerializerMethodField()
    steps = StepSerializer(many=True)
    pauses = PauseSerializer(many=True)
    documents = serializers.SerializerMethodField()
    current_step = serializers.IntegerField(source="current_step.order", default=None, allow_null=True)
    assignee = StringField(source="assignee.username", default=None, allow_null=True)
    timing = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()
    lookup_secret = serializers.SerializerMethodField()
    filed_by = serializers.SerializerMethodField(
        help_text=_("Tài khoản đã nộp hồ sơ (hiện cho chủ hồ sơ và cán bộ giải quyết).")
    )
    on_behalf = serializers.SerializerMethodField()
    fees = serializers.SerializerMethodField()
    result_delivery = serializers.ChoiceField(
        choices=[("", ""), *ResultDelivery.choices],
        read_only=True,
        help_text=_("Cách nhận kết quả người nộp đã chọn; rỗng khi chưa chọn."),
    )
    result_delivery_display = StringField(source="get_result_delivery_display", read_only=True)

    class Meta(DossierSummarySerializer.Meta):
        fields = [
            *DossierSummarySerializer.Meta.fields,
            "group",
            "parent",
            "children",
            "applicant",
            "started_at",
            "closed_at",
            "outcome",
            "reasons",
            "missing_items",
            "current_step",
            "assignee",
            "steps",
            "pauses",
            "documents",
            "fee_total",
            "fee_status",
            "fees",
            "home_service",
            "result_delivery",
            "result_delivery_display",
            "outside_boundary",
            "on_behalf_consent",
            "filed_by",
            "on_behalf",
            "timing",
            "allowed_actions",
            "lookup_secret",
        ]

    def _full(self) -> bool:
        return bool(self.context.get("personal_data"))

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, obj) -> list[dict]:
        """Without a result withheld from the caller (a draft until the leader decides)."""
        shown = documents_shown(dossier=obj, user=self.context["request"].user)
        return [
            serializer_reuse.represented(DocumentSerializer, document, self.context) for document in shown
        ]

    def get_children(self, obj) -> list[str]:
        return sorted(child.code for child in obj.children.all())

    @extend_schema_field(serializers.DictField())
    def get_applicant(self, obj) -> dict:
        full = self._full()
        return {
            "name": obj.applicant_name,
            "personal_id": obj.applicant_personal_id if full else masked_id(obj.applicant_personal_id),
            "birth_date": obj.applicant_birth_date.isoformat() if full and obj.applicant_birth_date else None,
            "sex": obj.applicant_sex if full else "",
            "phone": obj.applicant_phone if full else mask(obj.applicant_phone, keep_start=5),
            "email": obj.applicant_email if full else mask_email(obj.applicant_email),
            "address_street": obj.address_street if full else "",
            "address_unit": obj.address_unit.code if obj.address_unit_id else None,
            "address_unit_text": obj.address_unit_text,
            "address_province": obj.address_province,
            "legacy_address": obj.legacy_address if full else "",
        }

    @extend_schema_field(FeesSerializer)
    def get_fees(self, obj) -> dict:
        summary = fee_summary(dossier=obj)
        receipt = summary["receipt"]
        return FeesSerializer(
            {
                "total": obj.fee_total,
                "status": obj.fee_status,
                "status_display": str(obj.get_fee_status_display()),
                "receipt_number": receipt.receipt_number if receipt else None,
                "paid_at": receipt.completed_at if receipt else None,
                "payments": summary["payments"],
            }
        ).data

    def get_timing(self, obj) -> str | None:
        return timing_class(obj)

    def get_allowed_actions(self, obj) -> list[str]:
        request = self.context.get("request")
        return allowed_actions(obj, request.user) if request is not None else []

    def get_lookup_secret(self, obj) -> str | None:
        return obj.lookup_secret if self._full() else None

    def get_filed_by(self, obj) -> str | None:
        return obj.filed_by.username if self._full() and obj.filed_by_id else None

    @extend_schema_field(OnBehalfOutSerializer(allow_null=True))
    def get_on_behalf(self, obj) -> dict | None:
        if not (self._full() and obj.on_behalf_consent):
            return None
        return {
            "relationship": obj.on_behalf_relationship or None,
            "relationship_display": obj.get_on_behalf_relationship_display() or None,
            "consent": True,
            "consent_at": serializers.DateTimeField().to_representation(obj.on_behalf_consent_at)
            if obj.on_behalf_consent_at
            else None,
            "consent_note": obj.on_behalf_note,
        }


class EventSerializer(serializers.ModelSerializer):
    openapi_description = _(
        "Một dòng của nhật ký như đã ghi và băm; mã kiểm tra của giấy tờ trong đó được ẩn với người xem "
        "không có quyền xem (giá trị băm và việc xác minh chuỗi tính trên bản ghi đầy đủ)."
    )

    actor = StringField(source="actor.username", default=None, allow_null=True)
    agency = StringField(source="agency.code", default=None, allow_null=True)
    payload = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_payload(self, obj):
        payload = obj.payload
        if isinstance(payload, dict) and "sha256" in payload and not shows_document_hashes(self.context):
            return {key: value for key, value in payload.items() if key != "sha256"}
        return payload

    class Meta:
        model = Event
        fields = [
            "seq",
            "kind",
            "actor",
            "agency",
            "at",
            "from_status",
            "to_status",
            "payload",
            "previous_hash",
            "hash",
        ]


class EventLogSerializer(serializers.Serializer):
    code = StringField()
    verified = serializers.BooleanField()
    broken_at = serializers.IntegerField(allow_null=True)
    events = EventSerializer(many=True)


class LookupQuerySerializer(serializers.Serializer):
    secret = StringField(
        required=False, allow_blank=True, max_length=100, help_text=_("Mã tra cứu in trên giấy tiếp nhận")
    )


class LookupTimelineSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = StringField()
    from_status = StringField()
    to_status = StringField()
    agency = StringField(allow_null=True)


class LookupSerializer(serializers.Serializer):
    code = StringField()
    status = StringField()
    status_display = StringField()
    procedure = StringField(allow_null=True)
    procedure_name = StringField(allow_null=True)
    received_at = serializers.DateTimeField(allow_null=True)
    appointment = serializers.DateTimeField(allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    timeline = LookupTimelineSerializer(many=True, required=False, help_text=_("Chỉ khi có mã tra cứu đúng"))
