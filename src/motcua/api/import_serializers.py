"""The historical import's request and answer (the format of a line is documented in docs/import.md).

The line's schema is built from what the importer reads (motcua.dossiers.imports.reading: event kinds, payment
choices, code pattern and field lengths), so the two cannot drift apart; the importer checks each line."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from motcua.catalog.models import Channel
from motcua.dossiers.imports import reading

MAX_DOSSIERS_PER_REQUEST = 5000


class ImportedEventSerializer(serializers.Serializer):
    openapi_description = _("Một sự kiện trong quá trình giải quyết ở hệ thống cũ, theo thứ tự.")

    kind = serializers.ChoiceField(choices=list(reading.EVENT_KINDS))
    at = serializers.DateTimeField(required=False, help_text=_("Bắt buộc, trừ với `received` (received_at)"))
    officer = serializers.CharField(required=False, help_text=_("Cán bộ của hệ thống cũ, theo tên"))
    outcome = serializers.CharField(
        required=False, help_text=_("resolved: approved hoặc denied; các bước: kết quả")
    )
    reasons = serializers.CharField(
        required=False, help_text="resolved (denied), stopped, withdrawn, refused"
    )
    reason = serializers.CharField(required=False, help_text="supplement_requested, apologized")
    items = serializers.ListField(child=serializers.CharField(), required=False)
    new_due_at = serializers.DateTimeField(required=False, help_text="apologized")
    level = serializers.CharField(required=False, help_text="rated: very_satisfied, satisfied, not_satisfied")
    comment = serializers.CharField(required=False)
    note = serializers.CharField(required=False)


LIMIT = reading.APPLICANT_MAX


class ImportedApplicantSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=LIMIT["name"])
    personal_id = serializers.CharField(
        required=False, max_length=LIMIT["personal_id"], help_text=_("12 chữ số")
    )
    phone = serializers.CharField(
        required=False, max_length=LIMIT["phone"], help_text=_("Số di động hoặc cố định Việt Nam")
    )
    email = serializers.EmailField(required=False, max_length=LIMIT["email"])
    address = serializers.CharField(required=False, max_length=LIMIT["address"])


class ImportedFeeSerializer(serializers.Serializer):
    total = serializers.IntegerField(
        min_value=0, required=False, help_text=_("đồng; mặc định: phí, lệ phí của phiên bản thủ tục")
    )
    paid = serializers.ChoiceField(choices=list(reading.PAID), allow_null=True, required=False)


class ImportedDocumentSerializer(serializers.Serializer):
    component = serializers.CharField(max_length=reading.COMPONENT_CODE_MAX)
    digitized = serializers.BooleanField(required=False)
    reused = serializers.BooleanField(required=False)


class ImportedDossierSerializer(serializers.Serializer):
    code = serializers.RegexField(f"^{reading.CODE.pattern}$", max_length=reading.CODE_MAX)
    procedure = serializers.CharField(
        max_length=reading.PROCEDURE_CODE_MAX,
        help_text=_("Mã thủ tục; dùng phiên bản có hiệu lực tại thời điểm tiếp nhận"),
    )
    receiving_agency = serializers.CharField(max_length=reading.AGENCY_CODE_MAX)
    competent_agency = serializers.CharField(max_length=reading.AGENCY_CODE_MAX)
    channel = serializers.ChoiceField(choices=Channel.choices)
    applicant = ImportedApplicantSerializer()
    submitted_at = serializers.DateTimeField()
    received_at = serializers.DateTimeField(required=False, allow_null=True)
    due_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text=_("Thời hạn theo quy định ở hệ thống cũ; bỏ trống: tự tính"),
    )
    fee = ImportedFeeSerializer(required=False)
    documents = ImportedDocumentSerializer(many=True, required=False)
    events = ImportedEventSerializer(many=True)


class ImportRequestSerializer(serializers.Serializer):
    dossiers = ImportedDossierSerializer(
        many=True,
        help_text=format_lazy(
            _("Tối đa {max}; số thứ tự dòng trong lỗi đếm từ 1 theo danh sách này"),
            max=MAX_DOSSIERS_PER_REQUEST,
        ),
    )
    dry_run = serializers.BooleanField(default=False, help_text=_("Kiểm tra mọi hồ sơ; không ghi gì"))


class ImportBodySerializer(serializers.Serializer):
    """What the view reads: the lines as they are (the importer checks each one and names its errors)."""

    dossiers = serializers.ListField(
        child=serializers.JSONField(), min_length=1, max_length=MAX_DOSSIERS_PER_REQUEST
    )
    dry_run = serializers.BooleanField(default=False)


class ImportResultSerializer(serializers.Serializer):
    lines = serializers.IntegerField()
    dossiers = serializers.IntegerField(help_text=_("Đã nhập (hoặc đã kiểm tra, khi chạy thử)"))
    events = serializers.IntegerField()
    dry_run = serializers.BooleanField()
