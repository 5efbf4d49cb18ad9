"""Which language a request is answered in.

Pages are Vietnamese unless the person chose English with the language switcher (Django's language cookie,
set by the switcher and, at sign-in, from the account's preferred language). The browser's Accept-Language is
not consulted for pages: many phones in Vietnam run an English interface while their owners read Vietnamese.

The API keeps the usual negotiation (Accept-Language, then the cookie): integrations ask for English error
messages with the header.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


def chosen_language(request) -> str:
    """The language the person chose with the switcher, else the site's default (Vietnamese)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or ""
    supported = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in supported else settings.LANGUAGE_CODE


class PageLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path_info.startswith(API_PREFIX):
            return super().process_request(request)
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not request.path_info.startswith(API_PREFIX):
            # A page varies by the language cookie, not by Accept-Language.
            vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
            response.headers.pop("Vary", None)
            if kept := [v for v in vary if v.lower() != "accept-language"]:
                response["Vary"] = ", ".join(kept)
            patch_vary_headers(response, ("Cookie",))
        return response
