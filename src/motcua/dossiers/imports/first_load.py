"""The first load of a move (`import-dossiers --first-load`): a whole file in one transaction, with the dossier
tables taken for the run, for the years of history a city brings before its service opens.

What the batch import pays per row, PostgreSQL pays here once per table:
- the tables are locked for the run; their secondary indexes (not the primary keys, not the unique ones: the
  codes are still checked against the table) and their foreign keys are set aside, and made again at the end,
  a sort per index and one join per foreign key over the whole load instead of a check per row;
- worker processes read, check and replay the batches (the same `replayed` as the batch import, keys handed out
  from ranges reserved in the sequences) and build their COPY text and their counts, without the database;
- this process checks each batch's codes against the table (earlier batches included), COPYs the text in, and
  adds the counts of the whole file once at the end.

All or nothing: the first batch with an error stops the run, and nothing of the file is written (indexes and
foreign keys are as they were). Setting them aside locks the tables they refer to (users, agencies, procedure
versions) as well: nobody can sign in or file a dossier until the load ends. PostgreSQL only.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import OperationalError, connection, connections, transaction
from django.db.models import Model

from motcua.accounts.models import User
from motcua.core.errors import ApplicationError

from ..event_hooks import merged_tallies, tallies_of, write_tallies
from ..models import Dossier, DossierAgency, Event, PauseInterval, Rating, Step
from ..services.intake import lookup_secrets
from . import (
    ImportResult,
    code_taken,
    codes_in_database,
    ensure_may_import,
    event_pairs,
    replayed,
    settled,
)
from .batches import in_order
from .errors import LineError
from .files import RawRows, parsed
from .lookups import Lookups
from .timeline import Ids
from .writing import batch_rows, copy_in, copy_statement

TABLES: tuple[type[Model], ...] = (Dossier, Step, PauseInterval, Event, Rating, DossierAgency)


class FirstLoadImpossible(ApplicationError):
    default_code = "first_load_impossible"


@dataclass(frozen=True)
class Prepared:
    """A batch as a worker hands it over: its COPY statements and text, its counts, or its errors."""

    number: int
    first_line: int
    last_line: int
    read: int  # bytes of the file read up to the end of this batch
    lines: int = 0
    dossiers: int = 0
    events: int = 0
    codes: list[tuple[int, str]] = field(default_factory=list)  # (line, code)
    copies: list[tuple[str, bytes]] = field(default_factory=list)
    tallies: list[Any] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


class FirstLoadRejected(Exception):
    """A batch with errors: the whole load is rolled back."""

    def __init__(self, batch: Prepared, errors: list[LineError]) -> None:
        super().__init__(f"batch {batch.number} rejected")
        self.batch, self.errors = batch, errors


@dataclass(frozen=True)
class KeyRanges:
    """Keys reserved in the sequences for one batch: at most this many dossiers and steps."""

    first_dossier: int
    dossiers: int
    first_step: int
    steps: int

    def ids(self, count: int) -> Ids:
        return Ids(
            dossiers=list(range(self.first_dossier + self.dossiers - 1, self.first_dossier - 1, -1)),
            steps=list(range(self.first_step + self.steps - 1, self.first_step - 1, -1)),
            secrets=lookup_secrets(count),
        )


# --- the workers: no database ------------------------------------------------------------------------------

_worker: tuple[Lookups, User] | None = None  # set before the workers are forked, inherited by them


def _no_query(execute, sql, params, many, context):
    raise RuntimeError("A first load's worker reads nothing from the database (its tables are locked).")


def _prepare(number: int, rows: RawRows, read: int, keys: KeyRanges) -> Prepared:
    assert _worker is not None
    lookups, actor = _worker
    first, last = rows[0][0], rows[-1][0]
    with connection.execute_wrapper(_no_query):
        built, errors = replayed(
            parsed(rows),
            lookups=lookups,
            actor=actor,
            ids_for=lambda lines: keys.ids(len(lines)),
            taken_of=lambda codes: set(),  # checked by the writer, against the table as it fills
        )
        if errors:
            return Prepared(number, first, last, read, errors=errors)
        pairs = event_pairs(built)
        copies = []
        for model, model_rows in batch_rows(built):
            if model_rows:
                sql, text = copy_statement(model, model_rows)
                copies.append((sql, text.encode()))
        return Prepared(
            number,
            first,
            last,
            read,
            lines=len(rows),
            dossiers=len(built),
            events=len(pairs),
            codes=[(b.line, b.dossier.code) for b in built],
            copies=copies,
            tallies=tallies_of(pairs),
        )


# --- indexes and foreign keys set aside ----------------------------------------------------------------------


@dataclass(frozen=True)
class SetAside:
    constraints: list[tuple[str, str, str]]  # (table, name, definition)
    indexes: list[tuple[str, str]]  # (name, definition)


def _tables() -> list[str]:
    return [model._meta.db_table for model in TABLES]


def set_aside() -> SetAside:
    """Lock the tables (waiting at most 10 s for the service's transactions), then drop their foreign keys and
    secondary indexes, remembering their definitions."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '10s'")
        try:
            cursor.execute(f"LOCK TABLE {', '.join(map(quote, _tables()))} IN ACCESS EXCLUSIVE MODE")
        except OperationalError:
            raise FirstLoadImpossible(
                "Các bảng hồ sơ đang được dùng: hãy dừng dịch vụ trước khi nạp lần đầu.",
                "The dossier tables are in use: stop the service before a first load.",
            ) from None
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
            [_tables()],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique ORDER BY 1",
            [_tables()],
        )
        indexes = cursor.fetchall()
        for table, name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    return SetAside(constraints=constraints, indexes=indexes)


