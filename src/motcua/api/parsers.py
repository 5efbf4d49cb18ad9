"""The API's JSON parser: DRF's, with a body nested too deep for the decoder refused as a parse error (400)."""

from __future__ import annotations

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError() from None  # answered as every unreadable body is (parse_error)
