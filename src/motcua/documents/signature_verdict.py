"""A signature check told in words, for people: the verification page and `verify-pdf` show the same verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from motcua.core import clock

from .signatures import Reason, verify_pdf_signature

EXPLANATIONS = {
    "": _(
        "Chữ ký số hợp lệ: tệp không bị thay đổi kể từ khi ký, người ký có chứng thư số do tổ chức tin cậy cấp."
    ),
    Reason.NO_TRUST_ROOTS: _(
        "Hệ thống chưa được cấu hình tổ chức cấp chứng thư số tin cậy; không xác minh được."
    ),
    Reason.NO_SIGNATURE: _("Tệp không có chữ ký số."),
    Reason.UNREADABLE: _("Không đọc được tệp: đây không phải tệp PDF hợp lệ."),
    Reason.NOT_INTACT: _("Tệp đã bị thay đổi sau khi ký: nội dung không còn khớp với chữ ký."),
    Reason.UNTRUSTED: _("Chứng thư số của người ký không do tổ chức tin cậy cấp."),
    Reason.MODIFIED_AFTER_SIGNING: _("Tệp đã được thêm nội dung sau khi ký."),
    Reason.INVALID: _("Chữ ký số không hợp lệ."),
}


@dataclass(frozen=True)
class Verdict:
    valid: bool
    reason: str
    explanation: str
    signer_name: str
    signed_at_text: str  # local time, `14:30 05/12/2026`


def verdict_of(file: IO[bytes], *, language: str | None = None) -> Verdict:
    check = verify_pdf_signature(file)
    with translation.override(language or translation.get_language()):
        explanation = str(EXPLANATIONS.get(check.reason, EXPLANATIONS[Reason.INVALID]))
    signed_at = f"{clock.to_local(check.signed_at):%H:%M %d/%m/%Y}" if check.signed_at else ""
    return Verdict(
        valid=check.valid,
        reason=check.reason,
        explanation=explanation,
        signer_name=check.signer_name,
        signed_at_text=signed_at,
    )
