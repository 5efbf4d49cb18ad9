"""Feedback pages for citizens: send a complaint or recommendation (about a dossier, a procedure or an agency),
follow one's own feedback and rate the answer, and the public list of published answers (no personal data)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.core.errors import ApplicationError
from motcua.core.form_fields import add_application_error
from motcua.feedback import selectors, services
from motcua.feedback.errors import FeedbackNotFound
from motcua.organization.models import Agency

from .feedback_forms import FeedbackForm, RatingForm

PAGE_SIZE = 20


def feedback_public(request):
    page = Paginator(selectors.feedback_published(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/feedback/public.html", {"page": page, "query_string": ""})


def _target(request, data) -> selectors.Target | None:
    """What the form is about, when it names a dossier or a procedure with a competent agency (shown, not
    asked); None when the citizen chooses the agency."""
    try:
        return selectors.resolve_target(
            author=request.user,
            dossier_code=data.get("dossier", ""),
            procedure_code=data.get("procedure", ""),
        )
    except ApplicationError:
        return None


@login_required
def feedback_new(request):
    agencies = Agency.objects.filter(is_active=True).order_by("name")
    if request.method == "POST":
        form = FeedbackForm(request.POST, agencies=agencies)
        target = _target(request, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                feedback = services.feedback_submit(
                    author=request.user,
                    kind=data["kind"],
                    subject=data["subject"],
                    content=data["content"],
                    dossier_code=data["dossier"],
                    procedure_code=data["procedure"],
                    agency_code=data["agency"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                )
            except ApplicationError as error:
                if isinstance(error.details, dict) and {"dossier", "procedure"} & set(error.details):
                    form.add_error(None, error.message())  # about what the page was opened for, not a field
                else:
                    add_application_error(form, error, default_field="subject")
            else:
                messages.success(
                    request, _("Đã gửi phản ánh, kiến nghị. Cơ quan sẽ trả lời trước hạn ghi dưới đây.")
                )
                return redirect("my_feedback_detail", pk=feedback.pk)
        status = 400
    else:
        initial = {
            "dossier": request.GET.get("dossier", ""),
            "procedure": request.GET.get("procedure", ""),
            "contact_email": request.user.email,
            "contact_phone": request.user.phone,
        }
        form = FeedbackForm(initial=initial, agencies=agencies)
        target = _target(request, initial)
        status = 200
    context = {"form": form, "target": target, "working_days": services.answer_working_days()}
    return render(request, "portal/feedback/new.html", context, status=status)


@login_required
def my_feedback(request):
    page = Paginator(selectors.feedback_of_author(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "portal/feedback/mine.html", {"page": page, "query_string": ""})


@login_required
def my_feedback_detail(request, pk: int):
    try:
        feedback = selectors.feedback_of_author_detail(user=request.user, pk=pk)
    except FeedbackNotFound:
        return render(request, "portal/feedback/not_found.html", status=404)
    form = RatingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.feedback_rate(
                    feedback_id=feedback.pk, actor=request.user, rating=form.cleaned_data["rating"]
                )
            except ApplicationError as error:
                add_application_error(form, error, default_field="rating")
            else:
                messages.success(request, _("Cảm ơn bạn đã đánh giá câu trả lời."))
                return redirect("my_feedback_detail", pk=feedback.pk)
        status = 400
    context = {
        "feedback": feedback,
        "timing": selectors.timing_of(feedback),
        "form": form,
        "may_rate": selectors.may_rate(feedback=feedback, user=request.user),
    }
    return render(request, "portal/feedback/detail.html", context, status=status)
