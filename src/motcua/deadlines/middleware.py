"""Each request reads an agency's calendar override rows once (deadlines.selectors.calendars_kept)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .selectors import calendars_kept


class CalendarRowsPerRequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with calendars_kept():
            return self.get_response(request)
