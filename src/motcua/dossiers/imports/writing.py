"""Writing a checked batch in bulk: primary keys handed out first, then one COPY per table on PostgreSQL
(bulk_create elsewhere), inside the caller's transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.db.models import Max

from ..models import Dossier, DossierAgency, Event, PauseInterval, Rating, Step


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


def _copy(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    if not rows:
        return
    fields = _columns(model, with_pk=rows[0].pk is not None)
    quote = connection.ops.quote_name
    jsons = {f.attname for f in fields if isinstance(f, models.JSONField)}
    decimals = {f.attname for f in fields if isinstance(f, models.DecimalField)}
    names = [f.attname for f in fields]
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            values = row.__dict__
            copy.write_row(
                [
                    json.dumps(values[n], ensure_ascii=False)
                    if n in jsons
                    else (str(values[n]) if n in decimals and values[n] is not None else values[n])
                    for n in names
                ]
            )


def write_rows(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    if connection.vendor == "postgresql":
        _copy(model, rows)
    else:
        model.objects.bulk_create(rows, batch_size=500)


def scope_rows(dossiers: Iterable[Dossier], steps: Iterable[Step]) -> list[DossierAgency]:
    """The agencies that see each dossier (the rule of dossiers/scope.py): receiving, competent, current, and
    each step's agency."""
    pairs: set[tuple[int, int]] = set()
    for d in dossiers:
        pairs.update(
            (agency, d.pk) for agency in (d.receiving_agency_id, d.competent_agency_id, d.current_agency_id)
        )
    pairs.update((s.agency_id, s.dossier_id) for s in steps)
    return [DossierAgency(agency_id=a, dossier_id=d) for a, d in sorted(pairs)]


def write_batch(
    *,
    dossiers: list[Dossier],
    steps: list[Step],
    pauses: list[PauseInterval],
    events: list[Event],
    ratings: list[Rating],
) -> None:
    for d in dossiers:  # the keys of the objects set in memory
        d.current_step_id = d.current_step.pk if d.current_step is not None else None
    write_rows(Dossier, dossiers)
    write_rows(Step, steps)
    write_rows(PauseInterval, pauses)
    write_rows(Event, events)
    write_rows(Rating, ratings)
    write_rows(DossierAgency, scope_rows(dossiers, steps))
