"""Writing a checked batch in bulk: primary keys handed out first, then one COPY per table on PostgreSQL
(bulk_create elsewhere), inside the caller's transaction."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.db import connection, models
from django.db.models import Max

from ..models import Dossier, DossierAgency, Event, PauseInterval, Rating, Step
from .records import DossierRecord, EventRecord, PauseRecord, RatingRecord, ScopeRecord, StepRecord


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys of `model`, in descending order (popped from the end: ascending)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
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


def _values(model: type[models.Model], rows: Sequence[object]) -> tuple[list[models.Field], Iterator[list]]:
    """The columns to write and each row's values, read by attribute name (a record without an attribute gets
    the column's default); JSON as text and decimals as strings, as COPY takes them."""
    with_pk = getattr(rows[0], "id", None) is not None
    fields = _columns(model, with_pk=with_pk)
    names = [f.attname for f in fields]
    defaults = [f.get_default() for f in fields]
    jsons = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    decimals = [i for i, f in enumerate(fields) if isinstance(f, models.DecimalField)]
    read = _reader(names, defaults)

    def converted() -> Iterator[list]:
        for row in rows:
            values = read(row)
            for i in jsons:
                values[i] = json.dumps(values[i], ensure_ascii=False)
            for i in decimals:
                if values[i] is not None:
                    values[i] = str(values[i])
            yield values

    return fields, converted()


def _reader(names: list[str], defaults: list) -> Callable[[object], list]:
    def read(row: object) -> list:
        return [getattr(row, name, default) for name, default in zip(names, defaults, strict=True)]

    return read


def _copy(model: type[models.Model], rows: Sequence[object]) -> None:
    fields, values = _values(model, rows)
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in values:
            copy.write_row(row)


def write_rows(model: type[models.Model], rows: Sequence[object]) -> None:
    """Rows of `model` (instances or records with its attribute names), in bulk."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy(model, rows)
    else:
        fields = _columns(model, with_pk=getattr(rows[0], "id", None) is not None)
        read = _reader([f.attname for f in fields], [f.get_default() for f in fields])
        instances = [model(**dict(zip([f.attname for f in fields], read(row), strict=True))) for row in rows]
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


def write_batch(
    *,
    dossiers: list[DossierRecord],
    steps: list[StepRecord],
    pauses: list[PauseRecord],
    events: list[EventRecord],
    ratings: list[RatingRecord],
) -> None:
    write_rows(Dossier, dossiers)
    write_rows(Step, steps)
    write_rows(PauseInterval, pauses)
    write_rows(Event, events)
    write_rows(Rating, ratings)
    write_rows(DossierAgency, scope_rows(dossiers, steps))
