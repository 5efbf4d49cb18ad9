from django.db import connection
from django.db.models import QuerySet

from motcua.core.errors import ValidationFailed
from motcua.core.row_read import model_columns, read_rows

from .models import AdministrativeUnit, Agency


def agencies_receiving() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True, receives_dossiers=True).select_related("administrative_unit")


def agency_by_code(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first()


# The two reads below run for every submission that names its receiving agency or whose competent agency
# depends on the area: one plain statement each, no query compiling.


def active_agency_with_unit(code: str) -> Agency | None:
    """The active agency with this code, its administrative unit read in the same statement."""
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {model_columns(Agency, 'a', connection)}, {model_columns(AdministrativeUnit, 'u', connection)} "  # noqa: S608
        f"FROM {quote(Agency._meta.db_table)} a "
        f"JOIN {quote(AdministrativeUnit._meta.db_table)} u ON u.id = a.administrative_unit_id "
        "WHERE a.code = %s AND a.is_active"
    )
    rows = read_rows((Agency, AdministrativeUnit), sql, [code])
    if not rows:
        return None
    agency, unit, _ = rows[0]
    agency._state.fields_cache["administrative_unit"] = unit
    return agency


def active_agencies_of_kind(kind: str, unit_id: int, *, limit: int = 2) -> list[Agency]:
    """Active agencies of `kind` for the administrative unit, at most `limit` (two tell whether one is alone)."""
    sql = (
        f"SELECT {model_columns(Agency, 'a', connection)} FROM {connection.ops.quote_name(Agency._meta.db_table)} a "  # noqa: S608
        "WHERE a.kind = %s AND a.administrative_unit_id = %s AND a.is_active ORDER BY a.id LIMIT %s"
    )
    return [agency for agency, _ in read_rows(Agency, sql, [kind, unit_id, limit])]


def _with_unit(pk: int) -> Agency | None:
    return Agency.objects.select_related("administrative_unit").filter(pk=pk, is_active=True).first()


def _service_centre_of(unit_id: int) -> list[Agency]:
    return list(
        Agency.objects.select_related("administrative_unit")
        .filter(
            administrative_unit_id=unit_id,
            kind=Agency.Kind.SERVICE_CENTRE,
            receives_dossiers=True,
            is_active=True,
        )
        .order_by("id")[:2]
    )


def one_stop_section_for(agency: Agency) -> Agency:
    """The one-stop section that receives dossiers for `agency` (DOMAIN.md §3.3).

    The section the organization data names; else the agency itself if it receives dossiers; else the one
    service centre of the agency's administrative unit, else of the parent unit (a commune without its own
    centre is served by the city's). Never an agency without receiving officers: when none is found (or two
    centres share the area and the data names neither), ValidationFailed names the agency.
    """
    if agency.one_stop_section_id:
        if agency.one_stop_section_id == agency.pk and agency.receives_dossiers and agency.is_active:
            return agency
        section = _with_unit(agency.one_stop_section_id)
        if section is not None and section.receives_dossiers:
            return section
    elif agency.receives_dossiers and agency.is_active:
        return agency
    unit = agency.administrative_unit
    while unit is not None:
        centres = _service_centre_of(unit.pk)
        if len(centres) == 1:
            return centres[0]
        if len(centres) > 1:
            break  # ambiguous: the organization data must name the section
        unit = unit.parent
    raise ValidationFailed(
        f"Chưa xác định được bộ phận một cửa tiếp nhận hồ sơ của {agency.name} ({agency.code}): "
        "hãy khai báo bộ phận một cửa của cơ quan này trong dữ liệu tổ chức.",
        f"No one-stop section receives dossiers for {agency.name_en or agency.name} ({agency.code}): "
        "name the agency's one-stop section in the organization data.",
        code="one_stop_section_not_found",
        details={"agency": agency.code},
    )


def agencies_served_by(section: Agency) -> QuerySet[Agency]:
    """The agencies whose organization data names `section` as their one-stop section (itself excluded)."""
    return Agency.objects.filter(one_stop_section=section).exclude(pk=section.pk).order_by("code")


def communes_and_wards() -> QuerySet[AdministrativeUnit]:
    """The units an address names since 1 July 2025 (communes, wards, special zones), by name."""
    return (
        AdministrativeUnit.objects.exclude(level=AdministrativeUnit.Level.PROVINCE)
        .select_related("parent")
        .order_by("name", "code")
    )
