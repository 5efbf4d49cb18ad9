"""Reading home-service requests, scoped: a citizen sees their own, a receiving officer those sent to their
one-stop section; any other id is a 404 (`home_service_request_not_found`)."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.accounts.models import User

from . import workflow
from .errors import HomeServiceRequestNotFound
from .models import HomeServiceRequest, HomeServiceStatus

_RELATED = ("procedure_version__procedure", "receiving_agency", "address_unit", "dossier")


def home_requests_of_applicant(*, user: User) -> QuerySet[HomeServiceRequest]:
    if not user.is_authenticated:
        return HomeServiceRequest.objects.none()
    return HomeServiceRequest.objects.filter(applicant_id=user.pk).select_related(*_RELATED).order_by("-id")


def home_request_of_applicant(*, user: User, request_id: int) -> HomeServiceRequest:
    row = home_requests_of_applicant(user=user).filter(pk=request_id).first()
    if row is None:
        raise HomeServiceRequestNotFound(details={"request": request_id})
    return row


def home_requests_at(*, user: User, status: str = "") -> QuerySet[HomeServiceRequest]:
    """The requests sent to the officer's one-stop sections, open ones first by preferred date, then the rest
    newest first; `status` narrows them to one status."""
    agencies = workflow.home_request_agencies(user)
    rows = HomeServiceRequest.objects.select_related(*_RELATED)
    if agencies is not None:
        rows = rows.filter(receiving_agency_id__in=agencies)
    if status in HomeServiceStatus.values:
        rows = rows.filter(status=status)
    return (
        rows.order_by("preferred_date", "id")
        if status in ("requested", "scheduled")
        else rows.order_by("-id")
    )


def home_request_for_officer(*, user: User, request_id: int) -> HomeServiceRequest:
    row = home_requests_at(user=user).filter(pk=request_id).first()
    if row is None:
        raise HomeServiceRequestNotFound(details={"request": request_id})
    return row
