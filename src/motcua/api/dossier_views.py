"""Dossier endpoints: thin views that parse, call a service or selector, and serialize."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from motcua.accounts.policy import ensure_not_inspector
from motcua.core.errors import ActionNotAllowed, ValidationFailed
from motcua.core.hashchain import canonical_json
from motcua.documents.models import Source
from motcua.dossiers import audit, selectors, services, workflow
from motcua.organization.models import AdministrativeUnit

from . import dossier_rows, serializer_reuse
from .dossier_actions import ACTIONS, ActionSpec
from .dossier_serializers import (
    DocumentReuseSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    DossierDetailSerializer,
    DossierSummarySerializer,
    EventLogSerializer,
    ListQuerySerializer,
    LookupQuerySerializer,
    LookupSerializer,
    RatingSerializer,
    ResultDeliveryChangeSerializer,
    SubmitSerializer,
)
from .pagination import CursorPagination
from .parsers import FormParser, MultiPartParser
from .schema import ERROR

IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=_("Gửi lại với cùng khóa thì nhận lại kết quả lần đầu, không tạo hồ sơ thứ hai."),
)


def _valid(serializer_class, data, **kwargs):
    if not kwargs:
        return serializer_reuse.validated(serializer_class, data)
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def render_detail(dossier, request, *, refetch: bool = True) -> dict:
    """The detail of a dossier; after a change it is read again with its relations (the service already
    checked the caller may act on it), unless the object already holds them (a dossier just created)."""
    if refetch and not selectors.holds_detail_relations(dossier):
        dossier = selectors.dossier_detail(pk=dossier.pk)
    else:
        selectors.with_detail_relations(dossier)
    context = {
        "request": request,
        "personal_data": selectors.sees_personal_data(dossier, request.user),
        "document_hashes": workflow.handles(dossier, request.user),
        "dossier_code": dossier.code,
    }
    return serializer_reuse.represented(DossierDetailSerializer, dossier, context)


def _applicant(data: dict) -> services.ApplicantData:
    unit = None
    if data.get("address_unit"):
        unit = AdministrativeUnit.objects.filter(code=data["address_unit"]).first()
        if unit is None:
            raise ValidationFailed(
                "Không tìm thấy xã/phường.",
                "No such commune or ward.",
                code="invalid_address_unit",
                details={"applicant": {"address_unit": [data["address_unit"]]}},
            )
    return services.ApplicantData.from_values(data, address_unit=unit)


def _on_behalf(data: dict | None) -> services.OnBehalf | None:
    if data is None:
        return None
    return services.OnBehalf(
        relationship=data["relationship"], consent=data["consent"], note=data["consent_note"]
    )


class DossierListCreateView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = CursorPagination  # the list's pages; the schema documents its answer from it

    @extend_schema(
        parameters=[ListQuerySerializer],
        responses=DossierSummarySerializer(many=True),
        operation_id="dossiers_list",
        description=format_lazy(
            _(
                "Các hồ sơ của người gọi, mới nhất trước, phân trang theo khóa: theo `next` và `previous`. "
                "`count` chính xác đến {cap}; vượt quá thì dừng ở đó và `count_capped` là true."
            ),
            cap=CursorPagination.count_cap(),
        ),
    )
    def get(self, request):
        query = _valid(ListQuerySerializer, request.query_params)
        keys = selectors.dossier_list_keys(user=request.user, **query)
        paginator = self.pagination_class()
        rows = paginator.paginate_queryset(
            keys.ids,
            request,
            view=self,
            key=keys.key,
            load=selectors.dossier_list_values,
            count_key=keys.scope,
        )
        # The rows of DossierSummarySerializer, rendered from plain values (see dossier_rows).
        return paginator.get_paginated_response(dossier_rows.rendered(rows))

    @extend_schema(
        request=SubmitSerializer,
        responses={201: DossierDetailSerializer, 404: ERROR},
        parameters=[IDEMPOTENCY_HEADER],
        operation_id="dossiers_submit",
    )
    def post(self, request):
        data = _valid(SubmitSerializer, request.data)

        def perform():
            dossier = services.dossier_submit(
                actor=request.user,
                applicant=_applicant(data["applicant"]),
                channel=data["channel"],
                procedure_code=data["procedure"] or None,
                group_code=data["group"] or None,
                receiving_agency_code=data["receiving_agency"] or None,
                on_behalf_consent=data["on_behalf_consent"],
                on_behalf=_on_behalf(data["on_behalf"]),
                draft=data["draft"],
                receive_now=data["receive"],
                result_delivery=data["result_delivery"],
                applicant_confirmed=True,  # the caller gave the applicant's details in this request
                savepoint=False,  # always called inside the transaction block below, which rolls back whole
            )
            return status.HTTP_201_CREATED, render_detail(dossier, request), dossier

        # The answer lists the caller's allowed actions: read their roles now, not while the agency's day
        # counter is locked (it stays locked until the submission commits).
        workflow.grants_of(request.user)
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key:
            with transaction.atomic():
                code, body, _dossier = perform()
            return Response(body, status=code)
        request_hash = hashlib.sha256(canonical_json(request.data).encode("utf-8")).hexdigest()
        code, body = services.submit_idempotent(
            user=request.user, key=key, request_hash=request_hash, perform=perform
        )
        return Response(body, status=code)


class DossierDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=DossierDetailSerializer, operation_id="dossiers_detail")
    def get(self, request, code: str):
        dossier = selectors.dossier_for(user=request.user, code=code)
        return Response(render_detail(dossier, request, refetch=False))


class DossierResultDeliveryView(APIView):
    """`PUT dossiers/{code}/result-delivery/`: how the applicant receives the result, chosen on a draft."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=ResultDeliveryChangeSerializer,
        responses={200: DossierDetailSerializer},
        operation_id="dossiers_result_delivery_set",
        summary=_("Chọn cách người nộp nhận kết quả (chỉ với hồ sơ nháp)"),
        description=_(
            "Do người được gửi hồ sơ nháp chọn, trong các cách thủ tục cho phép (nếu không: 400 "
            "`result_delivery_not_allowed`, kèm `allowed` trong details); hồ sơ đã gửi trả về 409 "
            "`not_a_draft`. Kết quả trả về là chi tiết hồ sơ."
        ),
    )
    def put(self, request, code: str):
        ensure_not_inspector(request.user)  # the read-only role is refused before its input is read
        selectors.dossier_for(user=request.user, code=code)  # outside the caller's scope: 404
        data = _valid(ResultDeliveryChangeSerializer, request.data)
        dossier = services.dossier_draft_result_delivery_set(
            code=code, actor=request.user, version=data["version"], delivery=data["result_delivery"]
        )
        return Response(render_detail(dossier, request))


