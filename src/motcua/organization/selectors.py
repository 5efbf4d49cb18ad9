from django.db.models import QuerySet

from .models import Agency


def agencies_receiving() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True, receives_dossiers=True).select_related("administrative_unit")


def agency_by_code(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first()
