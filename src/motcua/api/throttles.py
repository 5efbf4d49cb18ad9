"""Throttles on API token use, so that one integration cannot swamp the service and tokens cannot be guessed.

Requests signed in with `Authorization: Bearer <token>` are counted (REST_FRAMEWORK's DEFAULT_THROTTLE_RATES,
set from the environment in settings.py):

- per token (`token`, `MOTCUA_TOKEN_RATE`, default 600 a minute);
- per client address (`token_address`, `MOTCUA_API_ADDRESS_RATE`, default 1,200 a minute), the address read
  through the configured trusted proxies (`motcua.core.client_address`);
- failed token attempts (an unknown, revoked, expired or malformed token) per client address
  (`token_failures`, `MOTCUA_TOKEN_FAILURE_RATE`, default 30 a minute). At the limit every bearer request from
  that address is refused before its token is looked at, a right token included, until the window ends: a
  guesser learns nothing more, and a right guess answers as a wrong one. (Requests already under way when the
  limit is reached still have their token looked at: a few more guesses per window, as many as the guesser's
  parallel connections, against tokens of 256 random bits.)

Over a limit the answer is 429 in the API's error format with `Retry-After`. The browser session (pages, the
docs page's "Try it out") is not counted here; sign-in has its own limits (motcua.accounts.throttle).

Counts are kept in fixed windows (a minute starts on the minute) in Django's cache: Redis in production, shared by
every process; the memory cache of each process otherwise. `add` and `incr` are atomic, so concurrent requests
are all counted. A fixed window lets a client spend its allowance at the end of one window and again at the start
of the next; for these limits (against floods and guessing) that is acceptable, and it costs one cache write per
request.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.core.cache import cache
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from motcua.core.client_address import client_address

from .authentication import BearerTokenAuthentication, BearerTokenScheme

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PREFIX = "motcua:api-throttle"


def parse_rate(rate: str) -> tuple[int, int]:
    """`"600/minute"` -> (600, 60): requests allowed, and the window in seconds (second, minute, hour, day; the
    settings check the form when they load)."""
    number, period = rate.split("/")
    return int(number), _PERIODS[period.strip()[0]]


class _Window:
    """The count of one scope and identity in the current fixed window."""

    def __init__(self, scope: str, ident: str) -> None:
        self.limit, self.seconds = parse_rate(api_settings.DEFAULT_THROTTLE_RATES[scope])
        now = time.time()
        start = int(now // self.seconds) * self.seconds
        self.key = f"{_PREFIX}:{scope}:{ident}:{start}"
        self.retry_after = max(1, math.ceil(start + self.seconds - now))

    def count(self) -> int:
        return cache.get(self.key, 0)

    def add(self) -> int:
        """Counts one more and returns the new count."""
        cache.add(self.key, 0, self.seconds + 1)
        try:
            return cache.incr(self.key)
        except ValueError:  # expired in between: this is the first of a new window
            cache.set(self.key, 1, self.seconds + 1)
            return 1


def _bearer_key(request) -> str | None:
    parts = get_authorization_header(request).split()
    if len(parts) == 2 and parts[0].lower() == BearerTokenAuthentication.keyword.lower().encode():
        return hashlib.sha256(parts[1]).hexdigest()  # the key itself never goes into the cache
    return None


class _BearerThrottle(BaseThrottle):
    """Counts the requests that a bearer token signed in; any other request passes."""

    scope = ""

    def __init__(self) -> None:
        self.retry_after: int | None = None

    def identity(self, request) -> str:
        raise NotImplementedError

    def allow_request(self, request, view) -> bool:
        if not isinstance(request.successful_authenticator, BearerTokenAuthentication):
            return True
        window = _Window(self.scope, self.identity(request))
        if window.add() <= window.limit:
            return True
        self.retry_after = window.retry_after
        return False

    def wait(self) -> int | None:
        return self.retry_after


class TokenRateThrottle(_BearerThrottle):
    """Requests per token."""

    scope = "token"

    def identity(self, request) -> str:
        return _bearer_key(request) or ""


class TokenAddressRateThrottle(_BearerThrottle):
    """Requests signed in with a token, per client address (however many tokens it uses)."""

    scope = "token_address"

    def identity(self, request) -> str:
        return client_address(request)


class TokenGuessingLocked(exceptions.Throttled):
    default_code = "too_many_token_failures"


class GuardedBearerTokenAuthentication(BearerTokenAuthentication):
    """The bearer token, looked at only while its client address has not failed too often (`token_failures`);
    every failure is counted against the address."""

    def authenticate(self, request):
        scheme = get_authorization_header(request).split()[:1]
        if not scheme or scheme[0].lower() != self.keyword.lower().encode():
            return None  # not a bearer request: another authentication's business
        failures = _Window("token_failures", client_address(request))
        if failures.count() >= failures.limit:
            raise TokenGuessingLocked(wait=failures.retry_after)
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            failures.add()
            raise


class GuardedBearerTokenScheme(BearerTokenScheme):
    target_class = GuardedBearerTokenAuthentication


def may_throttle(view) -> bool:
    """Whether a request to `view` can be answered 429: a throttle that counts every request, or a bearer
    throttle on a view that takes bearer tokens."""
    bearer = any(isinstance(a, BearerTokenAuthentication) for a in view.get_authenticators())
    return any(bearer or not isinstance(t, _BearerThrottle) for t in view.get_throttles())
