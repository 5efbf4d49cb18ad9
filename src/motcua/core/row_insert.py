"""Inserting one new row of a plain model with a statement built once per model.

`Model.objects.create()` compiles its INSERT anew every time; on the intake path (four inserts per submission)
the compiling is a large part of the request. `insert_new(instance)` does what `instance.save(force_insert=True)`
does for a plain model (no multi-table inheritance, no order_with_respect_to, no expressions as values): each
field's `pre_save` (defaults were set by the constructor; auto_now fields get their moment), values prepared by
each field for the database, the auto primary key set from the database, pre_save/post_save signals sent when
someone listens. The statement is kept per model and database vendor.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import connections, models
from django.db.models import signals

M = TypeVar("M", bound=models.Model)

_statements: dict[tuple[type[models.Model], str], tuple[str, list[models.Field]]] = {}


def _statement(model: type[models.Model], connection) -> tuple[str, list[models.Field]]:
    key = (model, connection.vendor)
    found = _statements.get(key)
    if found is None:
        meta = model._meta
        if meta.parents or meta.order_with_respect_to:
            raise TypeError(f"insert_new handles plain models only, not {meta.label}")
        if meta.auto_field is None or meta.db_returning_fields != [meta.auto_field]:
            raise TypeError(f"insert_new needs an auto primary key as the only returned field: {meta.label}")
        fields = [f for f in meta.local_concrete_fields if not f.generated and f is not meta.auto_field]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        # Names come from the model; values are bound parameters.
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
        if connection.features.can_return_columns_from_insert:
            sql += f" RETURNING {quote(meta.auto_field.column)}"
        found = _statements[key] = (sql, fields)
    return found


def insert_new(instance: M, *, using: str = "default") -> M:
    """INSERT `instance` (not saved yet) and set its primary key; returns it."""
    model = type(instance)
    if instance.pk is not None or not instance._state.adding:
        raise ValueError(f"insert_new inserts new rows only: {model._meta.label} {instance.pk}")
    connection = connections[using]
    sql, fields = _statement(model, connection)
    instance._prepare_related_fields_for_save(operation_name="save")
    if signals.pre_save.has_listeners(model):
        signals.pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
    params = [
        field.get_db_prep_save(field.pre_save(instance, True), connection=connection) for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if connection.features.can_return_columns_from_insert:
            pk = cursor.fetchone()[0]
        else:
            pk = connection.ops.last_insert_id(cursor, model._meta.db_table, model._meta.pk.column)
    setattr(instance, model._meta.pk.attname, pk)
    instance._state.adding = False
    instance._state.db = using
    if signals.post_save.has_listeners(model):
        signals.post_save.send(
            sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using
        )
    return instance
