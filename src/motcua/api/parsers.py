"""The API's parsers: Django REST framework's, within the request limits Django's own forms keep.

Django enforces `DATA_UPLOAD_MAX_MEMORY_SIZE` only when a body is read through `request.body` or `request.POST`;
REST framework's parsers read the stream themselves, so a JSON or form body of any size would be read whole.
These parsers refuse a body over the limit (413 `request_too_large`, see `motcua.core.request_limits`) before
reading it when its length is declared, and stop reading one byte past the limit otherwise. A multipart upload is
streamed to disk by Django's parser (which bounds the fields besides the files, and their count): it may carry
one file of up to `MOTCUA_MAX_UPLOAD_BYTES` on top of that limit. A JSON body nested too deep for the decoder is
refused as a parse error (400).
"""

from __future__ import annotations

import io

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from motcua.core.request_limits import RequestTooLarge, body_limit


def _declared_length(parser_context) -> int:
    request = (parser_context or {}).get("request")
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
    except ValueError:
        return 0


def _refuse_declared_over(limit: int | None, parser_context) -> None:
    if limit is not None and _declared_length(parser_context) > limit:
        raise RequestTooLarge(max_bytes=limit)


def _read_within_limit(stream, parser_context) -> io.BytesIO:
    """The whole body, in memory, if it is within the limit."""
    limit = body_limit()
    if limit is None:
        return io.BytesIO(stream.read())
    _refuse_declared_over(limit, parser_context)
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise RequestTooLarge(max_bytes=limit)
    return io.BytesIO(body)


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        body = _read_within_limit(stream, parser_context)
        try:
            return super().parse(body, media_type, parser_context)
        except RecursionError:
            raise ParseError() from None  # answered as every unreadable body is (parse_error)


class FormParser(parsers.FormParser):
    """URL-encoded forms; Django's QueryDict counts the fields (`DATA_UPLOAD_MAX_NUMBER_FIELDS`)."""

    def parse(self, stream, media_type=None, parser_context=None):
        return super().parse(_read_within_limit(stream, parser_context), media_type, parser_context)


class MultiPartParser(parsers.MultiPartParser):
    """Multipart forms, streamed by Django's parser; the declared length may hold one upload besides the fields."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = body_limit()
        if limit is not None:
            _refuse_declared_over(limit + settings.MOTCUA_MAX_UPLOAD_BYTES, parser_context)
        return super().parse(stream, media_type, parser_context)
