"""Reads for the submission forms (online, and the counter's): the drafts and what each draft already holds."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, prefetch_related_objects

from motcua.accounts.models import Role, User
from motcua.catalog.models import Channel, RequiredDocument
from motcua.organization.models import Agency

from . import workflow
from .errors import DossierNotFound
from .guards import missing_required_documents
from .models import Dossier, Event, EventKind, Status

# The steps of the online form whose saving is recorded on the trail (payload "step").
STEP_APPLICANT = "applicant"
STEP_RESULT_DELIVERY = "result_delivery"
# Saved when the applicant chooses to pay the fees at the counter when the dossier is received (paying online
# is a payment, recorded by its own "paid" event).
STEP_FEE_AT_COUNTER = "fee_at_counter"


def drafts_of_applicant(*, user: User, procedure_code: str | None = None) -> QuerySet[Dossier]:
    """The person's own drafts (newest first), of one procedure when asked."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    drafts = Dossier.objects.filter(applicant=user, status=Status.DRAFT)
    if procedure_code is not None:
        drafts = drafts.filter(procedure_version__procedure__code=procedure_code)
    return drafts.select_related("procedure_version__procedure").order_by("-pk")


def dossier_of_owner(*, user: User, code: str) -> Dossier:
    """One of the person's own dossiers, with its procedure version, its required components and documents;
    any other code is 'not found'."""
    dossier = (
        Dossier.objects.filter(applicant=user, code=code)
        .select_related("procedure_version__procedure", "receiving_agency")
        .first()
        if user.is_authenticated
        else None
    )
    if dossier is None or dossier.procedure_version_id is None:
        raise DossierNotFound(details={"code": code})
    prefetch_related_objects([dossier], "documents", "procedure_version__documents")
    return dossier


def draft_steps_saved(*, dossier: Dossier) -> set[str]:
    """The steps of the online form the applicant has saved on this draft (from its "drafted" events)."""
    payloads = Event.objects.filter(dossier=dossier, kind=EventKind.DRAFTED).values_list("payload", flat=True)
    return {p.get("step") for p in payloads if isinstance(p, dict) and p.get("step")}


@dataclass(frozen=True)
class DraftGaps:
    """What an online draft still lacks before it can be sent. The one rule for the online form's check page
    and the API's `submit` action."""

    applicant: bool  # the applicant's details not confirmed, or no phone or email to hear about the dossier
    documents: tuple[RequiredDocument, ...]  # mandatory components without a document
    result_delivery: bool  # no way of receiving the result chosen
    steps_saved: frozenset[str] = frozenset()  # the form's steps saved on the draft

    def __bool__(self) -> bool:
        return self.applicant or bool(self.documents) or self.result_delivery

    def codes(self) -> list[str]:
        gaps = [STEP_APPLICANT] if self.applicant else []
        if self.documents:
            gaps.append("documents")
        if self.result_delivery:
            gaps.append(STEP_RESULT_DELIVERY)
        return gaps


def draft_gaps(*, dossier: Dossier) -> DraftGaps:
    """What the online draft still lacks: the applicant's details confirmed (a step saved on the form, or given
    with the draft through the API) with a phone or an email address, a document for each mandatory component,
    and the way of receiving the result."""
    saved = draft_steps_saved(dossier=dossier)
    reachable = bool(dossier.applicant_phone or dossier.applicant_email)
    return DraftGaps(
        applicant=STEP_APPLICANT not in saved or not reachable,
        documents=tuple(missing_required_documents(dossier)),
        result_delivery=not dossier.result_delivery,
        steps_saved=frozenset(saved),
    )


def components_with_documents(*, dossier: Dossier) -> list:
    """The version's required components, each with the documents already attached to
    it (`attached`)."""
    by_component: dict[str, list] = {}
    for document in dossier.documents.all():
        by_component.setdefault(document.component_code, []).append(document)
    components = list(dossier.procedure_version.documents.all())
    for component in components:
        component.attached = by_component.get(component.code, [])
    return components


def counter_drafts_at(*, agency_ids: list[int]) -> QuerySet[Dossier]:
    """The drafts receiving officers entered at these one-stop sections (counter, post, home), newest first."""
    return (
        Dossier.objects.filter(
            receiving_agency_id__in=agency_ids, status=Status.DRAFT, applicant__isnull=True
        )
        .exclude(channel=Channel.ONLINE)
        .select_related("procedure_version__procedure")
        .order_by("-pk")
    )


def counter_draft(*, agency_ids: list[int], code: str) -> Dossier:
    """One counter draft of these sections, with its components and documents; anything else is 'not found'."""
    dossier = counter_drafts_at(agency_ids=agency_ids).filter(code=code).first()
    if dossier is None or dossier.procedure_version_id is None:
        raise DossierNotFound(details={"code": code})
    prefetch_related_objects([dossier], "documents", "procedure_version__documents")
    return dossier


def counter_sections_of(*, user: User) -> list[Agency]:
    """The one-stop sections where the user is a receiving officer (the counters they may enter dossiers at)."""
    ids = {agency for role, agency in workflow.grants_of(user).pairs if role == Role.RECEIVING_OFFICER}
    ids.discard(None)
    return list(Agency.objects.filter(pk__in=ids, receives_dossiers=True).order_by("code"))
