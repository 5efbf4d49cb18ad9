"""The signed-in applicant's own dossiers: a list with status and appointment, and each dossier's page with
the timeline of public events, what is asked of the applicant, the forms and the result to download, the rating,
and the applicant's actions: upload what is asked and send the dossier back (`dossier_resubmit` after completion
guidance, `dossier_supplement` after a supplement request), withdraw, rate.

Every action is a plain form (no JavaScript needed) that calls the dossier service; the page's version travels in
a hidden field, so a page left open while an officer acted gets "reload" instead of acting on what changed.
Downloads link to the API's scoped form and file views, so the scope rules are theirs."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.errors import ApplicationError, StaleVersion
from motcua.core.form_fields import add_application_error
from motcua.core.text import small_number
from motcua.documents.forms import DocumentUploadForm
from motcua.documents.official_forms.kinds import CONTROL, forms_issued
from motcua.dossiers import services, workflow
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Rating
from motcua.dossiers.selectors import (
    documents_shown,
    dossier_of_applicant,
    dossiers_of_applicant,
    public_status,
    request_to_applicant,
    result_documents,
)
from motcua.dossiers.workflow import Action
from motcua.payments.selectors import fee_summary

from .lookup_views import with_event_labels
from .my_dossier_forms import RatingForm, SupplementNoteForm, WithdrawForm

PAGE_SIZE = 20


def own_dossier(view):
    """The view gets the signed-in person's own dossier; any other code answers the 'not found' page (404)."""

    @login_required
    @wraps(view)
    def wrapped(request, code: str):
        try:
            dossier = dossier_of_applicant(user=request.user, code=code)
        except DossierNotFound:
            return render(request, "portal/my_dossiers/not_found.html", {"code": code}, status=404)
        return view(request, dossier)

    return wrapped


