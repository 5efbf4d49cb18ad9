"""The public lookup pages count against the same limit as GET /api/v1/lookup/{code}/ (the "lookup" rate, per
client address): guessing receipt secrets through the pages is no faster than through the API."""

from __future__ import annotations

import math

from django.contrib.auth.models import AnonymousUser
from rest_framework.throttling import ScopedRateThrottle


class _LookupScope:
    throttle_scope = "lookup"


class _AsAnonymous:
    """The request as the API's lookup sees it: anonymous (that view authenticates nobody), so a signed-in
    person shares their address's count with the API instead of getting a count of their own."""

    user = AnonymousUser()

    def __init__(self, request) -> None:
        self.META = request.META
        self.headers = request.headers


def lookup_wait(request) -> int | None:
    """None if this lookup may go ahead (and counts it); else the seconds to wait."""
    throttle = ScopedRateThrottle()
    if throttle.allow_request(_AsAnonymous(request), _LookupScope()):
        return None
    return max(1, math.ceil(throttle.wait() or 1))
