"""Security headers on every answer: a strict Content-Security-Policy, and the headers Django's own middleware
sets (kept here too, so an answer that skipped them still carries them).

The pages run no inline script and no inline style: scripts and styles come from our own origin only, and no
page may be framed (`frame-ancestors 'none'`, with `X-Frame-Options: DENY` for older browsers). The API docs
(Swagger UI, served from the drf-spectacular-sidecar files) have their own policy: the UI's page carries a
small inline `<style>` and its icons are `data:` images; its script still comes from our origin only.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


PAGE_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
DOCS_DIRECTIVES = {**PAGE_DIRECTIVES, "style-src": "'self' 'unsafe-inline'"}


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.page_policy = policy(PAGE_DIRECTIVES)
        self.docs_policy = policy(DOCS_DIRECTIVES)
        self.docs_prefix = settings.MOTCUA_API_DOCS_PATH

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        docs = request.path.startswith(self.docs_prefix)
        response.headers.setdefault("Content-Security-Policy", self.docs_policy if docs else self.page_policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY or "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
