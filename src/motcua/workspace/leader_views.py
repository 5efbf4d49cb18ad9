"""The leaders' pages (/workspace/lanh-dao/): what waits for their approval (apology proposals, results), their
agencies' overdue and near-due dossiers with reassignment, and the tracking book.

Thin: the selectors read (dossiers.approvals, dossiers.queues), the services write. Approving, rejecting,
resolving and assigning post to the dossier page's action view (the same serializer and service as the API),
which comes back here after success. Only leaders: anyone else gets 403.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.models import Role
from motcua.accounts.selectors import officers_of
from motcua.core.errors import ApplicationError
from motcua.core.masking import masked_id
from motcua.documents.official_forms.tracking_book import render_tracking_book
from motcua.dossiers import approvals, queues, selectors, services
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Outcome
from motcua.organization.models import Agency

from .leader_forms import DEADLINE_TIMINGS, DeadlineListForm, TrackingBookForm
from .queue_views import TIMING_LABELS, moment_text
from .row_links import per_code

ASSIGNABLE = frozenset({Role.SPECIALIST, Role.LEADER})


def leader_required(view):
    """Signed in (else the sign-in page) and a leader of at least one agency (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        agencies = approvals.led_agencies(request.user)
        if not agencies:
            raise PermissionDenied
        return view(request, *args, agencies=agencies, **kwargs)

    return wrapped


@leader_required
def overview(request, *, agencies: list[int]):
    """Numbers first, each one click from its list (UX.md)."""
    user = request.user
    led = list(Agency.objects.filter(pk__in=agencies).order_by("code"))
    timings = queues.queue_timing_counts(
        user=user,
        queue=queues.Queue.AGENCY,
        timings=(queues.QueueTiming.OVERDUE, queues.QueueTiming.DUE_SOON),
        agencies=agencies,
    )
    context = {
        "agencies": led,
        "proposals": len(approvals.apology_proposals_waiting(user=user)),
        "results": approvals.results_waiting_count(user=user),
        "overdue": timings[queues.QueueTiming.OVERDUE],
        "due_soon": timings[queues.QueueTiming.DUE_SOON],
        "count_cap": queues.COUNT_CAP,
        "book_form": TrackingBookForm(agencies=led),
    }
    return render(request, "workspace/leader/overview.html", context)


@leader_required
def approvals_page(request, *, agencies: list[int]):
    page_url = per_code("workspace:dossier")
    approve_url = per_code("workspace:dossier_action", "approve_apology")
    reject_url = per_code("workspace:dossier_action", "reject_apology")
    resolve_url = per_code("workspace:dossier_action", "resolve")
    sign_url = per_code("workspace:leader_sign_result")
    proposals = [
        {
            "proposal": proposal,
            "dossier": proposal.dossier,
            "url": page_url(proposal.dossier.code),
            "approve_url": approve_url(proposal.dossier.code),
            "reject_url": reject_url(proposal.dossier.code),
            "procedure": _procedure_name(proposal.dossier),
            "due": moment_text(proposal.dossier.due_at),
            "new_due": moment_text(proposal.new_due_at),
            "proposed_at": moment_text(proposal.proposed_at),
        }
        for proposal in approvals.apology_proposals_waiting(user=request.user)
    ]
    results = [
        {
            "dossier": dossier,
            "url": page_url(dossier.code),
            "action_url": (resolve_url if dossier.has_signed_result else sign_url)(dossier.code),
            "procedure": _procedure_name(dossier),
            "due": moment_text(dossier.due_at),
        }
        for dossier in approvals.results_waiting(user=request.user)
    ]
    context = {
        "proposals": proposals,
        "results": results,
        "limit": approvals.LIST_LIMIT,
        "approved": Outcome.APPROVED,
        "here": reverse("workspace:leader_approvals"),
    }
    return render(request, "workspace/leader/approvals.html", context)


def officer_options(choices: list[tuple[int, str]], *, selected: int | None) -> SafeString:
    """The <option>s of an assignment's select, the current assignee selected: written here, as a template
    loop over 25 rows of officers cost more than the rest of the page."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((pk, " selected" if pk == selected else "", name) for pk, name in choices),
    )


def _procedure_name(dossier) -> str:
    """The procedure's name in the active language ("" for a group's parent, which has no single one)."""
    return dossier.procedure_version.display_name if dossier.procedure_version_id else ""


@leader_required
def deadlines_page(request, *, agencies: list[int]):
    """The agencies' overdue dossiers, or those due within one working day, soonest due first, each with a form
    to assign its current step to another officer of the agency."""
    form = DeadlineListForm(request.GET)
    context = {"form": form, "tabs": DEADLINE_TIMINGS}
    if not form.is_valid():
        return render(request, "workspace/leader/deadlines.html", context, status=400)
    timing = form.cleaned_data["timing"]
    page = queues.queue_page(
        user=request.user,
        queue=queues.Queue.AGENCY,
        filters=queues.Filters(timing=timing),
        after=form.cursor(),
        agencies=agencies,
    )
    officers = officers_of(agency_ids=agencies, roles=ASSIGNABLE)
    # Each agency's officers as (id, name), read once for the page rather than once per row.
    choices = {agency: [(o.pk, o.display_name) for o in found] for agency, found in officers.items()}
    dossier_url = per_code("workspace:dossier")
    assign_url = per_code("workspace:dossier_action", "assign")
    here = request.get_full_path()
    context.update(
        current=timing,
        current_label=TIMING_LABELS[timing],
        rows=[
            {
                "dossier": row,
                "personal_id": masked_id(row.applicant_personal_id),
                "url": dossier_url(row.code),
                "assign_url": assign_url(row.code),
                "moment": moment_text(row.due_at),
                "officer_options": officer_options(
                    choices.get(row.current_agency_id, []), selected=row.assignee_id
                ),
            }
            for row in page.rows
        ],
        here=here,
        next_query=f"timing={timing}&after={page.next_cursor}" if page.next_cursor else None,
        first_query=f"timing={timing}" if form.cursor() else None,
    )
    return render(request, "workspace/leader/deadlines.html", context)


@leader_required
def tracking_book(request, *, agencies: list[int]):
    """The date range form; valid, the agency's book as PDF (the same rendering as the API's)."""
    choices = Agency.objects.filter(pk__in=agencies).order_by("code")
    form = TrackingBookForm(request.GET or None, agencies=choices)
    if form.is_valid():
        agency = choices.get(code=form.cleaned_data["agency"])
        try:
            rendered = render_tracking_book(
                agency=agency,
                first=form.cleaned_data["start"],
                last=form.cleaned_data["end"],
                user=request.user,
            )
        except ApplicationError as error:
            form.add_error(None, error.message())
        else:
            return rendered.http_response()
    status = 400 if form.is_bound else 200
    return render(request, "workspace/leader/tracking_book.html", {"form": form}, status=status)


@leader_required
@require_POST
def sign_result(request, code: str, *, agencies: list[int]):
    """Sign the result document generated from the procedure's template with the agency's certificate and
    attach it (the service checks that this leader may resolve the dossier now). A dossier outside what the
    leader may see is 'not found', as anywhere else: whether such a code exists is not told."""
    try:
        selectors.dossier_for(user=request.user, code=code)
    except DossierNotFound as error:
        raise Http404(code) from error
    try:
        services.dossier_issue_result(code=code, actor=request.user)
    except ApplicationError as error:
        messages.error(
            request,
            _("Chưa ký được văn bản kết quả của hồ sơ %(code)s: %(reason)s")
            % {
                "code": code,
                "reason": error.message(),
            },
        )
    else:
        messages.success(request, _("Đã ký số văn bản kết quả của hồ sơ %(code)s.") % {"code": code})
    return redirect("workspace:leader_approvals")
