"""Addresses of per-dossier pages for the rows of a list: the route is reversed once per list, then filled in
with each row's dossier code (reversing it for each of fifty rows cost as much as rendering them)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse

_CODE = "0dossier-code0"  # stands for the code in the reversed address; no route contains it


def per_code(route: str, *args: str) -> Callable[[str], str]:
    """A function giving the address of `route` for a dossier code (the route's first argument; `args` the
    others), as `reverse` would write it."""
    template = reverse(route, args=[_CODE, *args])
    return lambda code: template.replace(_CODE, quote(code, safe="!$&'()*+,;=/~:@"))
