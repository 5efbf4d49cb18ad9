"""Importing a file's batches one after another, or in parallel worker processes (`--workers N`).

Batches are independent: dossier codes are checked against the file's batch and the database, keys come from
the sequences, and every hash chain belongs to one dossier. Each batch is one transaction in whichever process
imports it, all or nothing. When a batch is rejected no further batch starts; those already started finish
(written, or rejected with their own errors), so the outcome of every started batch is known and reported.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, connections

from motcua.accounts.models import User

from . import ImportResult, Lookups, import_dossiers, settled
from .errors import ImportRejected, LineError
from .files import RawRows, parsed


@dataclass(frozen=True)
class BatchOutcome:
    number: int
    first_line: int
    last_line: int
    read: int  # bytes of the file read up to the end of this batch
    result: ImportResult | None
    errors: list[LineError]


# Per process: the catalog rows read once, and the importing administrator.
_lookups: Lookups | None = None
_actor: User | None = None


def _start_worker(actor_pk: int) -> None:
    global _lookups, _actor
    _lookups, _actor = Lookups(), User.objects.get(pk=actor_pk)


def _import(number: int, rows: RawRows, read: int, dry_run: bool) -> BatchOutcome:
    assert _actor is not None and _lookups is not None
    first, last = rows[0][0], rows[-1][0]
    try:
        result = import_dossiers(rows=parsed(rows), actor=_actor, dry_run=dry_run, lookups=_lookups)
    except ImportRejected as rejected:
        return BatchOutcome(number, first, last, read, None, rejected.errors)
    except IntegrityError:
        # Only a code taken by a batch written meanwhile in another process gets past the checks.
        error = LineError(
            first,
            "code",
            "code_exists",
            "Một mã hồ sơ của lô vừa được ghi bởi lô khác.",
            "A dossier code of the batch was just written by another batch.",
        )
        return BatchOutcome(number, first, last, read, None, [error])
    return BatchOutcome(number, first, last, read, result, [])


def import_batches(
    batches: Iterable[tuple[RawRows, int]], *, actor: User, dry_run: bool = False, workers: int = 1
) -> Iterator[BatchOutcome]:
    """The outcome of each batch, in the file's order; after a rejected batch, only those already started."""
    with settled():
        if workers <= 1 or connection.vendor == "sqlite":
            # SQLite writes one transaction at a time (and a test's in-memory database is not shared with
            # forked processes): parallel workers would only queue, so the batches go one after another.
            _start_worker(actor.pk)
            for number, (rows, read) in enumerate(batches, start=1):
                outcome = _import(number, rows, read, dry_run)
                yield outcome
                if outcome.errors:
                    return
            return
        connections.close_all()  # each worker opens its own connection; none may share the parent's
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_start_worker, initargs=(actor.pk,)) as pool:
            calls = ((number, rows, read, dry_run) for number, (rows, read) in enumerate(batches, start=1))
            yield from in_order(
                pool, _import, calls, depth=2 * workers, stop=lambda outcome: bool(outcome.errors)
            )


def in_order(
    pool,
    func: Callable,
    calls: Iterator[tuple],
    *,
    depth: int,
    stop: Callable[[Any], bool] = lambda _r: False,
) -> Iterator[Any]:
    """`func(*args)` for each of `calls` in the pool, at most `depth` at a time, the results in the calls'
    order; after a result for which `stop` is true, no new call starts (those started are still answered)."""
    pending: deque = deque()
    stopped = False
    while True:
        while not stopped and len(pending) < depth:
            args = next(calls, None)
            if args is None:
                stopped = True
                break
            pending.append(pool.apply_async(func, args))
        if not pending:
            return
        result = pending.popleft().get()
        if stop(result):
            stopped = True
        yield result
