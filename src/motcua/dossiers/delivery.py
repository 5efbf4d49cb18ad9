"""How the result of a dossier may reach the applicant, as its procedure allows (DOMAIN.md §3.1, §3.3).

- Online (the electronic result in the personal document store) when the procedure issues an electronic result.
- By public postal service when the result is on paper and the procedure works with the postal service.
- At the one-stop section always: a paper result is handed over there, and an electronic one can be printed.
"""

from __future__ import annotations

from collections.abc import Iterable

from motcua.catalog.models import Channel, ProcedureVersion, ResultForm
from motcua.core.errors import ValidationFailed

from .models import ResultDelivery

ELECTRONIC_FORMS = frozenset({ResultForm.ELECTRONIC, ResultForm.BOTH})
PAPER_FORMS = frozenset({ResultForm.PAPER, ResultForm.BOTH})


def result_deliveries_for(version: ProcedureVersion) -> list[str]:
    """The ways of receiving the result this procedure version allows, in the order they are offered."""
    allowed: list[str] = []
    if version.result_form in ELECTRONIC_FORMS:
        allowed.append(ResultDelivery.ONLINE)
    if version.result_form in PAPER_FORMS and Channel.POSTAL in (version.channels or []):
        allowed.append(ResultDelivery.POST)
    allowed.append(ResultDelivery.CENTRE)
    return allowed


def ensure_result_delivery_allowed(*, delivery: str, versions: Iterable[ProcedureVersion]) -> None:
    """The chosen way of receiving the result is one every procedure of the dossier allows."""
    allowed: list[str] | None = None
    for version in versions:
        offered = result_deliveries_for(version)
        allowed = offered if allowed is None else [way for way in allowed if way in offered]
    allowed = allowed or []
    if delivery not in allowed:
        raise ValidationFailed(
            "Chọn một cách nhận kết quả mà thủ tục này cho phép.",
            "Choose a way of receiving the result that this procedure allows.",
            code="result_delivery_not_allowed",
            details={
                "result_delivery": ["Chọn một cách nhận kết quả mà thủ tục này cho phép."],
                "allowed": allowed,
            },
        )
