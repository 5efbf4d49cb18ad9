from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET
from django.views.defaults import bad_request as page_bad_request

from .errors import ApplicationError, NotFound
from .request_limits import request_limit_error

API_PREFIX = "/api/"


class ServerError(ApplicationError):
    status_code = 500
    default_code = "server_error"
    default_message_vi = "Hệ thống gặp lỗi. Vui lòng thử lại sau."
    default_message_en = "Something went wrong on our side. Please try again later."


@never_cache
@require_GET
def healthz(request):
    """Liveness and database reachability for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "degraded", "database": database}, status=status
    )


def _api_error(error: ApplicationError) -> JsonResponse:
    return JsonResponse(error.as_dict(), status=error.status_code, json_dumps_params={"ensure_ascii": False})


class BadRequest(ApplicationError):
    status_code = 400
    default_code = "bad_request"
    default_message_vi = "Yêu cầu không hợp lệ."
    default_message_en = "The request is not valid."


@requires_csrf_token
def bad_request(request, exception=None):
    """Django's own refusals (a host name not served, a body over a limit read outside the API's views):
    addresses under /api/ answer in the API's error format; pages get the site's 400 page."""
    if request.path.startswith(API_PREFIX):
        return _api_error(request_limit_error(exception) or BadRequest())
    return page_bad_request(request, exception)


@requires_csrf_token
def page_not_found(request, exception=None):
    """Addresses under /api/ answer in the API's error format; pages get the site's 404 page."""
    if request.path.startswith(API_PREFIX):
        return _api_error(NotFound())
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    if request.path.startswith(API_PREFIX):
        return _api_error(ServerError())
    # No request context: whatever broke (the database, a context processor) must not break this page too.
    return HttpResponseServerError(loader.get_template("500.html").render())