class _DossierActionBase(APIView):
    """`POST dossiers/{code}/actions/{action}/`: the action's own body (see dossier_actions), then its service.
    An action name that does not exist answers 409 `unknown_action`, before the dossier is looked up."""

    permission_classes = [permissions.IsAuthenticated]
    action_name: str | None = None  # set for the URL registered per action; None for the generic route

    def post(self, request, code: str, action: str | None = None):
        name = self.action_name or action or ""
        spec = ACTIONS.get(name)
        if spec is None:
            raise ActionNotAllowed(
                f"Thao tác không tồn tại: {name}.", f"Unknown action: {name}.", code="unknown_action"
            )
        selectors.dossier_for(user=request.user, code=code)  # outside the caller's scope: 404
        data = _valid(spec.input, request.data)
        dossier = spec.perform(code=code, actor=request.user, data=data)
        return Response(render_detail(dossier, request))


class DossierActionView(_DossierActionBase):
    """The generic route: known actions work through it as through their own URL (for existing clients)."""

    @extend_schema(
        request=None,
        responses={409: ERROR},
        operation_id="dossiers_action_unknown",
        summary=_("Thao tác không tồn tại"),
        description=_(
            "Mỗi thao tác có một operation riêng (`dossiers_action_<name>`); tên khác trả về 409 "
            "`unknown_action`."
        ),
        parameters=[
            OpenApiParameter(
                "action",
                {"type": "string", "pattern": "^[a-z_]{1,40}$", "not": {"enum": sorted(ACTIONS)}},
                OpenApiParameter.PATH,
            )
        ],
    )
    def post(self, request, code: str, action: str | None = None):
        return super().post(request, code, action)


def _action_view(spec: ActionSpec) -> type[_DossierActionBase]:
    """The view registered at `dossiers/{code}/actions/<name>/`: its own operation and request body."""
    view = type(f"Dossier{spec.name.title().replace('_', '')}ActionView", (_DossierActionBase,), {})
    view.action_name = spec.name
    return extend_schema_view(
        post=extend_schema(
            request=spec.input,
            responses=DossierDetailSerializer,
            operation_id=f"dossiers_action_{spec.name}",
            summary=spec.summary,
            description=_(
                "`version` là phiên bản hồ sơ mà bên gọi đã xem gần nhất (phiên bản cũ: 409 `stale_version`). "
                "Kết quả trả về là chi tiết hồ sơ sau thao tác."
            ),
        )
    )(view)


