"""The official forms: their number in Circular 03/2025/TT-VPCP (Appendix I), title, file name, template, and the
process-control events they are issued from (a form exists once one of its events does)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from motcua.dossiers.models import EventKind

from .errors import UnknownForm


@dataclass(frozen=True)
class OfficialForm:
    key: str  # the name in the API path: dossiers/{code}/forms/{key}.pdf
    number: str  # "Mẫu số 01" ...
    title: str  # printed in capitals, always in Vietnamese (a legal document)
    slug: str  # the end of the file name: <code>-<slug>.pdf
    issued_by: tuple[str, ...]  # the event kinds that issue it; the latest one is printed

    @property
    def template(self) -> str:
        return f"official_forms/{self.key}.html"


RECEIPT = OfficialForm(
    key="receipt",
    number="01",
    title="Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    slug="bien-nhan",
    issued_by=(EventKind.RECEIVED,),
)
# Guidance before receipt (intake) and a supplement request during processing are the same form.
COMPLETION = OfficialForm(
    key="completion",
    number="02",
    title="Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    slug="yeu-cau-bo-sung",
    issued_by=(EventKind.COMPLETION_REQUESTED, EventKind.SUPPLEMENT_REQUESTED),
)
REFUSAL = OfficialForm(
    key="refusal",
    number="03",
    title="Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    slug="tu-choi-tiep-nhan",
    issued_by=(EventKind.REFUSED,),
)
APOLOGY = OfficialForm(
    key="apology",
    number="04",
    title="Văn bản xin lỗi và hẹn lại ngày trả kết quả",
    slug="xin-loi-hen-lai",
    issued_by=(EventKind.APOLOGIZED,),
)
STOP = OfficialForm(
    key="stop",
    number="05",
    title="Thông báo dừng giải quyết hồ sơ",
    slug="dung-giai-quyet",
    issued_by=(EventKind.STOPPED,),
)
# The slip follows the dossier from its receipt: it lists every hand-over recorded since.
CONTROL = OfficialForm(
    key="control",
    number="06",
    title="Phiếu kiểm soát quá trình giải quyết hồ sơ",
    slug="phieu-kiem-soat",
    issued_by=(EventKind.RECEIVED,),
)

FORMS: dict[str, OfficialForm] = {
    form.key: form for form in (RECEIPT, COMPLETION, REFUSAL, APOLOGY, STOP, CONTROL)
}


def form_named(key: str) -> OfficialForm:
    form = FORMS.get(key)
    if form is None:
        raise UnknownForm(details={"form": key, "forms": sorted(FORMS)})
    return form


def forms_issued(kinds: Iterable[str]) -> list[OfficialForm]:
    """The forms a dossier whose events are of `kinds` has (each once one of its issuing events exists), in
    their legal order."""
    seen = set(kinds)
    return [form for form in FORMS.values() if seen & set(form.issued_by)]
