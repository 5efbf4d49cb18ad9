"""Dossier actions as a table: for each action, the body it takes, the service it calls and its summary.

Every action has its own URL (`dossiers/{code}/actions/<name>/`), its own operation in the OpenAPI schema and
its own request body with the real constraints, so that a generated client knows what each one needs. The
service is called with an explicit keyword mapping: a field the service does not take never reaches it, and
a field it needs is required here, so a wrong or missing field answers 400 naming it instead of a 500.
Text fields refuse blank and whitespace-only values unless they say `allow_blank`; the schema says so too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Outcome
from motcua.dossiers.workflow import Action

from .fields import StringField

NOTE_MAX = 2000
REASON_MAX = 5000
ITEM_MAX = 500
ITEMS_MAX = 100
OUTCOME_MAX = 300
USER_MAX = 150


class ActionInput(serializers.Serializer):
    openapi_description = _(
        "`version` là phiên bản hồ sơ mà bên gọi đã xem gần nhất: phiên bản cũ trả về 409 `stale_version`."
    )

    version = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text=_("Phiên bản hồ sơ mà người dùng đã xem")
    )


class NoteInput(ActionInput):
    note = StringField(required=False, allow_blank=True, max_length=NOTE_MAX, default="")


class ReasonsInput(ActionInput):
    reasons = StringField(max_length=REASON_MAX, help_text=_("Lý do"))


def _items_field(*, required: bool) -> serializers.ListField:
    return serializers.ListField(
        child=StringField(max_length=ITEM_MAX),
        required=required,
        allow_empty=not required,
        max_length=ITEMS_MAX,
        default=list if not required else serializers.empty,
        help_text=_("Các giấy tờ, nội dung cần bổ sung"),
    )


class SubmitActionInput(ActionInput):
    pass


class ReceiveInput(NoteInput):
    pass


class RequestCompletionInput(NoteInput):
    items = _items_field(required=False)


class RefuseInput(ReasonsInput):
    pass


class AssignInput(ActionInput):
    to_user = StringField(max_length=USER_MAX, help_text=_("Tên đăng nhập hoặc mã số của cán bộ"))


class AdvanceInput(ActionInput):
    outcome = StringField(required=False, allow_blank=True, max_length=OUTCOME_MAX, default="")
    to_user = StringField(
        required=False,
        allow_blank=True,
        max_length=USER_MAX,
        default="",
        help_text=_("Cán bộ xử lý bước tiếp theo (tên đăng nhập hoặc mã số)"),
    )


class ForwardInput(AdvanceInput):
    pass


class CompleteStepInput(AdvanceInput):
    pass


class RequestSupplementInput(ActionInput):
    reason = StringField(max_length=REASON_MAX, help_text=_("Lý do yêu cầu bổ sung"))
    items = _items_field(required=True)


class SupplementInput(NoteInput):
    pass


class ApologizeInput(ActionInput):
    reason = StringField(max_length=REASON_MAX, help_text=_("Lý do chậm"))
    new_due_at = serializers.DateTimeField(help_text=_("Thời hạn hẹn trả mới (ISO 8601)"))


class ProposeApologyInput(ApologizeInput):
    pass


class ApproveApologyInput(NoteInput):
    pass


class RejectApologyInput(ActionInput):
    note = StringField(max_length=NOTE_MAX, help_text=_("Lý do không duyệt"))


class ResolveInput(ActionInput):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    reasons = StringField(
        required=False,
        allow_blank=True,
        max_length=REASON_MAX,
        default="",
        help_text=_("Bắt buộc khi không giải quyết (denied)"),
    )


class ReturnInput(NoteInput):
    pass


class StopInput(ReasonsInput):
    pass


class WithdrawInput(ReasonsInput):
    pass


Perform = Callable[..., Dossier]


@dataclass(frozen=True)
class ActionSpec:
    name: str
    input: type[ActionInput]
    perform: Perform  # (*, code, actor, data) -> Dossier: the service call with its keywords spelled out
    summary: str | Promise


def _submit(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_send(code=code, actor=actor, version=data["version"])


def _receive(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_receive(code=code, actor=actor, version=data["version"], note=data["note"])


def _request_completion(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_request_completion(
        code=code, actor=actor, version=data["version"], items=data["items"], note=data["note"]
    )


def _refuse(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_refuse(code=code, actor=actor, version=data["version"], reasons=data["reasons"])


def _assign(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_assign(code=code, actor=actor, version=data["version"], to_user=data["to_user"])


def _forward(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_forward(
        code=code,
        actor=actor,
        version=data["version"],
        outcome=data["outcome"],
        to_user=data["to_user"] or None,
    )


def _complete_step(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_complete_step(
        code=code,
        actor=actor,
        version=data["version"],
        outcome=data["outcome"],
        to_user=data["to_user"] or None,
    )


def _request_supplement(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_request_supplement(
        code=code, actor=actor, version=data["version"], reason=data["reason"], items=data["items"]
    )


def _supplement(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_supplement(code=code, actor=actor, version=data["version"], note=data["note"])


def _apologize(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_apologize(
        code=code, actor=actor, version=data["version"], reason=data["reason"], new_due_at=data["new_due_at"]
    )


def _propose_apology(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_propose_apology(
        code=code, actor=actor, version=data["version"], reason=data["reason"], new_due_at=data["new_due_at"]
    )


def _approve_apology(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_approve_apology(
        code=code, actor=actor, version=data["version"], note=data["note"]
    )


def _reject_apology(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_reject_apology(code=code, actor=actor, version=data["version"], note=data["note"])


def _resolve(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_resolve(
        code=code, actor=actor, version=data["version"], outcome=data["outcome"], reasons=data["reasons"]
    )


def _return(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_return(code=code, actor=actor, version=data["version"], note=data["note"])


def _stop(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_stop(code=code, actor=actor, version=data["version"], reasons=data["reasons"])


def _withdraw(*, code: str, actor: User, data: dict) -> Dossier:
    return services.dossier_withdraw(code=code, actor=actor, version=data["version"], reasons=data["reasons"])


ACTIONS: dict[str, ActionSpec] = {
    spec.name: spec
    for spec in [
        ActionSpec(
            Action.SUBMIT,
            SubmitActionInput,
            _submit,
            _(
                "Gửi hồ sơ nháp, hoặc hồ sơ đã hoàn thiện theo hướng dẫn. Hồ sơ nháp trực tuyến chỉ được gửi khi "
                "đã đủ (thông tin người nộp có số điện thoại hoặc thư điện tử, giấy tờ cho mỗi thành phần bắt "
                "buộc, cách nhận kết quả); nếu không, 400 `draft_incomplete` liệt kê những gì còn thiếu."
            ),
        ),
        ActionSpec(
            Action.RECEIVE,
            ReceiveInput,
            _receive,
            _("Tiếp nhận hồ sơ: giấy tiếp nhận, hẹn trả kết quả (mẫu số 01)"),
        ),
        ActionSpec(
            Action.REQUEST_COMPLETION,
            RequestCompletionInput,
            _request_completion,
            _("Hướng dẫn bổ sung, hoàn thiện, nêu đủ một lần mọi nội dung còn thiếu (mẫu số 02)"),
        ),
        ActionSpec(Action.REFUSE, RefuseInput, _refuse, _("Từ chối tiếp nhận, nêu rõ lý do (mẫu số 03)")),
        ActionSpec(Action.ASSIGN, AssignInput, _assign, _("Phân công bước hiện tại cho một cán bộ")),
        ActionSpec(Action.FORWARD, ForwardInput, _forward, _("Chuyển hồ sơ sang bước tiếp theo")),
        ActionSpec(Action.COMPLETE_STEP, CompleteStepInput, _complete_step, _("Hoàn thành bước hiện tại")),
        ActionSpec(
            Action.REQUEST_SUPPLEMENT,
            RequestSupplementInput,
            _request_supplement,
            _("Yêu cầu bổ sung trong khi giải quyết (tạm dừng tính thời hạn)"),
        ),
        ActionSpec(Action.SUPPLEMENT, SupplementInput, _supplement, _("Người nộp bổ sung hồ sơ")),
        ActionSpec(
            Action.APOLOGIZE,
            ApologizeInput,
            _apologize,
            _("Xin lỗi và hẹn lại ngày trả kết quả (mẫu số 04), một lần"),
        ),
        ActionSpec(
            Action.PROPOSE_APOLOGY,
            ProposeApologyInput,
            _propose_apology,
            _("Đề xuất xin lỗi và hẹn lại ngày trả kết quả để lãnh đạo cơ quan làm chậm duyệt"),
        ),
        ActionSpec(
            Action.APPROVE_APOLOGY,
            ApproveApologyInput,
            _approve_apology,
            _(
                "Duyệt đề xuất xin lỗi đang chờ: văn bản xin lỗi (mẫu số 04) được ban hành theo nội dung đề xuất"
            ),
        ),
        ActionSpec(
            Action.REJECT_APOLOGY,
            RejectApologyInput,
            _reject_apology,
            _("Không duyệt đề xuất xin lỗi đang chờ, nêu lý do; có thể đề xuất lại"),
        ),
        ActionSpec(
            Action.RESOLVE,
            ResolveInput,
            _resolve,
            _("Kết quả giải quyết: chấp thuận, hoặc không giải quyết và nêu lý do"),
        ),
        ActionSpec(Action.RETURN, ReturnInput, _return, _("Trả kết quả cho người nộp")),
        ActionSpec(Action.STOP, StopInput, _stop, _("Dừng giải quyết, nêu rõ lý do (mẫu số 05)")),
        ActionSpec(Action.WITHDRAW, WithdrawInput, _withdraw, _("Người nộp rút hồ sơ")),
    ]
}

if set(ACTIONS) != set(Action.values):  # pragma: no cover - a new action without its row here
    raise RuntimeError(f"Actions without an API row: {sorted(set(Action.values) - set(ACTIONS))}")
