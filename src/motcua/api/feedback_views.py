"""Feedback endpoints: file, list (scoped, paginated), detail, and the actions on the answer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.feedback import policy, selectors, services

from .dossier_actions import ActionInput
from .feedback_serializers import (
    ApproveInput,
    DraftAnswerInput,
    FeedbackDetailSerializer,
    FeedbackListQuerySerializer,
    FeedbackSerializer,
    FeedbackSubmitSerializer,
    RateInput,
    SendBackInput,
)
from .pagination import CheckedPageNumberPagination
from .serializer_reuse import validated


def _detail(feedback, request) -> dict:
    feedback.history_entries = selectors.history_of(feedback=feedback)
    handles = feedback.agency_id in policy.inbox_agencies(request.user)
    return FeedbackDetailSerializer(feedback, context={"request": request, "handles": handles}).data


def _detail_of(pk: int, request) -> dict:
    return _detail(selectors.feedback_for(user=request.user, pk=pk), request)


class FeedbackListCreateView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = CheckedPageNumberPagination

    @extend_schema(
        parameters=[FeedbackListQuerySerializer],
        responses=FeedbackSerializer(many=True),
        operation_id="feedback_list",
        description=_(
            "Phản ánh, kiến nghị của người gọi (người dân: của mình; cán bộ: hộp thư của cơ quan và của "
            "mình; thanh tra: tất cả), mới nhất trước."
        ),
    )
    def get(self, request):
        query = validated(FeedbackListQuerySerializer, request.query_params)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.feedback_list(user=request.user, status=query["status"]), request, view=self
        )
        return paginator.get_paginated_response(
            FeedbackSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        request=FeedbackSubmitSerializer,
        responses={201: FeedbackDetailSerializer},
        operation_id="feedback_submit",
        description=_(
            "Một phản ánh hoặc kiến nghị, chuyển đến cơ quan có thẩm quyền giải quyết hồ sơ, nếu không thì "
            "cơ quan của thủ tục, nếu không thì cơ quan được nêu; thời hạn trả lời tính theo ngày làm việc "
            "của cơ quan đó."
        ),
    )
    def post(self, request):
        data = validated(FeedbackSubmitSerializer, request.data)
        feedback = services.feedback_submit(
            author=request.user,
            kind=data["kind"],
            subject=data["subject"],
            content=data["content"],
            dossier_code=data["dossier"],
            procedure_code=data["procedure"],
            agency_code=data["agency"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
        )
        return Response(_detail_of(feedback.pk, request), status=status.HTTP_201_CREATED)


class FeedbackDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=FeedbackDetailSerializer, operation_id="feedback_detail")
    def get(self, request, id: int):
        return Response(_detail_of(id, request))


def _action_view(name: str, input_class, perform, summary: str, status_code: int = 200):
    class View(APIView):
        permission_classes = [permissions.IsAuthenticated]

        @extend_schema(
            request=input_class,
            responses={status_code: FeedbackDetailSerializer},
            operation_id=f"feedback_{name}",
            summary=summary,
        )
        def post(self, request, id: int):
            selectors.feedback_for(user=request.user, pk=id)  # outside the caller's scope: 404
            perform(id, request.user, validated(input_class, request.data))
            return Response(_detail_of(id, request), status=status_code)

    View.__name__ = View.__qualname__ = f"Feedback{name.title().replace('_', '')}View"
    return View


ACTION_VIEWS = {
    "draft_answer": _action_view(
        "draft_answer",
        DraftAnswerInput,
        lambda pk, user, data: services.feedback_draft_answer(
            feedback_id=pk, actor=user, version=data["version"], answer=data["answer"]
        ),
        _("Dự thảo (hoặc dự thảo lại) câu trả lời: chuyên viên hoặc lãnh đạo cơ quan được chuyển đến"),
    ),
    "send_back": _action_view(
        "send_back",
        SendBackInput,
        lambda pk, user, data: services.feedback_send_back(
            feedback_id=pk, actor=user, version=data["version"], note=data["note"]
        ),
        _("Trả lại dự thảo câu trả lời để sửa, kèm ghi chú: lãnh đạo cơ quan được chuyển đến"),
    ),
    "approve": _action_view(
        "approve",
        ApproveInput,
        lambda pk, user, data: services.feedback_approve(
            feedback_id=pk,
            actor=user,
            version=data["version"],
            answer=data["answer"] or None,
            publish=data["publish"],
        ),
        _("Duyệt dự thảo câu trả lời (có thể sửa, có thể công khai): lãnh đạo cơ quan được chuyển đến"),
    ),
    "publish": _action_view(
        "publish",
        ActionInput,
        lambda pk, user, data: services.feedback_publish(feedback_id=pk, actor=user, version=data["version"]),
        _("Công khai câu trả lời đã duyệt trên danh sách công khai: lãnh đạo cơ quan được chuyển đến"),
    ),
    "rate": _action_view(
        "rate",
        RateInput,
        lambda pk, user, data: services.feedback_rate(feedback_id=pk, actor=user, rating=data["rating"]),
        _("Đánh giá câu trả lời, một lần: người gửi"),
    ),
}
