"""Reads for the online submission form: an applicant's drafts and what each draft already holds."""

from __future__ import annotations

from django.db.models import QuerySet, prefetch_related_objects

from motcua.accounts.models import User

from .errors import DossierNotFound
from .models import Dossier, Event, EventKind, Status


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
