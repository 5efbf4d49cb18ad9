"""The API's JSON renderer: DRF's JSONRenderer output, written by orjson.

DRF's renderer runs the standard library's encoder, in Python for every dict and string; on a page of 100
dossiers that is about a millisecond of a request's CPU, orjson a tenth of it. The output is the same bytes
(tests/api/test_renderers.py compares both on representative answers):
- compact separators, UTF-8 (not ASCII escapes), U+2028 and U+2029 escaped as DRF does;
- whatever orjson does not write itself (datetimes, dates, times, Decimal, lazy translations, sets, and any
  other type) goes through DRF's own encoder (`default`), so it reads exactly as DRF writes it;
- an indented answer (`Accept: application/json; indent=4`), a non-default setting (UNICODE_JSON, COMPACT_JSON,
  STRICT_JSON) or a value orjson refuses (an integer beyond 64 bits) is left to DRF's renderer.
  (a Decimal becomes DRF's float, written as the standard library writes it).
Two differences remain for Python floats given as such (the API's serializers give none): a very large or
small float has a shorter exponent (1e-06 is written 1e-6: the same number to any JSON reader), and NaN and
infinities are written as null where DRF refuses them (a server error).
"""

from __future__ import annotations

import json
from decimal import Decimal

import orjson
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
_LINE_SEPARATOR, _PARAGRAPH_SEPARATOR = "\u2028".encode(), "\u2029".encode()
_drf_default = JSONEncoder().default


def _default(value):
    converted = _drf_default(value)
    if isinstance(value, Decimal):
        return orjson.Fragment(json.dumps(converted, allow_nan=False))  # as the standard library writes it
    return converted


class JSONRenderer(renderers.JSONRenderer):
    _default = staticmethod(_default)

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        plain = self.compact and not self.ensure_ascii and self.strict
        if not plain or self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data, default=self._default, option=_OPTIONS)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        if b"\xe2\x80" in body:  # the first two bytes of U+2028 and U+2029 (and other punctuation)
            body = body.replace(_LINE_SEPARATOR, b"\\u2028").replace(_PARAGRAPH_SEPARATOR, b"\\u2029")
        return body
