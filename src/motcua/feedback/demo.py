"""Sample feedback for the demo, filed by the demo citizen through the services: two answers approved and
published (one rated), one complaint still waiting for its answer. Idempotent; skipped quietly when the demo
citizen or a sample procedure with a specialist and a leader at its competent agency is missing."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from motcua.accounts.models import Membership, Role, User
from motcua.catalog.models import ProcedureVersion
from motcua.core import clock
from motcua.dossiers.demo import as_of

from . import services
from .models import Feedback

CITIZEN = "congdan.an"
SAMPLES = [
    # kind, subject, content, days ago, answer (None: waiting), rating
    (
        "complaint",
        "Chậm trả kết quả so với giấy hẹn",
        "Giấy hẹn ghi trả kết quả ngày thứ Sáu nhưng đến thứ Ba tuần sau tôi vẫn chưa nhận được.",
        12,
        "Cơ quan xin lỗi ông về việc chậm trả kết quả. Hồ sơ đã được giải quyết; cán bộ liên quan đã được nhắc "
        "nhở và từ nay mỗi hồ sơ chậm đều có thư xin lỗi, hẹn lại.",
        "satisfied",
    ),
    (
        "recommendation",
        "Đề nghị cho phép nộp bản chụp giấy tờ qua mạng",
        "Đề nghị cho phép nộp bản chụp giấy tờ khi nộp trực tuyến thay vì mang bản sao đến quầy.",
        9,
        "Cảm ơn kiến nghị của ông. Từ tháng này thủ tục đã cho phép tải lên bản chụp giấy tờ khi nộp trực "
        "tuyến; bản chính chỉ cần xuất trình khi nhận kết quả.",
        "",
    ),
    (
        "complaint",
        "Không liên lạc được với bộ phận một cửa",
        "Tôi gọi số điện thoại của bộ phận một cửa nhiều lần trong giờ hành chính nhưng không ai nghe máy.",
        2,
        None,
        "",
    ),
]


def _handlers(agency_id: int) -> tuple[User, User] | None:
    def member(role: str) -> User | None:
        found = Membership.objects.filter(role=role, agency_id=agency_id, is_active=True).first()
        return found.user if found else None

    specialist, leader = member(Role.SPECIALIST), member(Role.LEADER)
    return (specialist, leader) if specialist and leader else None


def load(*, stdout) -> None:
    citizen = User.objects.filter(username=CITIZEN).first()
    if citizen is None:
        stdout.write("Phản ánh, kiến nghị mẫu: chưa có công dân mẫu, bỏ qua.")
        return
    if Feedback.objects.filter(author=citizen).exists():
        stdout.write("Phản ánh, kiến nghị mẫu: đã có, bỏ qua.")
        return
    versions = ProcedureVersion.objects.filter(
        status=ProcedureVersion.Status.PUBLISHED, procedure__is_sample=True, competent_agency__isnull=False
    ).select_related("procedure")
    found = next(
        (
            (v, h)
            for v in versions.order_by("procedure__code")
            for h in [_handlers(v.competent_agency_id)]
            if h
        ),
        None,
    )
    if found is None:
        stdout.write("Phản ánh, kiến nghị mẫu: chưa có thủ tục hoặc cán bộ mẫu, bỏ qua.")
        return
    version, (specialist, leader) = found
    now = clock.now()
    for kind, subject, content, days_ago, answer, rating in SAMPLES:
        filed_at = now - timedelta(days=days_ago)
        with transaction.atomic(), as_of(filed_at):
            feedback = services.feedback_submit(
                author=citizen,
                kind=kind,
                subject=subject,
                content=content,
                procedure_code=version.procedure.code,
            )
        if answer is None:
            continue
        with transaction.atomic(), as_of(filed_at + timedelta(days=2)):
            feedback = services.feedback_draft_answer(
                feedback_id=feedback.pk, actor=specialist, version=feedback.version, answer=answer
            )
        with transaction.atomic(), as_of(filed_at + timedelta(days=3)):
            feedback = services.feedback_approve(
                feedback_id=feedback.pk, actor=leader, version=feedback.version, publish=True
            )
        if rating:
            with transaction.atomic(), as_of(filed_at + timedelta(days=4)):
                services.feedback_rate(feedback_id=feedback.pk, actor=citizen, rating=rating)
    stdout.write(f"Phản ánh, kiến nghị mẫu: {len(SAMPLES)} (2 đã trả lời và công khai, 1 đang chờ trả lời).")
