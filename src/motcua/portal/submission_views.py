"""Online submission, GOV.UK style: a start page per procedure, a task list, one group of questions per page,
check your answers, and a confirmation with the dossier code.

The draft is a real dossier in status draft, so it is saved at every step and resumable from "my dossiers".
Plain forms and links: everything works without JavaScript. Every rule is the dossier services'.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.catalog.errors import ProcedureNotFound
from motcua.catalog.models import Channel
from motcua.catalog.selectors import procedure_public
from motcua.core.errors import ApplicationError
from motcua.core.form_fields import place_error as _place_error
from motcua.core.form_fields import posted_version as _version_of
from motcua.documents import store
from motcua.documents.forms import DocumentUploadForm
from motcua.documents.models import Source
from motcua.dossiers import services
from motcua.dossiers.delivery import result_deliveries_for
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.filing import OnBehalf
from motcua.dossiers.models import ResultDelivery, Status
from motcua.dossiers.selectors_drafts import (
    STEP_FEE_AT_COUNTER,
    components_with_documents,
    dossier_of_owner,
    draft_gaps,
    drafts_of_applicant,
)
from motcua.payments.selectors import fee_summary

from .payment_views import start_online_payment
from .store_forms import ReuseForm
from .submission_forms import (
    FOR_OTHER,
    PAY_ONLINE,
    ApplicantForm,
    FeeChoiceForm,
    ResultDeliveryForm,
)

# Stored documents offered for one component at most (newest first): a store holds a handful of each kind.
REUSE_CHOICES = 20

# Where the services name a field, and the field of the applicant page that shows the message.
APPLICANT_FIELD_OF = {
    "applicant_name": "name",
    "applicant_personal_id": "personal_id",
    "applicant_phone": "phone",
    "phone": "phone",
    "applicant_email": "email",
    "on_behalf": "filing_for",
}


def _online_procedure(code: str):
    try:
        procedure = procedure_public(code=code)
    except ProcedureNotFound as exc:
        raise Http404(exc.message()) from exc
    if Channel.ONLINE not in (procedure.current_version.channels or []):
        raise Http404(_("Thủ tục này không nhận hồ sơ trực tuyến."))
    return procedure


def _own(request, code: str):
    try:
        return dossier_of_owner(user=request.user, code=code)
    except DossierNotFound as exc:
        raise Http404(exc.message()) from exc


def _draft_or_redirect(request, code: str):
    """The draft, or where to go when it has been sent already (its confirmation)."""
    dossier = _own(request, code)
    if dossier.status != Status.DRAFT:
        return dossier, redirect("submission_done", code=dossier.code)
    return dossier, None


def _progress(dossier) -> dict:
    """The task list's state; what is missing is the services' rule (`draft_gaps`), as when sending."""
    gaps = draft_gaps(dossier=dossier)
    components = components_with_documents(dossier=dossier)
    mandatory = [c for c in components if c.mandatory]
    return {
        "missing": gaps,
        "applicant_done": not gaps.applicant,
        "components": components,
        "mandatory_total": len(mandatory),
        "mandatory_done": sum(1 for c in mandatory if c.attached),
        "delivery_done": not gaps.result_delivery,
        "fee_at_counter": STEP_FEE_AT_COUNTER in gaps.steps_saved,
    }


@login_required
def submission_start(request, procedure_code: str):
    procedure = _online_procedure(procedure_code)
    error = None
    if request.method == "POST":
        user = request.user
        applicant = services.ApplicantData.of_user(user)
        try:
            dossier = services.dossier_submit(
                actor=user,
                applicant=applicant,
                channel=Channel.ONLINE,
                procedure_code=procedure.code,
                draft=True,
            )
        except ApplicationError as exc:
            error = exc.message()
        else:
            return redirect("submission_tasks", code=dossier.code)
    context = {
        "procedure": procedure,
        "version": procedure.current_version,
        "drafts": list(drafts_of_applicant(user=request.user, procedure_code=procedure.code)[:5]),
        "error": error,
    }
    return render(request, "portal/submission/start.html", context, status=400 if error else 200)


@login_required
def submission_tasks(request, code: str):
    dossier, gone = _draft_or_redirect(request, code)
    if gone:
        return gone
    context = {"dossier": dossier, **_progress(dossier)}
    return render(request, "portal/submission/tasks.html", context)


@login_required
def submission_applicant(request, code: str):
    dossier, gone = _draft_or_redirect(request, code)
    if gone:
        return gone
    form = ApplicantForm(request.POST or None, initial=ApplicantForm.initial_for(dossier))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        on_behalf = (
            OnBehalf(relationship=data["relationship"], consent=bool(data["consent"]))
            if data["filing_for"] == FOR_OTHER
            else None
        )
        try:
            services.dossier_draft_applicant_set(
                code=dossier.code,
                actor=request.user,
                version=_version_of(request),
                applicant=services.ApplicantData.from_values(data),
                on_behalf=on_behalf,
            )
        except ApplicationError as error:
            _place_error(form, error, APPLICANT_FIELD_OF, "name")
        else:
            return redirect(_next(request, dossier, "submission_tasks"))
    context = {"dossier": dossier, "form": form, "next": request.GET.get("next", "")}
    return render(request, "portal/submission/applicant.html", context, status=400 if form.errors else 200)


def _next(request, dossier, default: str) -> str:
    """Back to check your answers when the page was opened from there (a change link), else `default`."""
    if request.GET.get("next") == "check":
        return reverse("submission_check", kwargs={"code": dossier.code})
    return reverse(default, kwargs={"code": dossier.code})


@login_required
def submission_documents(request, code: str):
    dossier, gone = _draft_or_redirect(request, code)
    if gone:
        return gone
    components = components_with_documents(dossier=dossier)
    forms = {c.code: DocumentUploadForm(component_code=c.code) for c in components}
    reuse_forms = _reuse_forms(request.user, components)
    status = 200
    if request.method == "POST":
        component = request.POST.get("component", "")
        if component not in forms:
            raise Http404
        if request.POST.get("reuse"):
            done = _reuse(request, dossier, component, reuse_forms)
            if done:
                return done
        else:
            form = DocumentUploadForm(request.POST, request.FILES, component_code=component)
            forms[component] = form
            if form.is_valid():
                try:
                    services.dossier_add_document(
                        code=dossier.code,
                        actor=request.user,
                        file=form.cleaned_data["file"],
                        component_code=component,
                    )
                except ApplicationError as error:
                    _place_error(form, error, {}, "file")
                else:
                    return redirect(_component_anchor(dossier, component))
        status = 400
    for component in components:
        component.form = forms[component.code]
        component.reuse_form = reuse_forms.get(component.code)
    errors = [(c, e, c.form["file"].id_for_label) for c in components for e in c.form["file"].errors]
    errors += [
        (c, e, f"{c.reuse_form['personal_document'].auto_id}_0")
        for c in components
        if c.reuse_form
        for e in c.reuse_form["personal_document"].errors
    ]
    context = {
        "dossier": dossier,
        "components": components,
        "errors": errors,
        "max_mb": settings.MOTCUA_MAX_UPLOAD_BYTES // (1024 * 1024),
        "next": request.GET.get("next", ""),
    }
    return render(request, "portal/submission/documents.html", context, status=status)


def _component_anchor(dossier, component: str) -> str:
    return reverse("submission_documents", kwargs={"code": dossier.code}) + f"#c-{component}"


def _reuse_forms(user, components) -> dict:
    """For each component that accepts reuse and for which the applicant has stored documents of its kind, the
    choice among them ("Chọn từ kho giấy tờ")."""
    reuse_forms = {}
    for component in components:
        documents = list(store.reusable_for(owner=user, kind=component.reusable_kind)[:REUSE_CHOICES])
        if documents:
            reuse_forms[component.code] = ReuseForm(component_code=component.code, documents=documents)
    return reuse_forms


def _reuse(request, dossier, component: str, reuse_forms: dict):
    """Attach the stored document chosen for `component`; the redirect when done, else None (the form holds
    the error)."""
    offered = reuse_forms.get(component)
    form = ReuseForm(request.POST, component_code=component, documents=offered.documents if offered else [])
    reuse_forms[component] = form
    if form.is_valid():
        try:
            services.dossier_add_document(
                code=dossier.code,
                actor=request.user,
                component_code=component,
                source=Source.REUSED,
                personal_document_id=form.cleaned_data["personal_document"],
            )
        except ApplicationError as error:
            _place_error(form, error, {}, "personal_document")
        else:
            return redirect(_component_anchor(dossier, component))
    return None


@login_required
def submission_result_delivery(request, code: str):
    dossier, gone = _draft_or_redirect(request, code)
    if gone:
        return gone
    allowed = result_deliveries_for(dossier.procedure_version)
    form = ResultDeliveryForm(
        request.POST or None, allowed=allowed, initial={"delivery": dossier.result_delivery or None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_draft_result_delivery_set(
                code=dossier.code,
                actor=request.user,
                version=_version_of(request),
                delivery=form.cleaned_data["delivery"],
            )
        except ApplicationError as error:
            _place_error(form, error, {"result_delivery": "delivery"}, "delivery")
        else:
            return redirect(_next(request, dossier, "submission_check"))
    context = {"dossier": dossier, "form": form, "next": request.GET.get("next", "")}
    return render(
        request, "portal/submission/result_delivery.html", context, status=400 if form.errors else 200
    )


@login_required
def submission_fee(request, code: str):
    """The fees: pay online now (to the provider and back), or at the counter when the dossier is received."""
    dossier, gone = _draft_or_redirect(request, code)
    if gone:
        return gone
    if not dossier.fee_total:
        return redirect("submission_tasks", code=dossier.code)
    form = FeeChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["how"] == PAY_ONLINE:
            started = start_online_payment(request, dossier.code)
            if started is not None:
                return started
            return redirect("submission_fee", code=dossier.code)
        try:
            services.dossier_draft_fee_at_counter(
                code=dossier.code, actor=request.user, version=_version_of(request)
            )
        except ApplicationError as error:
            _place_error(form, error, {}, "how")
        else:
            return redirect("submission_tasks", code=dossier.code)
    context = {
        "dossier": dossier,
        "form": form,
        "fees": list(dossier.procedure_version.fees.all()),
        **fee_summary(dossier=dossier),
    }
    return render(request, "portal/submission/fee.html", context, status=400 if form.errors else 200)


@login_required
def submission_check(request, code: str):
    dossier, gone = _draft_or_redirect(request, code)
    if gone:
        return gone
    error = None
    if request.method == "POST":
        try:
            services.dossier_draft_send(code=dossier.code, actor=request.user, version=_version_of(request))
        except ApplicationError as exc:
            error = exc
        else:
            return redirect("submission_done", code=dossier.code)
    progress = _progress(dossier)
    missing = progress["missing"]
    gaps = []
    if missing.applicant:
        gaps.append(
            (reverse("submission_applicant", kwargs={"code": code}), _("Xác nhận thông tin người nộp."))
        )
    for component in missing.documents:
        gaps.append(
            (
                reverse("submission_documents", kwargs={"code": code}) + f"#c-{component.code}",
                _("Tải lên: %(name)s.") % {"name": component.display_name},
            )
        )
    if missing.result_delivery:
        gaps.append(
            (reverse("submission_result_delivery", kwargs={"code": code}), _("Chọn cách nhận kết quả."))
        )
    if error is not None and error.code == "draft_incomplete":
        # The links below name each gap; the service's message lists them too, for API clients.
        error_text = _("Hồ sơ chưa đủ để gửi: hoàn thành các mục còn thiếu rồi gửi lại.")
    else:
        error_text = error.message() if error else None
    context = {
        "dossier": dossier,
        "error": error_text,
        "gaps": gaps if error or request.method == "GET" else [],
        "delivery_label": ResultDelivery(dossier.result_delivery).label if dossier.result_delivery else "",
        **progress,
    }
    return render(request, "portal/submission/check.html", context, status=400 if error else 200)


@login_required
def submission_done(request, code: str):
    dossier = _own(request, code)
    if dossier.status == Status.DRAFT:
        return redirect("submission_tasks", code=dossier.code)
    return render(request, "portal/submission/done.html", {"dossier": dossier})
