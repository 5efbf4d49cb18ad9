"""The text a PostgreSQL COPY reads (its default text format): one line per row, columns separated by tabs,
NULL as \\N, backslash, tab, newline and carriage return escaped with a backslash.

Each column's values are written by a function chosen once for the column's field, and each row's values are
read in one call (`operator.attrgetter`); the columns the records lack take the model's default, written once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

import orjson
from django.db import models

NULL = "\\N"
_SPECIAL = re.compile(r"[\\\t\n\r]")
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def text_value(value: str | None) -> str:
    if value is None:
        return NULL
    return value.translate(_ESCAPES) if _SPECIAL.search(value) else value


def json_value(value: Any) -> str:
    """As Django stores a JSON field: the value's JSON text (None included, as JSON null)."""
    return text_value(orjson.dumps(value).decode())


def moment_value(value: Any) -> str:
    return NULL if value is None else value.isoformat()


def boolean_value(value: bool | None) -> str:
    return NULL if value is None else ("t" if value else "f")


def plain_value(value: Any) -> str:
    """Numbers and keys: their text has nothing to escape."""
    return NULL if value is None else str(value)


def writer_for(field: models.Field) -> Callable[[Any], str]:
    if isinstance(field, models.JSONField):
        return json_value
    if isinstance(field, models.BooleanField):
        return boolean_value
    if isinstance(field, models.DateField):  # DateTimeField included
        return moment_value
    if isinstance(field, models.CharField | models.TextField):
        return text_value
    return plain_value


def copy_text(present: list[models.Field], absent: list[models.Field], rows: Sequence[object]) -> str:
    """The COPY text of `rows` for the columns `present` (read from each row by attribute name) followed by
    the columns `absent` (their default)."""
    writers = [writer_for(f) for f in present]
    read = attrgetter(*(f.attname for f in present))
    single = len(present) == 1
    tail = "".join("\t" + writer_for(f)(f.get_default()) for f in absent) + "\n"
    lines = []
    for row in rows:
        values = (read(row),) if single else read(row)
        lines.append("\t".join([write(value) for write, value in zip(writers, values, strict=True)]) + tail)
    return "".join(lines)
