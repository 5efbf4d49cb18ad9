"""The forms of the actions on the dossier page, described from each action's input serializer (the API's, in
motcua.api.dossier_actions): the same fields, limits and rules; only labels and widgets are added here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework import serializers

from motcua.api.dossier_actions import ACTIONS

TITLES = {
    "receive": _("Tiếp nhận hồ sơ"),
    "request_completion": _("Hướng dẫn bổ sung, hoàn thiện"),
    "refuse": pgettext_lazy("action", "Từ chối tiếp nhận"),
    "assign": _("Phân công cán bộ xử lý"),
    "forward": _("Chuyển bước tiếp theo"),
    "complete_step": _("Hoàn thành bước"),
    "request_supplement": _("Yêu cầu bổ sung"),
    "supplement": _("Ghi nhận bổ sung hồ sơ"),
    "apologize": _("Xin lỗi và hẹn lại"),
    "propose_apology": _("Đề xuất xin lỗi và hẹn lại"),
    "approve_apology": _("Duyệt đề xuất xin lỗi và hẹn lại"),
    "reject_apology": _("Không duyệt đề xuất xin lỗi"),
    "resolve": _("Giải quyết"),
    "return": _("Trả kết quả"),
    "stop": pgettext_lazy("action", "Dừng giải quyết"),
    "withdraw": _("Rút hồ sơ"),
    "submit": pgettext_lazy("action", "Nộp hồ sơ"),
}
# Actions that end or turn away a dossier: their button says so by its colour as well as its words.
WARNING_ACTIONS = frozenset({"refuse", "stop", "withdraw", "reject_apology"})
LABELS = {
    "note": _("Ghi chú"),
    "reasons": _("Lý do"),
    "reason": _("Lý do"),
    "items": _("Các giấy tờ, nội dung cần bổ sung (mỗi dòng một mục)"),
    "to_user": _("Cán bộ (tên đăng nhập hoặc mã số)"),
    "outcome": _("Kết quả"),
    "new_due_at": _("Ngày giờ hẹn trả mới"),
}
OUTCOME_LABELS = {"approved": _("Giải quyết (chấp thuận)"), "denied": _("Không giải quyết (có lý do)")}
LONG_TEXT = 1000  # text fields longer than this are text areas


@dataclass
class ActionField:
    name: str
    id: str
    label: Any
    kind: str  # text, textarea, lines, select, datetime
    required: bool
    value: str = ""
    choices: list[tuple[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class ActionForm:
    action: str
    title: Any
    warning: bool
    fields: list[ActionField]
    errors: list[str] = field(default_factory=list)
    open: bool = False
    stale: bool = False  # the page was older than the dossier: offer a reload


def _kind(serializer_field) -> str:
    if isinstance(serializer_field, serializers.ListField):
        return "lines"
    if isinstance(serializer_field, serializers.ChoiceField):
        return "select"
    if isinstance(serializer_field, serializers.DateTimeField):
        return "datetime"
    if (getattr(serializer_field, "max_length", None) or 0) > LONG_TEXT:
        return "textarea"
    return "text"


def form_data(action: str, posted) -> dict[str, Any]:
    """The posted form as the action's serializer takes it: lists from one line per item."""
    data: dict[str, Any] = {"version": posted.get("version", "")}
    for name, serializer_field in ACTIONS[action].input().fields.items():
        if name == "version" or name not in posted:
            continue
        value = posted.get(name, "")
        if isinstance(serializer_field, serializers.ListField):
            data[name] = [line.strip() for line in value.splitlines() if line.strip()]
        else:
            data[name] = value
    return data


def action_form(
    action: str,
    *,
    posted=None,
    field_errors: dict[str, list[str]] | None = None,
    errors=None,
    stale: bool = False,
) -> ActionForm:
    """The form of one action; with `posted`, the typed values kept and the errors shown beside them."""
    field_errors = field_errors or {}
    fields = []
    for name, serializer_field in ACTIONS[action].input().fields.items():
        if name == "version":
            continue
        kind = _kind(serializer_field)
        choices = []
        if kind == "select":
            choices = [
                (value, OUTCOME_LABELS.get(value, label)) for value, label in serializer_field.choices.items()
            ]
        fields.append(
            ActionField(
                name=name,
                id=f"{action}-{name}",
                label=LABELS.get(name, name),
                kind=kind,
                required=serializer_field.required,
                value=posted.get(name, "") if posted is not None else "",
                choices=choices,
                errors=[str(error) for error in field_errors.get(name, [])],
            )
        )
    return ActionForm(
        action=action,
        title=TITLES.get(action, action),
        warning=action in WARNING_ACTIONS,
        fields=fields,
        errors=[str(error) for error in (errors or [])],
        open=posted is not None,
        stale=stale,
    )
