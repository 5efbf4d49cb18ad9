"""The text a PostgreSQL COPY reads (its default text format): one line per row, columns separated by tabs,
NULL as \\N, backslash, tab, newline and carriage return escaped with a backslash.

The text is built a column at a time: each column's values are read from the rows in one pass
(`operator.attrgetter`) and written by a function chosen once for the column's field, which for the common
cases (text with nothing to escape, numbers and keys without NULL) checks the whole column at once instead of
each value. The columns the records lack take the model's default, written once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from operator import attrgetter
from typing import Any

import orjson
from django.db import models

NULL = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _escaped(text: str) -> bool:
    """Whether `text` holds anything to escape: four searches for one character each, which cost far less
    than a regular expression's character class tried at every position."""
    return "\\" in text or "\t" in text or "\n" in text or "\r" in text


def text_value(value: str | None) -> str:
    if value is None:
        return NULL
    return value.translate(_ESCAPES) if _escaped(value) else value


def json_value(value: Any) -> str:
    """As Django stores a JSON field: the value's JSON text (None included, as JSON null)."""
    return text_value(orjson.dumps(value).decode())


@functools.lru_cache(maxsize=1 << 14)  # a batch of 1,000 dossiers has about 9,000 different moments
def _moment_text(value: datetime, zone: tzinfo | None, fold: int) -> str:
    # Keyed by the zone and fold too: moments of one instant in two zones, or the two sides of a zone's
    # repeated hour, are equal keys on their own but not the same text.
    return value.isoformat()


def moment_value(value: Any) -> str:
    """A batch writes the same moments several times (a step starts when the previous one ends, the dossier's
    moments are its events'), so each is written once and looked up after."""
    return NULL if value is None else _moment_text(value, value.tzinfo, value.fold)


def date_value(value: Any) -> str:
    return NULL if value is None else value.isoformat()


def boolean_value(value: bool | None) -> str:
    return NULL if value is None else ("t" if value else "f")


def plain_value(value: Any) -> str:
    """Numbers and keys: their text has nothing to escape."""
    return NULL if value is None else str(value)


def text_column(values: list) -> list[str]:
    """Text is its own COPY text when it has nothing to escape: one search of the whole column says so."""
    if None not in values and not _escaped("".join(values)):
        return values
    return [text_value(value) for value in values]


def plain_column(values: list) -> list[str]:
    if None not in values:
        return list(map(str, values))
    return [plain_value(value) for value in values]


def json_column(values: list) -> list[str]:
    return text_column([orjson.dumps(value).decode() for value in values])


def moment_column(values: list) -> list[str]:
    return [NULL if value is None else _moment_text(value, value.tzinfo, value.fold) for value in values]


_COLUMN_WRITERS = {
    text_value: text_column,
    plain_value: plain_column,
    json_value: json_column,
    moment_value: moment_column,
}


def writer_for(field: models.Field) -> Callable[[Any], str]:
    """The text of one value of `field`."""
    if isinstance(field, models.JSONField):
        return json_value
    if isinstance(field, models.BooleanField):
        return boolean_value
    if isinstance(field, models.DateTimeField):
        return moment_value
    if isinstance(field, models.DateField):
        return date_value
    if isinstance(field, models.CharField | models.TextField):
        return text_value
    return plain_value


def column_writer_for(field: models.Field) -> Callable[[list], list[str]]:
    """The texts of a column of values of `field` (the same as `writer_for`'s, value by value)."""
    write = writer_for(field)
    return _COLUMN_WRITERS.get(write) or (lambda values: [write(value) for value in values])


def copy_text(present: list[models.Field], absent: list[models.Field], rows: Sequence[object]) -> str:
    """The COPY text of `rows` for the columns `present` (read from each row by attribute name) followed by
    the columns `absent` (their default)."""
    if not rows:
        return ""
    columns = [column_writer_for(f)(list(map(attrgetter(f.attname), rows))) for f in present]
    tail = "".join("\t" + writer_for(f)(f.get_default()) for f in absent) + "\n"
    return tail.join(map("\t".join, zip(*columns, strict=True))) + tail