def restore(aside: SetAside) -> None:
    """Make the indexes again (one sort each) and the foreign keys (one check of every row each)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in aside.indexes:
            cursor.execute(definition)
        for table, name, definition in aside.constraints:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
        cursor.execute(f"ANALYZE {', '.join(map(quote, _tables()))}")


def _reserve(model: type[Model], count: int) -> int:
    """The first of `count` keys taken from the model's sequence in one statement (the tables are locked: no
    other writer draws from it meanwhile)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(s, nextval(s) + %s - 1) - %s + 1 FROM pg_get_serial_sequence(%s, 'id') AS s",
            [count, count, model._meta.db_table],
        )
        return cursor.fetchone()[0]


# --- the run -------------------------------------------------------------------------------------------------


def first_load(
    batches: Iterable[tuple[RawRows, int]],
    *,
    actor: User,
    workers: int = 1,
    on_batch: Callable[[Prepared], None] | None = None,
) -> ImportResult:
    """Import every batch in one transaction, the tables taken for the run (see the module's docstring).

    Raises FirstLoadRejected for the first batch with an error (nothing is written), FirstLoadImpossible when
    the database is not PostgreSQL, a transaction is open, or the tables stay in use."""
    global _worker
    if connection.vendor != "postgresql":
        raise FirstLoadImpossible("Nạp lần đầu cần PostgreSQL.", "A first load needs PostgreSQL.")
    if connection.in_atomic_block:
        raise FirstLoadImpossible(
            "Nạp lần đầu không chạy trong một giao dịch đang mở.",
            "A first load does not run inside an open transaction.",
        )
    ensure_may_import(actor)
    lookups = Lookups.read_all()
    most_steps = lookups.most_steps()
    _worker = (lookups, actor)
    connections.close_all()  # the workers are forked without the connection; this process opens a new one
    totals = [0, 0, 0]
    try:
        with (
            settled(),
            multiprocessing.get_context("fork").Pool(max(workers, 1)) as pool,
            transaction.atomic(),
        ):
            aside = set_aside()

            def calls() -> Iterator[tuple]:
                for number, (rows, read) in enumerate(batches, start=1):
                    steps = len(rows) * most_steps
                    first_step = _reserve(Step, steps) if steps else 0
                    yield (
                        number,
                        rows,
                        read,
                        KeyRanges(_reserve(Dossier, len(rows)), len(rows), first_step, steps),
                    )

            tally = None
            for batch in in_order(pool, _prepare, calls(), depth=2 * max(workers, 1)):
                if batch.errors:
                    raise FirstLoadRejected(batch, batch.errors)
                taken = codes_in_database([code for _line, code in batch.codes])
                if taken:
                    errors = [code_taken(line, code) for line, code in batch.codes if code in taken]
                    raise FirstLoadRejected(batch, errors)
                for sql, text in batch.copies:
                    copy_in(sql, text)
                tally = merged_tallies(tally, batch.tallies)
                totals = [totals[0] + batch.lines, totals[1] + batch.dossiers, totals[2] + batch.events]
                if on_batch is not None:
                    on_batch(batch)
            if tally is not None:
                write_tallies(tally)
            restore(aside)
    finally:
        _worker = None
    return ImportResult(lines=totals[0], dossiers=totals[1], events=totals[2], dry_run=False)
