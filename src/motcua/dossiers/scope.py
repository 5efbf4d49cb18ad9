"""Which agencies see a dossier: one scope row (agency, dossier) for each agency with a hand in it.

An agency sees a dossier when it received it, is competent for it, holds it now or held it before, or has a
step of its process. Rather than testing those four columns and searching the steps on every read (an OR with
an EXISTS, which no index serves), the rule is kept as rows in DossierAgency, written when a dossier gains an
agency and never removed:
- at submission: the receiving and the competent agency (the current one is the receiving one);
- at receipt: each step's agency;
- whenever the current agency changes (a forward, the next step, back to the competent agency at the end).

The services call `include` after such a change; the selectors read the rows through `dossier_ids_seen_by`, so
lists, the detail, events, documents and actions all scope by the one rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet

from .models import Dossier, DossierAgency, Step


def include(*, dossiers: Iterable[Dossier] = (), steps: Iterable[Step] = ()) -> None:
    """Give sight of each dossier to its receiving, competent and current agency, and of each step's dossier to
    the step's agency. One multi-row INSERT; rows already there are skipped (ON CONFLICT DO NOTHING), so calling
    it again after any change is harmless."""
    rows: set[tuple[int, int]] = set()
    for dossier in dossiers:
        for agency_id in (
            dossier.receiving_agency_id,
            dossier.competent_agency_id,
            dossier.current_agency_id,
        ):
            if agency_id is not None:
                rows.add((agency_id, dossier.pk))
    for step in steps:
        rows.add((step.agency_id, step.dossier_id))
    if not rows:
        return
    # Inserted in key order: two transactions adding rows for the same dossiers take their index locks in the
    # same order and cannot deadlock.
    ordered = sorted(rows)
    table = connection.ops.quote_name(DossierAgency._meta.db_table)  # identifiers from the model, no input
    placeholders = ", ".join(["(%s, %s)"] * len(ordered))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, dossier_id) VALUES {placeholders} "  # noqa: S608
            "ON CONFLICT DO NOTHING",
            [value for row in ordered for value in row],
        )


def dossier_ids_seen_by(agency_ids: Iterable[int]) -> QuerySet[DossierAgency]:
    """The ids of the dossiers the agencies see (a subquery for `pk__in`); read off the primary key
    (agency, dossier), in dossier order within each agency."""
    agency_ids = sorted(set(agency_ids))
    if len(agency_ids) == 1:
        rows = DossierAgency.objects.filter(agency_id=agency_ids[0])
    else:
        rows = DossierAgency.objects.filter(agency_id__in=agency_ids)
    return rows.values("dossier_id")


def seen_by(*, dossier: Dossier, agency_ids: Iterable[int]) -> bool:
    """Whether any of the agencies sees the dossier."""
    agency_ids = list(agency_ids)
    if not agency_ids:
        return False
    return DossierAgency.objects.filter(dossier_id=dossier.pk, agency_id__in=agency_ids).exists()
