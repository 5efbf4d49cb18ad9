"""Tamper-evident chains of append-only events.

Each event's hash is SHA-256 over the previous event's hash followed by a canonical JSON of the event's own
content. Changing, inserting or removing any event breaks every later hash, which `verify_chain` reports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import orjson

GENESIS_HASH = "0" * 64


def hashed_moment(value: datetime) -> str:
    """How a moment is written in hashed content: normalised to UTC with microseconds, so the same moment always
    hashes the same (a caller that builds many contents may pass moments already written this way)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime in a hashed event")
    utc = value.astimezone(UTC)
    # What isoformat(timespec="microseconds") writes, for much less (a bulk import writes millions of them):
    # orjson's RFC 3339 text of a UTC moment is the same but for the fraction, which it leaves out when zero.
    try:
        text = orjson.dumps(utc).decode()
    except orjson.JSONEncodeError:  # a subclass of datetime, which orjson does not write
        return utc.isoformat(timespec="microseconds")
    return text[1:-1] if utc.microsecond else f"{text[1:20]}.000000{text[20:-1]}"


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return hashed_moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    raise TypeError(f"cannot hash a value of type {type(value).__name__}")


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def canonical_json(content: Mapping[str, Any]) -> str:
    """Sorted keys, no whitespace, UTF-8 kept as is: the same content always gives the same text."""
    return _ENCODER.encode(content)


def chain_hash(previous_hash: str, content: Mapping[str, Any]) -> str:
    digest = hashlib.sha256()
    digest.update(previous_hash.encode("ascii"))
    digest.update(canonical_json(content).encode("utf-8"))
    return digest.hexdigest()


def plain_chain_hash(previous_hash: str, content: Mapping[str, Any]) -> str:
    """`chain_hash` of content made only of text, whole numbers, booleans, None, and lists and dicts with text
    keys (no floats: orjson writes their exponents differently; moments already written by `hashed_moment`),
    as a bulk writer builds it. orjson gives the same bytes as the canonical encoder for such content, several
    times faster; what it refuses (a lone surrogate, a number beyond 64 bits) goes through `chain_hash`."""
    try:
        text = orjson.dumps(content, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return chain_hash(previous_hash, content)
    return hashlib.sha256(previous_hash.encode("ascii") + text).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """Where a chain stops verifying: the position, and what was stored versus expected."""

    index: int
    reason: str
    stored_hash: str
    expected_hash: str


def verify_chain(links: Iterable[tuple[str, str, Mapping[str, Any]]]) -> ChainBreak | None:
    """Check (previous_hash, hash, content) triples in order; return the first break, or None if intact."""
    expected_previous = GENESIS_HASH
    for index, (previous_hash, stored_hash, content) in enumerate(links):
        if previous_hash != expected_previous:
            return ChainBreak(index, "previous_hash_mismatch", previous_hash, expected_previous)
        expected = chain_hash(previous_hash, content)
        if stored_hash != expected:
            return ChainBreak(index, "hash_mismatch", stored_hash, expected)
        expected_previous = stored_hash
    return None
