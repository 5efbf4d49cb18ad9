"""Model instances from a hand-written statement, as the ORM builds them, without a RawQuerySet.

A RawQuerySet reads the cursor's description and maps columns to fields by name on every use; on a path run for
every API request (the bearer token's user) that mapping costs more than the statement. Here the statement lists
the model's concrete columns first, in field order (`model_columns` writes that list; several models joined
follow one another), and any further columns after them; each row gives an instance of each model built with
`Model.from_db` after the same database converters the ORM applies (dates on SQLite, for instance), plus the
further values as they come.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models

_converters: dict[tuple[type[models.Model], str], list[tuple[int, list[Callable], Any]]] = {}


def model_columns(model: type[models.Model], alias: str, connection) -> str:
    """`alias."col1", alias."col2", ...` for the model's concrete fields, in the order `read_rows` expects."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(f.column)}" for f in model._meta.concrete_fields)


def _converters_for(model: type[models.Model], connection) -> list[tuple[int, list[Callable], Any]]:
    key = (model, connection.vendor)
    found = _converters.get(key)
    if found is None:
        found = []
        for index, field in enumerate(model._meta.concrete_fields):
            column = field.get_col(model._meta.db_table)
            functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if functions:
                found.append((index, functions, column))
        _converters[key] = found
    return found


def read_rows(
    models_: type[models.Model] | tuple[type[models.Model], ...],
    sql: str,
    params: Sequence[Any],
    *,
    using: str = "default",
) -> list[tuple]:
    """For each row of `sql`: an instance of each model (their columns in turn, as `model_columns` lists them;
    None for a model whose primary key is NULL, the missing side of a LEFT JOIN), then a tuple of the further
    values."""
    connection = connections[using]
    plans = []
    start = 0
    for model in models_ if isinstance(models_, tuple) else (models_,):
        fields = model._meta.concrete_fields
        pk_index = next(i for i, f in enumerate(fields) if f.primary_key)
        plans.append((model, start, start + len(fields), pk_index, [f.attname for f in fields]))
        start += len(fields)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result = []
    for row in rows:
        built: list[Any] = []
        for model, begin, end, pk_index, names in plans:
            values = list(row[begin:end])
            if values[pk_index] is None:
                built.append(None)
                continue
            for index, functions, column in _converters_for(model, connection):
                for function in functions:
                    values[index] = function(values[index], column, connection)
            built.append(model.from_db(using, names, values))
        built.append(tuple(row[start:]))
        result.append(tuple(built))
    return result
