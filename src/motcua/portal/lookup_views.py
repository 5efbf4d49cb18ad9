"""Public lookup by dossier code (the receipt's QR code lands on /tra-cuu/<code>/): the status, procedure and
appointment for anyone; with the receipt's lookup secret, the timeline too. The same selector and the same
throttle as GET /api/v1/lookup/{code}/; an unknown code and a draft look the same."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse

from motcua.core.errors import PermissionDenied
from motcua.core.form_fields import add_application_error
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import EventKind
from motcua.dossiers.selectors import public_status

from .forms import LookupForm
from .lookup_throttle import lookup_wait


def lookup(request):
    """The form (a plain GET form); a filled one goes to the dossier's page."""
    form = LookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        url = reverse("lookup_detail", kwargs={"code": form.cleaned_data["code"]})
        if form.cleaned_data["secret"]:
            url += "?" + urlencode({"secret": form.cleaned_data["secret"]})
        return redirect(url)
    return render(request, "portal/lookup/form.html", {"form": form}, status=400 if form.errors else 200)


def _too_many(request, wait: int):
    response = render(request, "portal/lookup/too_many.html", {"minutes": max(1, -(-wait // 60))}, status=429)
    response["Retry-After"] = str(wait)
    return response


def with_event_labels(timeline: list[dict]) -> list[dict]:
    return [{**row, "kind_display": EventKind(row["kind"]).label} for row in timeline]


def lookup_detail(request, code: str):
    wait = lookup_wait(request)
    if wait:
        return _too_many(request, wait)
    secret = "".join((request.GET.get("secret") or "").split())[:32]
    form = LookupForm(initial={"code": code, "secret": secret})
    status = 200
    try:
        result = public_status(code=code, secret=secret or None)
    except DossierNotFound:
        return render(request, "portal/lookup/not_found.html", {"code": code, "form": form}, status=404)
    except PermissionDenied as error:
        result = public_status(code=code)
        form = LookupForm({"code": code, "secret": secret})
        form.is_valid()
        add_application_error(form, error, default_field="secret")
        status = 403
    if "timeline" in result:
        result["timeline"] = with_event_labels(result["timeline"])
    return render(request, "portal/lookup/detail.html", {"result": result, "form": form}, status=status)
