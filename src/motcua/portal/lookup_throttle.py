"""Limits on public pages, per client address, with the API's throttles and rates: the lookup pages count against
the same limit as GET /api/v1/lookup/{code}/ (the "lookup" rate), so guessing receipt secrets through the pages
is no faster than through the API; the signature check page has its own ("signature_check": each check costs a
signature validation)."""

from __future__ import annotations

import math

from django.contrib.auth.models import AnonymousUser
from rest_framework.throttling import ScopedRateThrottle


class _Scope:
    def __init__(self, name: str) -> None:
        self.throttle_scope = name


class _AsAnonymous:
    """The request as the API's lookup sees it: anonymous (that view authenticates nobody), so a signed-in
    person shares their address's count with the API instead of getting a count of their own."""

    user = AnonymousUser()

    def __init__(self, request) -> None:
        self.META = request.META
        self.headers = request.headers


def page_wait(request, scope: str) -> int | None:
    """None if this request may go ahead (and counts it); else the seconds to wait."""
    throttle = ScopedRateThrottle()
    if throttle.allow_request(_AsAnonymous(request), _Scope(scope)):
        return None
    return max(1, math.ceil(throttle.wait() or 1))


def lookup_wait(request) -> int | None:
    return page_wait(request, "lookup")
