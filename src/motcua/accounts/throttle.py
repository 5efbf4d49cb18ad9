"""Wrong passwords, counted per account and per client address in the configured cache.

A window opens with the first failure and lasts `MOTCUA_SIGN_IN_WINDOW_SECONDS` (15 minutes by default). Once an
account has `MOTCUA_SIGN_IN_ACCOUNT_FAILURES` failures in its window (5), or an address
`MOTCUA_SIGN_IN_ADDRESS_FAILURES` (20, several people may share an office's address), signing in is refused,
the right password included, until the window ends; refused attempts do not lengthen it. A successful sign-in
clears the account's count (not the address's: one good account must not unlock guessing at others).

Counts live in Django's cache (Redis in production, shared by every process; a memory cache per process in the
embedded default). The cache's atomic `add` and `incr` keep concurrent guesses from being lost.
"""

from __future__ import annotations

import hashlib
import math
import time
import unicodedata

from django.conf import settings
from django.core.cache import cache

from .errors import SignInLocked

_PREFIX = "motcua:sign-in"


def _account_key(username: str) -> str:
    # Case and Unicode form do not make another account to guess at; hashed so any name makes a short key.
    name = unicodedata.normalize("NFC", username or "").strip().casefold()
    return f"{_PREFIX}:account:{hashlib.sha256(name.encode('utf-8')).hexdigest()}"


def _address_key(address: str) -> str:
    return f"{_PREFIX}:address:{address}"


def _keys(username: str, address: str | None) -> list[tuple[str, int]]:
    keys = [(_account_key(username), settings.MOTCUA_SIGN_IN_ACCOUNT_FAILURES)]
    if address:
        keys.append((_address_key(address), settings.MOTCUA_SIGN_IN_ADDRESS_FAILURES))
    return keys


def _window() -> int:
    return int(settings.MOTCUA_SIGN_IN_WINDOW_SECONDS)


def _retry_after(key: str, limit: int) -> int | None:
    """Seconds until `key`'s window ends if its failures reached `limit`, else None."""
    started = cache.get(f"{key}:start")
    # The window is judged by this process's clock; the cache's expiry only clears old keys (a cache on
    # another machine may keep them a little longer or shorter).
    if started is None or started + _window() <= time.time():
        return None
    failures = cache.get(f"{key}:{started}", 0)
    if failures < limit:
        return None
    return max(1, math.ceil(started + _window() - time.time()))


def sign_in_lockout(*, username: str, address: str | None) -> int | None:
    """Seconds the caller must wait before trying again, or None when signing in is open."""
    waits = [wait for key, limit in _keys(username, address) if (wait := _retry_after(key, limit))]
    return max(waits) if waits else None


def ensure_sign_in_open(*, username: str, address: str | None) -> None:
    wait = sign_in_lockout(username=username, address=address)
    if wait:
        raise SignInLocked(retry_after=wait)


def sign_in_failed(*, username: str, address: str | None) -> None:
    """Count one wrong password for the account and the address (nothing while already locked)."""
    if sign_in_lockout(username=username, address=address):
        return
    window = _window()
    for key, _limit in _keys(username, address):
        now = int(time.time())
        cache.add(f"{key}:start", now, window)
        started = cache.get(f"{key}:start")
        if started is None or started + window <= now:  # expired in between, or ended by this clock
            started = now
            cache.set(f"{key}:start", started, window)
        counter = f"{key}:{started}"
        cache.add(counter, 0, window)
        try:
            cache.incr(counter)
        except ValueError:  # expired in between
            cache.set(counter, 1, window)


def sign_in_succeeded(*, username: str) -> None:
    key = _account_key(username)
    started = cache.get(f"{key}:start")
    if started is not None:
        cache.delete_many([f"{key}:start", f"{key}:{started}"])
