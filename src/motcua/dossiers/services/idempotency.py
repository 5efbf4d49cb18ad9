"""Idempotent submission: a retried request gets the first answer, never a second dossier."""

from __future__ import annotations

import hmac
from collections.abc import Callable

from django.db import IntegrityError, transaction

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import ApplicationError
from motcua.core.row_insert import insert_new

from ..errors import IdempotencyKeyReused
from ..models import Dossier, IdempotencyKey


def submit_idempotent(
    *, user: User, key: str, request_hash: str, perform: Callable[[], tuple[int, dict, Dossier | None]]
) -> tuple[int, dict]:
    """Run `perform` once per (user, key): a retry gets the first answer, never a second dossier.

    Optimistic: a first attempt (by far the common case) is not looked up beforehand. The key row is inserted in
    the same transaction as the dossier; a retry or a concurrent twin fails on the unique constraint, rolls back
    (its dossier and code number with it) and answers with the first result. A retry that fails validation
    where the first attempt passed (the procedure was withdrawn since, say) also gets the first answer.
    """
    key = (key or "").strip()[:255]

    def replay_or_raise(error: Exception) -> tuple[int, dict]:
        # Not .first(): no ORDER BY is needed on the unique (user, key) index.
        found = next(iter(IdempotencyKey.objects.filter(user=user, key=key)[:1]), None)
        if found is None:
            raise error
        if not hmac.compare_digest(found.request_hash, request_hash):
            raise IdempotencyKeyReused(details={"key": key})
        return found.response_status, found.response_body

    try:
        with transaction.atomic():
            status, body, dossier = perform()
            insert_new(
                IdempotencyKey(
                    user=user,
                    key=key,
                    request_hash=request_hash,
                    dossier=dossier,
                    response_status=status,
                    response_body=body,
                    created_at=clock.now(),
                )
            )
    except (IntegrityError, ApplicationError) as error:
        return replay_or_raise(error)
    return status, body
