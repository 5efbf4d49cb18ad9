"""Serializers bound once per class and thread, reused for every request of that thread.

DRF builds and copies a serializer's fields for every instance; for the dossier detail (forty fields and three
nested lists) that copying is most of the cost of rendering, and for the submission it is a good part of
validating. Neither validating nor representing keeps state on the serializer other than its context, so a bound
instance can serve one call after another with its context swapped in. An instance in use is taken out of the
pool, so a nested call for the same class (or another thread) gets its own.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from rest_framework import serializers

_local = threading.local()


@contextlib.contextmanager
def _borrowed(
    serializer_class: type[serializers.BaseSerializer], context: dict[str, Any]
) -> Iterator[serializers.BaseSerializer]:
    pool = _local.__dict__.setdefault("pool", {})
    serializer = pool.pop(serializer_class, None)
    if serializer is None:
        serializer = serializer_class(context=context)
        serializer.fields  # noqa: B018 - bind the fields now, once
    serializer._context = context
    try:
        yield serializer
    finally:
        serializer._context = {}
        pool[serializer_class] = serializer


def represented(
    serializer_class: type[serializers.Serializer], instance: Any, context: dict[str, Any]
) -> dict[str, Any]:
    """What `serializer_class(instance, context=context).data` gives, as a plain dict."""
    with _borrowed(serializer_class, context) as serializer:
        return serializer.to_representation(instance)


def validated(
    serializer_class: type[serializers.Serializer], data: Any, context: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The validated data, or the ValidationError that `is_valid(raise_exception=True)` raises."""
    with _borrowed(serializer_class, context or {}) as serializer:
        try:
            return serializer.run_validation(data)
        except serializers.ValidationError:
            pass
    # Errors take DRF's own path, so that they are worded and shaped exactly as everywhere else.
    fresh = serializer_class(data=data, context=context or {})
    fresh.is_valid(raise_exception=True)
    return fresh.validated_data
