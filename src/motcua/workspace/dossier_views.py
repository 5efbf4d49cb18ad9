"""The dossier page of the workspace: details, documents, the process-control timeline, step deadlines, official
forms, and a form for each action the officer may take now. An action posts here, is checked by the API's input
serializer for that action, and runs the same service; the page's version travels in a hidden field, so a page
left open while a colleague acted gets "someone changed this dossier" instead of overwriting their work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.api.dossier_actions import ACTIONS
from motcua.core.errors import ApplicationError, StaleVersion
from motcua.core.form_fields import posted_version
from motcua.core.masking import masked_id
from motcua.documents.official_forms.kinds import forms_issued
from motcua.dossiers import selectors, workflow
from motcua.dossiers.errors import DossierNotFound
from motcua.payments import services as payment_services
from motcua.payments.selectors import fee_summary

from .action_forms import TITLES, action_form, form_data


def _dossier(request, code: str):
    try:
        dossier = selectors.dossier_for(user=request.user, code=code)
    except DossierNotFound as error:
        raise Http404(code) from error
    return selectors.with_detail_relations(dossier)


NOTE_KEYS = ("reasons", "reason", "note", "outcome", "receipt_number")


def _event_note(payload: dict) -> str:
    """What the officer wrote with the event (reasons, a note, a step's outcome), or a payment's receipt number."""
    return next((str(payload[key]) for key in NOTE_KEYS if payload.get(key)), "")


def _render(request, dossier, *, failed=None, status: int = 200):
    """The page; `failed` is the ActionForm of an action that was refused, shown open with its errors."""
    events = list(selectors.events_of(dossier=dossier))
    allowed = workflow.allowed_actions(dossier, request.user)
    forms = [
        failed if failed is not None and failed.action == name else action_form(name) for name in allowed
    ]
    if failed is not None and failed.action not in allowed:
        forms.insert(0, failed)
    personal = selectors.sees_personal_data(dossier, request.user)
    context = {
        "dossier": dossier,
        "personal_id": dossier.applicant_personal_id
        if personal
        else masked_id(dossier.applicant_personal_id),
        "personal": personal,
        "timeline": [{"event": event, "note": _event_note(event.payload)} for event in events],
        "steps": list(dossier.steps.all()),
        "documents": selectors.documents_shown(dossier=dossier, user=request.user),
        "official_forms": forms_issued(event.kind for event in events),
        "action_forms": forms,
        "failed": failed,
        **fee_summary(dossier=dossier),
        "can_record_payment": workflow.counter_payment_refusal(dossier, request.user) is None,
    }
    return render(request, "workspace/dossier/detail.html", context, status=status)


@login_required
def dossier_detail(request, code: str):
    return _render(request, _dossier(request, code))


@login_required
@require_POST
def dossier_action(request, code: str, action: str):
    dossier = _dossier(request, code)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404(action)
    serializer = spec.input(data=form_data(action, request.POST))
    if not serializer.is_valid():
        errors = {name: list(map(str, found)) for name, found in serializer.errors.items()}
        version_errors = errors.pop("version", [])
        summary = [_("Trang đã cũ; hãy tải lại trang.")] if version_errors else []
        failed = action_form(action, posted=request.POST, field_errors=errors, errors=summary)
        return _render(request, dossier, failed=failed, status=400)
    try:
        spec.perform(code=code, actor=request.user, data=serializer.validated_data)
    except ApplicationError as error:
        message = error.message()
        if isinstance(error, StaleVersion):
            message = _("Người khác vừa thay đổi hồ sơ này; hãy tải lại trang để xem thay đổi rồi thử lại.")
        field_errors = error.details if isinstance(error.details, dict) else {}
        field_errors = {
            k: v if isinstance(v, list) else [v] for k, v in field_errors.items() if k in request.POST
        }
        failed = action_form(
            action,
            posted=request.POST,
            field_errors=field_errors,
            errors=[message],
            stale=isinstance(error, StaleVersion),
        )
        return _render(request, _dossier(request, code), failed=failed, status=error.status_code)
    title, back = TITLES.get(action, action), _back_to(request)
    if back is None:
        messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": title})
        return redirect("workspace:dossier", code=code)
    # Back on a list of many dossiers: the message names the one acted on.
    messages.success(
        request, _("Đã thực hiện: %(action)s (hồ sơ %(code)s).") % {"action": title, "code": code}
    )
    return redirect(back)


def _back_to(request) -> str | None:
    """The workspace page an action was taken from (a leader's list), when the form names one."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    return target if safe and target.startswith("/workspace/") else None


@login_required
@require_POST
def dossier_counter_payment(request, code: str):
    """A receiving officer records the fees paid in cash at the counter (the page's version travels along)."""
    dossier = _dossier(request, code)
    version = posted_version(request)
    try:
        payment = payment_services.payment_record_at_counter(
            code=dossier.code, actor=request.user, version=version
        )
    except ApplicationError as error:
        message = error.message()
        if isinstance(error, StaleVersion):
            message = _("Người khác vừa thay đổi hồ sơ này; hãy tải lại trang để xem thay đổi rồi thử lại.")
        messages.error(request, message)
    else:
        messages.success(
            request,
            _("Đã ghi nhận nộp phí tại quầy. Số biên lai: %(number)s.") % {"number": payment.receipt_number},
        )
    return redirect(reverse("workspace:dossier", kwargs={"code": code}) + "#fees-title")
