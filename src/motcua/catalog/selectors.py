"""Reads of the catalog: the version in force, express lanes, the competent agency, fees, search."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet, Sum
from django.utils import translation

from motcua.core import clock
from motcua.organization.models import AdministrativeUnit, Agency

from .errors import CompetentAgencyNotFound, ProcedureNotFound
from .models import Channel, ExpressLane, Procedure, ProcedureVersion


def procedure_version_in_force(*, procedure_code: str) -> ProcedureVersion:
    """The current published version of an active procedure; raises ProcedureNotFound otherwise."""
    version = (
        ProcedureVersion.objects.select_related("procedure", "procedure__sector", "competent_agency")
        .filter(
            procedure__code=procedure_code,
            procedure__is_active=True,
            status=ProcedureVersion.Status.PUBLISHED,
        )
        .first()
    )
    if version is None:
        raise ProcedureNotFound.for_code(procedure_code)
    return version


def express_lane_for(
    *, procedure: Procedure, agency: Agency, channel: str, moment: datetime
) -> ExpressLane | None:
    """The express lane that applies to a dossier received at `agency` by `channel` at `moment`, if any.

    The weekday and the effective dates are read in Asia/Ho_Chi_Minh. A lane at this agency wins over a lane
    that applies everywhere (agency left empty).
    """
    local = clock.to_local(moment)
    day = local.date()
    lanes = ExpressLane.objects.filter(procedure=procedure, is_active=True).filter(
        Q(agency=agency) | Q(agency__isnull=True),
        Q(effective_from__isnull=True) | Q(effective_from__lte=day),
        Q(effective_to__isnull=True) | Q(effective_to__gte=day),
    )
    if channel != Channel.COUNTER:
        lanes = lanes.filter(counter_only=False)
    # weekdays is a JSON list; filtering it in Python keeps SQLite and PostgreSQL identical.
    matching = [
        lane for lane in lanes.order_by("agency_id", "working_minutes") if local.weekday() in lane.weekdays
    ]
    specific = [lane for lane in matching if lane.agency_id == agency.pk]
    return (specific or matching or [None])[0]


def _agency_of_kind(kind: str, unit: AdministrativeUnit | None) -> Agency | None:
    while unit is not None:
        found = list(Agency.objects.filter(kind=kind, administrative_unit=unit, is_active=True)[:2])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None  # ambiguous: the version must name its agency
        unit = unit.parent
    return None


def competent_agency_for(
    *,
    version: ProcedureVersion,
    applicant_unit: AdministrativeUnit | None = None,
    receiving_agency: Agency | None = None,
) -> Agency:
    """Who decides: the version's named agency, else the agency of its kind for the applicant's area.

    With only an agency kind (e.g. "every commune People's Committee for its own area") the applicant's
    administrative unit decides; without it, the receiving agency's unit. A province-level kind found in a
    commune's parent also counts (a department for a ward resident).
    """
    if version.competent_agency_id:
        return version.competent_agency
    kind = version.competent_agency_kind
    if kind:
        for unit in (applicant_unit, receiving_agency.administrative_unit if receiving_agency else None):
            agency = _agency_of_kind(kind, unit)
            if agency is not None:
                return agency
    with translation.override("vi"):
        kind_label = str(Agency.Kind(kind).label) if kind in Agency.Kind.values else "?"
    raise CompetentAgencyNotFound(
        f"Không xác định được cơ quan có thẩm quyền ({kind_label}) cho thủ tục {version.procedure.code} "
        "tại địa bàn của người nộp hoặc nơi tiếp nhận.",
        f"No competent agency ({kind or 'none'}) was found for procedure {version.procedure.code} "
        "in the applicant's or the receiving agency's area.",
        details={"procedure_code": version.procedure.code, "competent_agency_kind": kind},
    )


def fee_total(*, version: ProcedureVersion) -> int:
    """The sum of the version's fee lines, in đồng."""
    return int(version.fees.aggregate(total=Sum("amount"))["total"] or 0)


def procedures_published() -> QuerySet[Procedure]:
    return Procedure.objects.filter(is_active=True, current_version__isnull=False).select_related(
        "sector", "current_version", "current_version__competent_agency"
    )
