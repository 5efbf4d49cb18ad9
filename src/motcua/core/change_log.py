"""The trail of administrators' changes to accounts and settings: each change is a row of Django's admin log
(the "History" of the object in the admin site, whatever page made the change) and a line in the application
log."""

from __future__ import annotations

import logging

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.db import models

logger = logging.getLogger("motcua.changes")

__all__ = ["ADDITION", "CHANGE", "record_change"]


def record_change(*, actor: models.Model, obj: models.Model, message: str, added: bool = False) -> None:
    """Record that `actor` added (`added`) or changed `obj`, saying what in `message`."""
    LogEntry.objects.log_actions(
        user_id=actor.pk,
        queryset=[obj],
        action_flag=ADDITION if added else CHANGE,
        change_message=message,
        single_object=True,
    )
    logger.info(
        "%s %s #%s by user #%s: %s",
        "added" if added else "changed",
        type(obj).__name__,
        obj.pk,
        actor.pk,
        message,
    )
