"""The client's address, as every throttle counts it.

`X-Forwarded-For` is written by whoever sends the request: only the entries that our own reverse proxies
appended can be believed. `MOTCUA_TRUSTED_PROXIES` says how many proxies stand in front of the application:

- 0 (the default): the socket's address; the header is ignored (a client that sends a new header value with
  every request is still one client);
- N: the N-th address from the right of `X-Forwarded-For` (the one the outermost trusted proxy saw), or the
  leftmost when the header holds fewer.

Django REST framework's throttles read the same setting (`NUM_PROXIES` in settings.py is set from it) and the
same rule; tests keep the two in step.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent `request`, read through `MOTCUA_TRUSTED_PROXIES` proxies."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "MOTCUA_TRUSTED_PROXIES", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    entries = forwarded.split(",")
    chosen = entries[-min(proxies, len(entries))]
    # The chosen entry comes from our own proxy; anything that is not an address means the proxy count is
    # wrong or the proxy was bypassed: count the socket's address rather than a value the client chose.
    return _valid(chosen) or remote
