"""The end of a counter intake (issue 11): the dossier a receiving officer entered as a draft (counter, post or
home service) is submitted and, in the same transaction, received (form 01), guided to completion (form 02) or
refused (form 03). Any refusal of the second step rolls the submission back, so the draft stays as it was and
the officer can correct it."""

from __future__ import annotations

from collections.abc import Collection

from django.db import models, transaction

from motcua.accounts.models import User
from motcua.catalog.models import Channel
from motcua.core.errors import ActionNotAllowed

from ..models import Dossier
from .intake import dossier_refuse, dossier_request_completion, dossier_resubmit
from .receipt import dossier_receive


class CounterDecision(models.TextChoices):
    RECEIVE = "receive", "Tiếp nhận"
    GUIDE = "guide", "Hướng dẫn bổ sung, hoàn thiện"
    REFUSE = "refuse", "Từ chối tiếp nhận"


@transaction.atomic
def dossier_counter_conclude(
    *,
    code: str,
    actor: User,
    version: int,
    decision: str,
    note: str = "",
    items: list[str] | None = None,
    reasons: str = "",
    held_on_paper: Collection[str] = (),
) -> Dossier:
    """Submit the officer's draft and decide on it at once. `held_on_paper`: the components whose paper the
    officer checked at the counter (component codes); guidance lists every other mandatory component."""
    dossier = dossier_resubmit(code=code, actor=actor, version=version)
    if dossier.channel == Channel.ONLINE:
        raise ActionNotAllowed(
            "Chỉ hồ sơ nhập tại quầy, qua bưu chính hoặc tại nhà được kết thúc ở đây.",
            "Only a counter, postal or home dossier is concluded here.",
            code="not_a_counter_dossier",
        )
    if decision == CounterDecision.RECEIVE:
        return dossier_receive(code=code, actor=actor, version=dossier.version, note=note)
    if decision == CounterDecision.GUIDE:
        return dossier_request_completion(
            code=code,
            actor=actor,
            version=dossier.version,
            items=items,
            note=note,
            held_on_paper=held_on_paper,
        )
    return dossier_refuse(code=code, actor=actor, version=dossier.version, reasons=reasons)
