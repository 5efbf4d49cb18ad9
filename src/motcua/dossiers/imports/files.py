"""Reading an import file in batches of lines, each line parsed on its own (an unreadable line is an error of
that line, not of the file)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import orjson

from . import Unreadable


def batches(stream: BinaryIO, *, size: int) -> Iterator[tuple[list[tuple[int, Any]], int]]:
    """(rows, bytes read so far) per batch of `size` non-blank lines; rows are (line number, object)."""
    rows: list[tuple[int, Any]] = []
    read = 0
    for number, raw in enumerate(stream, start=1):
        read += len(raw)
        if not raw.strip():
            continue
        try:
            rows.append((number, orjson.loads(raw)))
        except orjson.JSONDecodeError as error:
            rows.append((number, Unreadable(str(error).split(":")[0])))
        if len(rows) >= size:
            yield rows, read
            rows = []
    if rows:
        yield rows, read
