"""The one-stop counter intake (issue 11): a receiving officer enters a walk-in, postal or home-service dossier
for the applicant, with their consent, in four steps:

1. find the procedure (diacritics-insensitive catalog search; whether an express lane applies today here);
2. the applicant's details and how the dossier came in: this makes the officer's draft (a dossier in status
   draft), so nothing typed is lost and the draft can be taken up again from step 1;
3. the completeness checklist (each required component received as an original or a copy), kept in the
   session, and the paper scanned and attached as digitized documents;
4. the decision: receive (form 01, the receipt with the appointment), guide the applicant to complete the
   dossier (form 02, every unticked mandatory component listed) or refuse with reasons (form 03).

Every rule is the dossier services'; pages keep typed values on error.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from motcua.catalog import selectors as catalog
from motcua.catalog.errors import ProcedureNotFound
from motcua.catalog.models import Channel
from motcua.core import clock
from motcua.core.errors import ApplicationError, StaleVersion
from motcua.core.form_fields import place_error
from motcua.core.form_fields import posted_version as _version_of
from motcua.documents.forms import DocumentUploadForm
from motcua.documents.models import Source
from motcua.dossiers import selectors, services
from motcua.dossiers.errors import DigitizationRequired, DossierNotFound
from motcua.dossiers.models import Status
from motcua.dossiers.selectors_drafts import (
    components_with_documents,
    counter_draft,
    counter_drafts_at,
    counter_sections_of,
)

from .counter_forms import (
    OFFICER_CHANNELS,
    ChecklistForm,
    CounterApplicantForm,
    DecisionForm,
    ProcedureSearchForm,
)

SEARCH_RESULTS = 20
DRAFTS_SHOWN = 10
CHECKLISTS = "counter_checklists"  # session key: dossier code -> {component code: original|copy}
# Where the services name a field, and the field of the applicant page that shows the message.
APPLICANT_FIELD_OF = {
    "applicant_name": "name",
    "applicant_personal_id": "personal_id",
    "applicant_phone": "phone",
    "phone": "phone",
    "applicant_email": "email",
    "on_behalf_consent": "consent",
    "channel": "channel",
}
DECISION_FIELD_OF = {"reasons": "reasons", "items": "items"}


def _sections(request):
    """The one-stop sections the user receives dossiers at; anyone else may not use the counter."""
    sections = counter_sections_of(user=request.user)
    if not sections:
        raise PermissionDenied
    return sections


def _section(request, sections):
    """The section the officer works at now: the one named in the URL (`noi`), else their first."""
    code = request.GET.get("noi") or request.POST.get("noi")
    return next((s for s in sections if s.code == code), sections[0])


def _draft(request, code: str):
    try:
        return counter_draft(agency_ids=[s.pk for s in _sections(request)], code=code)
    except DossierNotFound as error:
        raise Http404(code) from error


def _lane_today(procedure, agency, channel: str):
    return catalog.express_lane_for(procedure=procedure, agency=agency, channel=channel, moment=clock.now())


def _checklist(request, code: str) -> dict[str, str]:
    return dict(request.session.get(CHECKLISTS, {}).get(code, {}))


def _keep_checklist(request, code: str, ticks: dict[str, str] | None) -> None:
    kept = dict(request.session.get(CHECKLISTS, {}))
    if ticks is None:
        kept.pop(code, None)
    else:
        kept[code] = ticks
    request.session[CHECKLISTS] = kept


@login_required
def counter_start(request):
    """Step 1: the procedure, and the drafts entered here that are not finished yet."""
    sections = _sections(request)
    section = _section(request, sections)
    form = ProcedureSearchForm(request.GET or None)
    results = []
    if form.is_valid() and form.cleaned_data["q"]:
        found = catalog.procedures_search(query=form.cleaned_data["q"])[:SEARCH_RESULTS]
        results = [{"procedure": p, "lane": _lane_today(p, section, Channel.COUNTER)} for p in found]
    context = {
        "form": form,
        "sections": sections,
        "section": section,
        "results": results,
        "searched": form.is_bound and form.is_valid() and bool(form.cleaned_data["q"]),
        "drafts": list(counter_drafts_at(agency_ids=[s.pk for s in sections])[:DRAFTS_SHOWN]),
    }
    return render(request, "workspace/counter/start.html", context)


def _channels(version) -> list[str]:
    allowed = set(version.channels or [])
    return [
        c for c in OFFICER_CHANNELS if c in allowed or (c == Channel.HOME and version.home_service_eligible)
    ]


@login_required
def counter_new(request, procedure_code: str):
    """Step 2 for a new dossier: the applicant and the channel; saving makes the officer's draft."""
    sections = _sections(request)
    section = _section(request, sections)
    try:
        procedure = catalog.procedure_public(code=procedure_code)
    except ProcedureNotFound as error:
        raise Http404(procedure_code) from error
    channels = _channels(procedure.current_version)
    form = CounterApplicantForm(
        request.POST or None, channels=channels, initial={"channel": channels[0] if channels else None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_submit(
                actor=request.user,
                applicant=services.ApplicantData.from_values(form.cleaned_data),
                channel=form.cleaned_data["channel"],
                procedure_code=procedure.code,
                receiving_agency_code=section.code,
                on_behalf_consent=form.cleaned_data["consent"],
                draft=True,
            )
        except ApplicationError as error:
            place_error(form, error, APPLICANT_FIELD_OF, "name")
        else:
            return redirect("workspace:counter_documents", code=dossier.code)
    context = {
        "form": form,
        "procedure": procedure,
        "section": section,
        "lane": _lane_today(procedure, section, Channel.COUNTER),
        "dossier": None,
    }
    return render(request, "workspace/counter/applicant.html", context, status=400 if form.errors else 200)


@login_required
def counter_applicant(request, code: str):
    """Step 2 again, for a draft: the applicant's details corrected."""
    dossier = _draft(request, code)
    initial = {**CounterApplicantForm.initial_for(dossier), "consent": dossier.on_behalf_consent}
    form = CounterApplicantForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_draft_applicant_set(
                code=dossier.code,
                actor=request.user,
                version=_version_of(request),
                applicant=services.ApplicantData.from_values(form.cleaned_data),
                on_behalf_consent=form.cleaned_data["consent"],
            )
        except ApplicationError as error:
            place_error(form, error, APPLICANT_FIELD_OF, "name")
        else:
            return redirect("workspace:counter_documents", code=dossier.code)
    procedure = dossier.procedure_version.procedure
    context = {
        "form": form,
        "procedure": procedure,
        "section": dossier.receiving_agency,
        "lane": _lane_today(procedure, dossier.receiving_agency, dossier.channel),
        "dossier": dossier,
    }
    return render(request, "workspace/counter/applicant.html", context, status=400 if form.errors else 200)


@login_required
def counter_documents(request, code: str):
    """Step 3: the checklist (kept in the session) and the scans (attached to the draft as digitized)."""
    dossier = _draft(request, code)
    components = components_with_documents(dossier=dossier)
    uploads = {c.code: DocumentUploadForm(component_code=c.code) for c in components}
    checklist = ChecklistForm(
        initial=ChecklistForm.initial_for(components, _checklist(request, code)), components=components
    )
    status = 200
    if request.method == "POST" and "component" in request.POST:
        component = request.POST["component"]
        if component not in uploads:
            raise Http404(component)
        upload = DocumentUploadForm(request.POST, request.FILES, component_code=component)
        uploads[component] = upload
        if upload.is_valid():
            try:
                services.dossier_add_document(
                    code=dossier.code,
                    actor=request.user,
                    file=upload.cleaned_data["file"],
                    component_code=component,
                    source=Source.DIGITIZED,
                )
            except ApplicationError as error:
                place_error(upload, error, {}, "file")
            else:
                url = reverse("workspace:counter_documents", kwargs={"code": dossier.code})
                return redirect(f"{url}#c-{component}")
        status = 400
    elif request.method == "POST":
        checklist = ChecklistForm(request.POST, components=components)
        if checklist.is_valid():
            _keep_checklist(request, code, checklist.ticks())
            return redirect("workspace:counter_decision", code=dossier.code)
        status = 400
    for component in components:
        component.upload = uploads[component.code]
        component.choice = checklist[ChecklistForm.field_name(component)]
    context = {
        "dossier": dossier,
        "components": components,
        "upload_errors": [(c, e) for c in components for e in c.upload["file"].errors],
        "checklist": checklist,
    }
    return render(request, "workspace/counter/documents.html", context, status=status)


@login_required
def counter_decision(request, code: str):
    """Step 4: receive, guide to completion, or refuse; the officer's draft is submitted and decided at once."""
    dossier = _draft(request, code)
    ticks = _checklist(request, code)
    components = components_with_documents(dossier=dossier)
    for component in components:
        component.tick = ticks.get(component.code, "")
    unticked = [c for c in components if c.mandatory and not c.tick]
    form = DecisionForm(request.POST or None)
    digitization_missing: list[str] = []
    stale = False
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.dossier_counter_conclude(
                code=dossier.code,
                actor=request.user,
                version=_version_of(request),
                decision=data["decision"],
                note=data["note"],
                items=form.item_lines(),
                reasons=data["reasons"],
                held_on_paper=list(ticks),
            )
        except ApplicationError as error:
            if isinstance(error, DigitizationRequired):
                digitization_missing = list(error.details.get("missing", []))
            stale = isinstance(error, StaleVersion)
            status = error.status_code
            place_error(form, error, DECISION_FIELD_OF, "decision")
        else:
            _keep_checklist(request, code, None)
            return redirect("workspace:counter_done", code=dossier.code)
    procedure = dossier.procedure_version.procedure
    context = {
        "dossier": dossier,
        "form": form,
        "components": components,
        "ticks": ticks,
        "unticked": unticked,
        "lane": _lane_today(procedure, dossier.receiving_agency, dossier.channel),
        "digitization_missing": digitization_missing,
        "stale": stale,
    }
    return render(request, "workspace/counter/decision.html", context, status=status)


@login_required
def counter_done(request, code: str):
    """After the decision: the dossier code, the appointment and the form to print (01, 02 or 03)."""
    _sections(request)
    try:
        dossier = selectors.dossier_for(user=request.user, code=code)
    except DossierNotFound as error:
        raise Http404(code) from error
    if dossier.status == Status.DRAFT:
        return redirect("workspace:counter_decision", code=code)
    form_key = {Status.NEEDS_COMPLETION: "completion", Status.REFUSED: "refusal"}.get(
        dossier.status, "receipt"
    )
    context = {"dossier": dossier, "form_key": form_key}
    return render(request, "workspace/counter/done.html", context)
