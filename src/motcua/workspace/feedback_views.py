"""The feedback inbox of an agency (soonest due first, timing in text and colour), the feedback page with the
forms to draft, send back, approve and publish the answer, and the counter form where a receiving officer files a
citizen's feedback for them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.core.errors import ApplicationError, PermissionDenied, StaleVersion
from motcua.core.form_fields import add_application_error
from motcua.feedback import policy, selectors, services
from motcua.feedback.errors import FeedbackNotFound
from motcua.organization.models import Agency

from .feedback_forms import FORMS, CounterFeedbackForm

PAGE_SIZE = 50
ACTION_DONE = {
    "draft_answer": gettext_lazy("Đã lưu dự thảo trả lời."),
    "send_back": gettext_lazy("Đã trả lại dự thảo để chuyên viên sửa."),
    "approve": gettext_lazy("Đã duyệt câu trả lời; người gửi đã được thông báo."),
    "publish": gettext_lazy("Đã công khai câu trả lời."),
}


@login_required
def inbox(request):
    if not selectors.sees_inbox(request.user):
        raise Http404
    answered = request.GET.get("tab") == "answered"
    page = Paginator(selectors.feedback_inbox(user=request.user, answered=answered), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "rows": selectors.with_timing(list(page.object_list)),
        "page": page,
        "answered": answered,
        "query_string": "tab=answered" if answered else "",
    }
    return render(request, "workspace/feedback/inbox.html", context)


def _feedback(request, pk: int):
    try:
        return selectors.feedback_for(user=request.user, pk=pk)
    except FeedbackNotFound as error:
        raise Http404 from error


def _render(request, feedback, *, failed=None, status: int = 200):
    allowed = policy.allowed_actions(feedback, request.user)
    forms = {}
    for name in allowed:
        if name not in FORMS:
            continue
        if failed is not None and failed[0] == name:
            forms[name] = failed[1]
        else:
            initial = {"version": feedback.version, "answer": feedback.answer}
            forms[name] = FORMS[name](initial=initial, prefix=name)
    history = selectors.history_of(feedback=feedback)
    context = {
        "feedback": feedback,
        "timing": selectors.timing_of(feedback),
        "history": history,
        "sent_back": selectors.sent_back_note(feedback=feedback, history=history),
        "forms": forms,
        "contact": feedback.agency_id in policy.inbox_agencies(request.user),
    }
    return render(request, "workspace/feedback/detail.html", context, status=status)


@login_required
def feedback_detail(request, pk: int):
    return _render(request, _feedback(request, pk))


@login_required
@require_POST
def feedback_action(request, pk: int, action: str):
    feedback = _feedback(request, pk)
    if action not in FORMS:
        raise Http404(action)
    form = FORMS[action](request.POST, prefix=action)
    if not form.is_valid():
        return _render(request, feedback, failed=(action, form), status=400)
    data = form.cleaned_data
    try:
        if action == "draft_answer":
            services.feedback_draft_answer(
                feedback_id=pk, actor=request.user, version=data["version"], answer=data["answer"]
            )
        elif action == "send_back":
            services.feedback_send_back(
                feedback_id=pk, actor=request.user, version=data["version"], note=data["note"]
            )
        elif action == "approve":
            services.feedback_approve(
                feedback_id=pk,
                actor=request.user,
                version=data["version"],
                answer=data["answer"] or None,
                publish=data["publish"],
            )
        else:
            services.feedback_publish(feedback_id=pk, actor=request.user, version=data["version"])
    except ApplicationError as error:
        if isinstance(error, StaleVersion):
            form.add_error(
                None, _("Người khác vừa thay đổi phản ánh, kiến nghị này; hãy tải lại trang rồi thử lại.")
            )
        else:
            add_application_error(form, error)
        status = 403 if isinstance(error, PermissionDenied) else error.status_code
        return _render(request, _feedback(request, pk), failed=(action, form), status=status)
    messages.success(request, ACTION_DONE[action])
    return redirect("workspace:feedback", pk=pk)


@login_required
def counter_feedback(request):
    """A receiving officer files a citizen's feedback at the counter (the citizen's consent recorded)."""
    if not policy.files_at_counter(request.user):
        raise Forbidden
    agencies = Agency.objects.filter(is_active=True).order_by("name")
    form = CounterFeedbackForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback = services.feedback_file_at_counter(
                officer=request.user,
                kind=data["kind"],
                subject=data["subject"],
                content=data["content"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                contact_email=data["contact_email"],
                procedure_code=data["procedure"],
                agency_code=data["agency"],
                on_behalf_consent=data["on_behalf_consent"],
            )
        except ApplicationError as error:
            add_application_error(form, error, default_field="subject")
        else:
            messages.success(
                request,
                _("Đã nhận phản ánh, kiến nghị số %(number)s; hãy báo số này cho người phản ánh.")
                % {"number": feedback.pk},
            )
            return redirect("workspace:feedback", pk=feedback.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "workspace/feedback/counter.html", {"form": form}, status=status)
