"""The historical import: dossiers with their full timelines from a legacy system (docs/import.md).

`import_dossiers` takes one batch: every line is read and replayed in memory, every error of every line is
collected, and only a batch without any error is written (in bulk, in one transaction). Imported dossiers are
real dossiers: rows, steps, pauses, rating, scope rows and a hash chain that verify-audit checks; the counts of
the indicators are added through the bulk event hook. No outbox message is written: citizens are not told of
old history.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from motcua.accounts.models import Role, User
from motcua.accounts.selectors import has_role
from motcua.core.errors import PermissionDenied

from ..event_hooks import events_written_in_bulk
from ..models import Dossier, Step
from ..services.intake import lookup_secrets
from .errors import ImportRejected, LineError, LineInvalid
from .lookups import Lookups
from .reading import Line, read_line
from .records import DossierRecord, EventRecord
from .timeline import Built, Ids, replay
from .writing import allocate_ids, references_checked_first, write_batch

__all__ = [
    "ImportRejected",
    "ImportResult",
    "LineError",
    "Lookups",
    "Unreadable",
    "ensure_may_import",
    "import_dossiers",
]


@dataclass(frozen=True)
class Unreadable:
    """A line that is not JSON (the reader of the file says why)."""

    reason: str


@dataclass(frozen=True)
class ImportResult:
    lines: int
    dossiers: int
    events: int
    dry_run: bool


def _error(number: int, problem: LineInvalid) -> LineError:
    return LineError(number, problem.field, problem.code, problem.vi, problem.en)


def codes_in_database(codes: list[str]) -> set[str]:
    """Which of `codes` the dossiers have. On PostgreSQL the batch's codes go as one array parameter rather
    than a thousand, which the driver would each adapt and the server each parse (the index serves both)."""
    if connection.vendor != "postgresql":
        return set(Dossier.objects.filter(code__in=codes).values_list("code", flat=True))
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('code')} FROM {quote(Dossier._meta.db_table)} WHERE {quote('code')} = ANY(%s)",  # noqa: S608
            [codes],
        )
        return {row[0] for row in cursor.fetchall()}


def code_taken(number: int, code: str) -> LineError:
    return LineError(
        number,
        "code",
        "code_exists",
        f"Đã có hồ sơ mã {code}.",
        f"A dossier with code {code} already exists.",
    )


def _read(
    rows: list[tuple[int, Any]],
    lookups: Lookups,
    errors: list[LineError],
    taken_of: Callable[[list[str]], set[str]],
) -> list[Line]:
    lines: list[Line] = []
    first_line_of: dict[str, int] = {}
    for number, data in rows:
        if isinstance(data, Unreadable):
            errors.append(
                LineError(
                    number,
                    "",
                    "invalid_json",
                    f"Dòng không phải JSON hợp lệ: {data.reason}",
                    f"The line is not valid JSON: {data.reason}",
                )
            )
            continue
        try:
            line = read_line(number, data, lookups)
        except LineInvalid as problem:
            errors.append(_error(number, problem))
            continue
        if line.code in first_line_of:
            errors.append(
                LineError(
                    number,
                    "code",
                    "duplicate_code",
                    f"Mã hồ sơ {line.code} đã có ở dòng {first_line_of[line.code]}.",
                    f"The dossier code {line.code} is already on line {first_line_of[line.code]}.",
                )
            )
            continue
        first_line_of[line.code] = number
        lines.append(line)
    taken = taken_of(list(first_line_of))
    errors.extend(code_taken(line.number, line.code) for line in lines if line.code in taken)
    return [line for line in lines if line.code not in taken]


@contextlib.contextmanager
def settled() -> Iterator[None]:
    """For a run of batches: every object made before it (the application, the catalog rows read for the run)
    kept out of the cyclic garbage collector's way, and so for the workers forked in it. Each batch makes
    hundreds of thousands of objects, which set off full collections, and each of those would otherwise walk
    all of these again (several per cent of the import's CPU). Given back to the collector after the run.

    In a process that froze its objects already (a server's worker, motcua/wsgi.py), nothing is done: freezing
    again would keep its requests' garbage for ever, and giving back would undo the worker's own freeze."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def ensure_may_import(actor: User) -> None:
    """Only administrators import (403 for anyone else)."""
    if not has_role(actor, Role.ADMINISTRATOR):
        raise PermissionDenied(
            "Chỉ quản trị hệ thống được nhập hồ sơ từ hệ thống cũ.",
            "Only administrators may import dossiers from a legacy system.",
        )


def replayed(
    rows: list[tuple[int, Any]],
    *,
    lookups: Lookups,
    actor: User,
    ids_for: Callable[[list[Line]], Ids],
    taken_of: Callable[[list[str]], set[str]] = codes_in_database,
) -> tuple[list[Built], list[LineError]]:
    """Every line of a batch read and replayed in memory: the dossiers built, and every error (by line).

    `ids_for` hands out the keys of the lines' dossiers and steps; `taken_of` tells which codes exist already.
    Nothing else touches the database when `lookups` holds every catalog row (Lookups.read_all)."""
    errors: list[LineError] = []
    lines = _read(rows, lookups, errors, taken_of)
    ids = ids_for(lines)
    built: list[Built] = []
    with lookups.calendars_kept():
        for line in lines:
            try:
                built.append(replay(line, lookups=lookups, ids=ids, actor=actor))
            except LineInvalid as problem:
                errors.append(_error(line.number, problem))
    errors.sort(key=lambda e: e.line)
    return built, errors


def drawn_ids(lines: list[Line], lookups: Lookups) -> Ids:
    """Keys drawn from the sequences for exactly these lines, and their lookup secrets."""
    return Ids(
        dossiers=allocate_ids(Dossier, len(lines)),
        steps=allocate_ids(Step, sum(len(lookups.template(line.version)) for line in lines)),
        secrets=lookup_secrets(len(lines)),
    )


def event_pairs(built: list[Built]) -> list[tuple[DossierRecord, EventRecord]]:
    return [(b.dossier, e) for b in built for e in b.events]


@transaction.atomic
def import_dossiers(
    *, rows: Iterable[tuple[int, Any]], actor: User, dry_run: bool = False, lookups: Lookups | None = None
) -> ImportResult:
    """Import one batch of (line number, parsed JSON object) rows, all or nothing.

    Raises ImportRejected with every line's errors; with `dry_run`, checks everything and writes nothing.
    `actor` (an administrator) is recorded as the creator of the dossiers and the recorder of the ratings.
    """
    ensure_may_import(actor)
    rows = list(rows)
    lookups = lookups or Lookups()
    built, errors = replayed(
        rows, lookups=lookups, actor=actor, ids_for=lambda lines: drawn_ids(lines, lookups)
    )
    if errors:
        raise ImportRejected(errors)
    pairs = event_pairs(built)
    if not dry_run:
        write_batch(built)
        with references_checked_first():
            events_written_in_bulk(pairs)
    return ImportResult(lines=len(rows), dossiers=len(built), events=len(pairs), dry_run=dry_run)
