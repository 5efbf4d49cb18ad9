from django.db import connection
from django.db.models import QuerySet

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
