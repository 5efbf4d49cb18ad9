"""Feedback built through the services."""

from __future__ import annotations

from motcua.accounts.models import User
from motcua.feedback import services
from motcua.feedback.models import Feedback


def file_feedback(author: User, **target) -> Feedback:
    """A complaint by `author`; `target`: dossier_code, procedure_code and/or agency_code (and any other field)."""
    fields = {"kind": "complaint", "subject": "Chậm trả kết quả", "content": "Hồ sơ quá hẹn ba ngày."}
    fields.update(target)
    return services.feedback_submit(author=author, **fields)


def answered(feedback: Feedback, *, specialist: User, leader: User, publish: bool = False) -> Feedback:
    feedback = services.feedback_draft_answer(
        feedback_id=feedback.pk, actor=specialist, version=feedback.version, answer="Đã xử lý, xin lỗi ông."
    )
    return services.feedback_approve(
        feedback_id=feedback.pk, actor=leader, version=feedback.version, publish=publish
    )
