"""Writing a checked batch in bulk: primary keys handed out first, then one COPY per table on PostgreSQL
(bulk_create elsewhere), inside the caller's transaction."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence

from django.db import connection, models
from django.db.models import Max

from ..models import Dossier, DossierAgency, Event, PauseInterval, Rating, Step
from .copy_text import copy_text
from .records import DossierRecord, ScopeRecord, StepRecord
from .timeline import Built


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys of `model`, in descending order (popped from the end: ascending)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The sequence found once, in FROM: in the select list it would be looked up for every key.
            cursor.execute(
                "SELECT nextval(s) FROM pg_get_serial_sequence(%s, 'id') AS s, generate_series(1, %s)",
                [table, count],
            )
            ids = [row[0] for row in cursor.fetchall()]
        else:  # SQLite: one writer at a time, inside the caller's transaction
            start = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
            ids = list(range(start, start + count))
    return sorted(ids, reverse=True)


def _columns(model: type[models.Model], *, with_pk: bool) -> list[models.Field]:
    auto = model._meta.auto_field
    return [
        f
        for f in model._meta.local_concrete_fields
        if f.column and not f.generated and (with_pk or f is not auto)
    ]


def _split(
    model: type[models.Model], rows: Sequence[object]
) -> tuple[list[models.Field], list[models.Field]]:
    """The columns to write: those the records have an attribute for, then those they lack (the model's
    default, the same for every row)."""
    fields = _columns(model, with_pk=getattr(rows[0], "id", None) is not None)
    return (
        [f for f in fields if hasattr(rows[0], f.attname)],
        [f for f in fields if not hasattr(rows[0], f.attname)],
    )


def copy_statement(model: type[models.Model], rows: Sequence[object]) -> tuple[str, str]:
    """The COPY statement of `rows` and the text it reads, built here in one piece (copy_text.py): several times
    cheaper than adapting each value through the driver."""
    present, absent = _split(model, rows)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in present + absent)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    return sql, copy_text(present, absent, rows)


def copy_in(sql: str, text: str | bytes) -> None:
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        copy.write(text)


def write_rows(model: type[models.Model], rows: Sequence[object]) -> None:
    """Rows of `model` (instances or records with its attribute names), in bulk."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        copy_in(*copy_statement(model, rows))
        return
    present, absent = _split(model, rows)
    defaults = {f.attname: f.get_default() for f in absent}
    instances = [model(**{f.attname: getattr(row, f.attname) for f in present}, **defaults) for row in rows]
    model.objects.bulk_create(instances, batch_size=500)


def scope_rows(dossiers: Iterable[DossierRecord], steps: Iterable[StepRecord]) -> list[ScopeRecord]:
    """The agencies that see each dossier (the rule of dossiers/scope.py): receiving, competent, current, and
    each step's agency."""
    pairs: set[tuple[int, int]] = set()
    for d in dossiers:
        pairs.update(
            (agency, d.pk) for agency in (d.receiving_agency_id, d.competent_agency_id, d.current_agency_id)
        )
    pairs.update((s.agency_id, s.dossier_id) for s in steps)
    return [ScopeRecord(agency_id=a, dossier_id=d) for a, d in sorted(pairs)]


def batch_rows(built: Sequence[Built]) -> list[tuple[type[models.Model], list]]:
    """The rows of a replayed batch, per model, in the order they are written (none refers to a later one)."""
    dossiers = [b.dossier for b in built]
    steps = [s for b in built for s in b.steps]
    return [
        (Dossier, dossiers),
        (Step, steps),
        (PauseInterval, [p for b in built for p in b.pauses]),
        (Event, [e for b in built for e in b.events]),
        (Rating, [b.rating for b in built if b.rating is not None]),
        (DossierAgency, scope_rows(dossiers, steps)),
    ]


def write_batch(built: Sequence[Built]) -> None:
    for model, rows in batch_rows(built):
        write_rows(model, rows)


@contextlib.contextmanager
def references_checked_first() -> Iterator[None]:
    """Check the foreign keys of the rows written so far now, and those of the block as it goes, rather than
    at commit (PostgreSQL defers them; SQLite needs nothing): the indicator rows the block locks are then held
    only for the commit itself, and workers importing in parallel, which count on the same days' rows, wait
    for each other that much less. After the block, checks are deferred again (every deferrable constraint
    of the schema is initially deferred), so that later writes of the transaction may refer to each other."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