ACTION_VIEWS: dict[str, type[_DossierActionBase]] = {
    name: _action_view(spec) for name, spec in ACTIONS.items()
}


class DossierDocumentView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer},
        operation_id="dossiers_document_upload",
    )
    def post(self, request, code: str):
        dossier = selectors.dossier_for(user=request.user, code=code)
        data = _valid(DocumentUploadSerializer, request.data)
        record = services.dossier_add_document(
            code=code,
            actor=request.user,
            file=data["file"],
            component_code=data["component_code"],
            source=data["source"],
        )
        context = {"document_hashes": workflow.handles(dossier, request.user), "dossier_code": dossier.code}
        return Response(DocumentSerializer(record, context=context).data, status=status.HTTP_201_CREATED)


class DossierDocumentReuseView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=DocumentReuseSerializer,
        responses={201: DocumentSerializer},
        operation_id="dossiers_document_reuse",
        summary=_("Đính kèm bản sao một giấy tờ trong kho dữ liệu cá nhân của tôi"),
        description=_(
            "Một giấy tờ trong kho dữ liệu cá nhân của chính người gọi (`personal-documents/`), cho thành "
            "phần hồ sơ có loại giấy tờ dùng lại phù hợp (kết quả giải quyết đã cấp dùng được cho mọi thành "
            "phần dùng lại), khi hồ sơ đang nhận giấy tờ. Ghi nhận với nguồn `reused`; chỉ tính là đã số hóa "
            "khi là kết quả giải quyết đã cấp. Giấy tờ trong kho của người khác trả về 400 "
            "`personal_document_not_found`."
        ),
    )
    def post(self, request, code: str):
        dossier = selectors.dossier_for(user=request.user, code=code)
        data = _valid(DocumentReuseSerializer, request.data)
        record = services.dossier_add_document(
            code=code,
            actor=request.user,
            component_code=data["component_code"],
            source=Source.REUSED,
            personal_document_id=data["personal_document"],
        )
        context = {"document_hashes": workflow.handles(dossier, request.user), "dossier_code": dossier.code}
        return Response(DocumentSerializer(record, context=context).data, status=status.HTTP_201_CREATED)


class DossierEventsView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses=EventLogSerializer,
        operation_id="dossiers_events",
        description=_(
            "Nhật ký kiểm soát quá trình giải quyết kèm giá trị băm, xác minh trên bản ghi đầy đủ "
            "(`verified`). Mã kiểm tra của giấy tờ (`sha256` trong payload) chỉ hiện cho cán bộ giải quyết "
            "hồ sơ."
        ),
    )
    def get(self, request, code: str):
        dossier = selectors.dossier_for(user=request.user, code=code)
        events = list(selectors.events_of(dossier=dossier))
        found = audit.verify_events(events)  # on the records as stored, before anything is left out
        body = {
            "code": dossier.code,
            "verified": found is None,
            "broken_at": events[found.index].seq if found else None,
            "events": events,
        }
        context = {"document_hashes": workflow.handles(dossier, request.user)}
        return Response(EventLogSerializer(body, context=context).data)


class DossierRatingView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=RatingSerializer, responses={201: RatingSerializer}, operation_id="dossiers_rate")
    def post(self, request, code: str):
        selectors.dossier_for(user=request.user, code=code)
        data = _valid(RatingSerializer, request.data)
        rating = services.dossier_rate(
            code=code, actor=request.user, level=data["level"], comment=data["comment"]
        )
        return Response({"level": rating.level, "comment": rating.comment}, status=status.HTTP_201_CREATED)


class LookupView(APIView):
    """Public status by dossier code. Throttled per client address so receipt secrets cannot be guessed."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "lookup"

    @extend_schema(
        parameters=[LookupQuerySerializer],
        responses={200: LookupSerializer, 403: ERROR},
        operation_id="lookup",
        description=_(
            "Không có `secret`: chỉ trạng thái và ngày hẹn trả. Có mã tra cứu trên giấy tiếp nhận: thêm quá "
            "trình giải quyết. Mã sai trả về 403."
        ),
    )
    def get(self, request, code: str):
        secret = _valid(LookupQuerySerializer, request.query_params).get("secret")
        return Response(LookupSerializer(selectors.public_status(code=code, secret=secret)).data)
