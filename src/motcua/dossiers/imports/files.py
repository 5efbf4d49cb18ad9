"""Reading an import file in batches of lines, each line parsed on its own (an unreadable line is an error of
that line, not of the file)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import orjson

from . import Unreadable

RawRows = list[tuple[int, bytes]]


def raw_batches(stream: BinaryIO, *, size: int) -> Iterator[tuple[RawRows, int]]:
    """(rows, bytes read so far) per batch of `size` non-blank lines; rows are (line number, the line's bytes),
    parsed by whoever imports the batch (a worker process, with --workers)."""
    rows: RawRows = []
    read = 0
    for number, raw in enumerate(stream, start=1):
        read += len(raw)
        if not raw.strip():
            continue
        rows.append((number, raw))
        if len(rows) >= size:
            yield rows, read
            rows = []
    if rows:
        yield rows, read


def parsed(rows: RawRows) -> list[tuple[int, Any]]:
    """Each line as its JSON value, or Unreadable saying why it is not JSON."""
    found: list[tuple[int, Any]] = []
    for number, raw in rows:
        try:
            found.append((number, orjson.loads(raw)))
        except orjson.JSONDecodeError as error:
            found.append((number, Unreadable(str(error).split(":")[0])))
    return found


def batches(stream: BinaryIO, *, size: int) -> Iterator[tuple[list[tuple[int, Any]], int]]:
    """(rows, bytes read so far) per batch of `size` non-blank lines; rows are (line number, object)."""
    for rows, read in raw_batches(stream, size=size):
        yield parsed(rows), read
