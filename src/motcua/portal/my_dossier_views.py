"""The signed-in applicant's own dossiers: a list with status and appointment, and each dossier's page with
the timeline of public events, what is asked of the applicant, and the documents."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from motcua.dossiers import workflow
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.selectors import (
    dossier_of_applicant,
    dossiers_of_applicant,
    public_status,
    request_to_applicant,
)
from motcua.payments.selectors import fee_summary

from .lookup_views import with_event_labels

PAGE_SIZE = 20


@login_required
def my_dossiers(request):
    page = Paginator(dossiers_of_applicant(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/my_dossiers/list.html", {"page": page, "query_string": ""})


@login_required
def my_dossier_detail(request, code: str):
    try:
        dossier = dossier_of_applicant(user=request.user, code=code)
    except DossierNotFound:
        return render(request, "portal/my_dossiers/not_found.html", {"code": code}, status=404)
    # The owner holds the receipt's secret: the same public timeline the lookup shows with it (a draft, never
    # sent, has none).
    try:
        timeline = public_status(code=dossier.code, secret=dossier.lookup_secret).get("timeline", [])
    except DossierNotFound:
        timeline = []
    context = {
        "dossier": dossier,
        "timeline": with_event_labels(timeline),
        "request_to_applicant": request_to_applicant(dossier=dossier),
        "documents": list(dossier.documents.all()),
        **fee_summary(dossier=dossier),
        "can_pay": workflow.online_payment_refusal(dossier, request.user) is None,
    }
    return render(request, "portal/my_dossiers/detail.html", context)