def _version_of(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _detail_url(dossier) -> str:
    return reverse("my_dossier_detail", kwargs={"code": dossier.code})


def _rating_of(dossier) -> Rating | None:
    try:
        return dossier.rating
    except Rating.DoesNotExist:
        return None


@login_required
def my_dossiers(request):
    page = Paginator(dossiers_of_applicant(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/my_dossiers/list.html", {"page": page, "query_string": ""})


@own_dossier
def my_dossier_detail(request, dossier):
    # The owner holds the receipt's secret: the same public timeline the lookup shows with it (a draft, never
    # sent, has none).
    try:
        timeline = public_status(code=dossier.code, secret=dossier.lookup_secret).get("timeline", [])
    except DossierNotFound:
        timeline = []
    allowed = workflow.allowed_actions(dossier, request.user)
    rating = _rating_of(dossier)
    context = {
        "dossier": dossier,
        "timeline": with_event_labels(timeline),
        "request_to_applicant": request_to_applicant(dossier=dossier),
        "documents": documents_shown(dossier=dossier, user=request.user),
        **fee_summary(dossier=dossier),
        "can_pay": workflow.online_payment_refusal(dossier, request.user) is None,
        # The process-control slip follows the dossier between officers; the applicant's forms are the others.
        "official_forms": [
            form for form in forms_issued(row["kind"] for row in timeline) if form is not CONTROL
        ],
        "results": result_documents(dossier=dossier),
        "rating": rating,
        "may_rate": rating is None and services.rating_refusal(dossier=dossier, actor=request.user) is None,
        "may_withdraw": Action.WITHDRAW in allowed,
    }
    return render(request, "portal/my_dossiers/detail.html", context)


# --- What is asked: upload for each item, then send the dossier back ---------------------------------------------

# The action that sends the dossier back, by what is asked: guidance before receipt is answered by submitting it
# again; a supplement request during processing by supplementing.
SEND_ACTIONS = {"completion_requested": Action.SUBMIT, "supplement_requested": Action.SUPPLEMENT}


def _supplement_page(request, dossier, asked, *, forms=None, note_form=None, error=None, status=200):
    forms = forms or {}
    items = [(item, forms.get(item.index) or _upload_form(item)) for item in asked["items"]]
    error_items = [
        (f"#{form['file'].id_for_label}", f"{item.text}: {message}")
        for item, form in items
        for message in form["file"].errors
    ]
    if error is not None:
        error_items.append(("#send", error.message()))
    allowed = workflow.allowed_actions(dossier, request.user)
    context = {
        "dossier": dossier,
        "asked": asked,
        "items": items,
        "sent_count": sum(1 for item, _form in items if item.documents),
        "error_items": error_items,
        "stale": isinstance(error, StaleVersion),
        "note_form": note_form or SupplementNoteForm(),
        "may_send": SEND_ACTIONS[asked["kind"]] in allowed,
        "max_mb": settings.MOTCUA_MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "portal/my_dossiers/supplement.html", context, status=status)


def _upload_form(item, data=None, files=None) -> DocumentUploadForm:
    return DocumentUploadForm(data, files, component_code=item.component_code, prefix=f"item-{item.index}")


def _asked_or_redirect(dossier):
    """What is asked, or (when nothing is asked any more) the way back to the dossier's page."""
    asked = request_to_applicant(dossier=dossier)
    return asked, (redirect(_detail_url(dossier)) if asked is None else None)


@own_dossier
def my_dossier_supplement(request, dossier):
    """Every item asked, each with its own upload form (the wizard's form and checks); a photo is kept as a PDF
    page (dossier_add_document)."""
    asked, gone = _asked_or_redirect(dossier)
    if gone:
        return gone
    if request.method != "POST":
        return _supplement_page(request, dossier, asked)
    index = small_number(request.POST.get("item", ""), digits=3)
    if index is None or index >= len(asked["items"]):
        raise Http404
    item = asked["items"][index]
    form = _upload_form(item, request.POST, request.FILES)
    if form.is_valid():
        try:
            services.dossier_add_document(
                code=dossier.code,
                actor=request.user,
                file=form.cleaned_data["file"],
                component_code=item.component_code,
                for_item=item.text,
            )
        except ApplicationError as error:
            add_application_error(form, error, default_field="file")
        else:
            return redirect(
                reverse("my_dossier_supplement", kwargs={"code": dossier.code}) + f"#item-{item.index}"
            )
    return _supplement_page(request, dossier, asked, forms={item.index: form}, status=400)


@require_POST
@own_dossier
def my_dossier_send(request, dossier):
    """Send the completed dossier again, or say "I have supplemented", as the request asks."""
    asked, gone = _asked_or_redirect(dossier)
    if gone:
        return gone
    note_form = SupplementNoteForm(request.POST)
    note_form.is_valid()
    try:
        if asked["kind"] == "supplement_requested":
            services.dossier_supplement(
                code=dossier.code,
                actor=request.user,
                version=_version_of(request),
                note=note_form.cleaned_data.get("note", ""),
            )
            messages.success(request, _("Đã gửi giấy tờ bổ sung. Thời hạn giải quyết được tính tiếp."))
        else:
            services.dossier_resubmit(code=dossier.code, actor=request.user, version=_version_of(request))
            messages.success(request, _("Đã gửi lại hồ sơ để bộ phận một cửa kiểm tra."))
    except ApplicationError as error:
        return _supplement_page(
            request, dossier, asked, note_form=note_form, error=error, status=error.status_code
        )
    return redirect(_detail_url(dossier))


# --- Withdraw and rate ---------------------------------------------------------------------------------------------


def _action_page(request, dossier, template: str, form, *, error=None, status=200):
    context = {"dossier": dossier, "form": form, "stale": isinstance(error, StaleVersion)}
    return render(request, template, context, status=status)


@own_dossier
def my_dossier_withdraw(request, dossier):
    """A confirmation page with the reason (required); withdrawing is final."""
    template = "portal/my_dossiers/withdraw.html"
    if request.method != "POST":
        if Action.WITHDRAW not in workflow.allowed_actions(dossier, request.user):
            return redirect(_detail_url(dossier))
        return _action_page(request, dossier, template, WithdrawForm())
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _action_page(request, dossier, template, form, status=400)
    try:
        services.dossier_withdraw(
            code=dossier.code,
            actor=request.user,
            version=_version_of(request),
            reasons=form.cleaned_data["reasons"],
        )
    except ApplicationError as error:
        add_application_error(form, error, default_field=None)
        return _action_page(request, dossier, template, form, error=error, status=error.status_code)
    messages.success(request, _("Đã rút hồ sơ."))
    return redirect(_detail_url(dossier))


@own_dossier
def my_dossier_rate(request, dossier):
    """Once the result is out: very satisfied, satisfied or not satisfied, and a comment; once per dossier."""
    template = "portal/my_dossiers/rate.html"
    if request.method != "POST":
        if services.rating_refusal(dossier=dossier, actor=request.user) is not None:
            return redirect(_detail_url(dossier))
        return _action_page(request, dossier, template, RatingForm())
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _action_page(request, dossier, template, form, status=400)
    try:
        services.dossier_rate(
            code=dossier.code,
            actor=request.user,
            level=form.cleaned_data["level"],
            comment=form.cleaned_data["comment"],
        )
    except ApplicationError as error:
        add_application_error(form, error, default_field=None)
        return _action_page(request, dossier, template, form, error=error, status=error.status_code)
    messages.success(request, _("Cảm ơn bạn đã đánh giá."))
    return redirect(_detail_url(dossier) + "#rating")
