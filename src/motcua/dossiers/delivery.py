"""How the result of a dossier may reach the applicant, as its procedure allows (DOMAIN.md §3.1, §3.3).

- Online (the electronic result in the personal document store) when the procedure issues an electronic result.
- By public postal service when the result is on paper and the procedure works with the postal service.
- At the one-stop section always: a paper result is handed over there, and an electronic one can be printed.
"""

from __future__ import annotations

from motcua.catalog.models import Channel, ProcedureVersion, ResultForm

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
