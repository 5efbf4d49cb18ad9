"""Generate a large dossier table quickly (PostgreSQL only), for reading benchmarks.

    .venv/bin/python bench/generate_dossiers.py --count 1000000   # into a scratch database motcua_bench_queue

Rows are written with one INSERT ... SELECT over generate_series, in batches of 100,000, with their process steps
and their scope rows (who sees which dossier: motcua.dossiers.scope). From 200,000 rows on, the plain indexes
are dropped first and built once at the end (each from the loaded rows in one sorted pass, instead of keeping
twenty indexes current row by row). On the 2-core machine shared with other work (load average 9 to 17), a
million dossiers with their steps and scope rows took 6.5 minutes, a million dossier rows alone 3 minutes, and
ten million dossier rows about 45 minutes (docs/indicators.md). Every column the model declares is filled: the interesting ones (agency, assignee, status, moments) with
a realistic spread, the others with their model default, so the generator follows the model as it evolves.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402

# Share of each status among generated dossiers: most are finished, as in a real year of data.
# Order matters: the first 73 (returned, resolved) carry a resolved moment, the first 70 a returned one.
STATUS_SPREAD = [
    ("returned", 70),
    ("resolved", 3),
    ("in_progress", 16),
    ("received", 6),
    ("awaiting_supplement", 3),
    ("submitted", 1),
    ("refused", 1),
]


def build_fixture(*, agencies: int, officers_per_agency: int):
    """Agencies, officers and one procedure version to hang the dossiers on."""
    from motcua.accounts.models import Membership, Role, User
    from motcua.organization.models import AdministrativeUnit, Agency

    city, _ = AdministrativeUnit.objects.get_or_create(
        code="01", defaults={"name": "Thành phố Hà Nội", "level": AdministrativeUnit.Level.PROVINCE}
    )
    agency_rows = []
    for index in range(agencies):
        agency, _ = Agency.objects.get_or_create(
            code=f"BENCH{index:03d}",
            defaults={
                "name": f"Cơ quan đo {index}",
                "kind": Agency.Kind.COMMUNE_COMMITTEE,
                "administrative_unit": city,
                "receives_dossiers": True,
            },
        )
        agency_rows.append(agency)
    officers = []
    for agency in agency_rows:
        for index in range(officers_per_agency):
            user, created = User.objects.get_or_create(username=f"bench_{agency.code}_{index}")
            if created:
                Membership.objects.create(user=user, role=Role.SPECIALIST, agency=agency)
            officers.append(user)
    return agency_rows, officers, procedure_version(number=1, competent_agency=agency_rows[0])


def procedure_version(*, number: int, competent_agency):
    """Published version 1 of procedure BENCH.<number>, in a sector of its own (BENCH, then BENCH2, ...)."""
    from motcua.catalog.models import (
        AuthorityLevel,
        OnlineLevel,
        Procedure,
        ProcedureVersion,
        ResultForm,
        Sector,
    )

    suffix = "" if number == 1 else str(number)
    sector, _ = Sector.objects.get_or_create(
        code=f"BENCH{suffix}", defaults={"name": f"Đo hiệu năng {suffix}".strip()}
    )
    procedure, _ = Procedure.objects.get_or_create(
        code=f"BENCH.{number}",
        defaults={
            "sector": sector,
            "name": f"Thủ tục đo hiệu năng {number}",
            "authority_level": AuthorityLevel.COMMUNE,
        },
    )
    version, _ = ProcedureVersion.objects.get_or_create(
        procedure=procedure,
        number=1,
        defaults={
            "status": ProcedureVersion.Status.PUBLISHED,
            "name": procedure.name,
            "authority_level": AuthorityLevel.COMMUNE,
            "competent_agency": competent_agency,
            "processing_time_amount": 5,
            "online_level": OnlineLevel.FULL,
            "channels": ["online", "counter"],
            "result_form": ResultForm.BOTH,
        },
    )
    Procedure.objects.filter(pk=procedure.pk).update(current_version=version)
    return version


def catalog_procedures(*, count: int, agencies: list, sectors: int = 40) -> int:
    """A city's catalog beside the dossiers' procedures: `count` published procedures (CATALOG.<n>) over
    `sectors` sectors, each with a required document and a process step; half name a competent agency (round
    robin), half are every commune's (by kind); two in three are offered online, nine in ten published with
    complete data. Idempotent: the procedures present are kept. The number created."""
    from django.db import transaction

    from motcua.catalog.models import Procedure

    present = set(Procedure.objects.filter(code__startswith="CATALOG.").values_list("code", flat=True))
    numbers = [n for n in range(1, count + 1) if f"CATALOG.{n}" not in present]
    if not numbers:
        return 0
    with transaction.atomic():
        _catalog_rows(numbers, agencies=agencies, sectors=sectors)
    return len(numbers)


def _catalog_rows(numbers: list[int], *, agencies: list, sectors: int) -> None:
    from datetime import date
    from decimal import Decimal

    from motcua.catalog.models import (
        AuthorityLevel,
        OnlineLevel,
        Procedure,
        ProcedureVersion,
        ProcessStep,
        RequiredDocument,
        ResultForm,
        Sector,
    )
    from motcua.organization.models import Agency

    sector_rows = [
        Sector.objects.get_or_create(code=f"CATALOG{s}", defaults={"name": f"Lĩnh vực {s}"})[0]
        for s in range(1, sectors + 1)
    ]
    procedures = Procedure.objects.bulk_create(
        Procedure(
            code=f"CATALOG.{n}",
            sector=sector_rows[n % sectors],
            name=f"Thủ tục {n}",
            authority_level=AuthorityLevel.COMMUNE,
        )
        for n in numbers
    )
    versions = ProcedureVersion.objects.bulk_create(
        ProcedureVersion(
            procedure=procedure,
            number=1,
            status=ProcedureVersion.Status.PUBLISHED,
            name=procedure.name,
            authority_level=AuthorityLevel.COMMUNE,
            competent_agency=agencies[n % len(agencies)] if n % 2 else None,
            competent_agency_kind="" if n % 2 else Agency.Kind.COMMUNE_COMMITTEE,
            processing_time_amount=5,
            online_level=OnlineLevel.NONE if n % 3 == 0 else OnlineLevel.FULL,
            channels=["online", "counter"],
            result_form=ResultForm.BOTH,
            result_name="" if n % 10 == 0 else "Giấy chứng nhận",
            legal_basis=f"Quyết định {n}/QĐ-UBND",
            effective_from=date(2025, 7, 1),
        )
        for n, procedure in zip(numbers, procedures, strict=True)
    )
    RequiredDocument.objects.bulk_create(
        RequiredDocument(version=version, code="TP1", name="Tờ khai") for version in versions
    )
    ProcessStep.objects.bulk_create(
        ProcessStep(version=version, order=1, name="Giải quyết", role="specialist", time_budget=Decimal(5))
        for version in versions
    )
    for procedure, version in zip(procedures, versions, strict=True):
        procedure.current_version = version
    Procedure.objects.bulk_update(procedures, ["current_version"], batch_size=1000)


def _literal(field) -> str:

    default = field.get_default()
    if default is None:
        return "NULL"
    if isinstance(default, bool):
        return "TRUE" if default else "FALSE"
    if isinstance(default, int | float):
        return str(default)
    if isinstance(default, list | dict):
        return f"'{json.dumps(default)}'::jsonb"
    return "'" + str(default).replace("'", "''") + "'"


def insert_dossiers(
    *,
    count: int,
    agency_ids: list[int],
    officer_ids: list[int],
    version_id: int | Sequence[int],
    batch: int,
    busy_share: int = 10,
    progress: Callable[[int], None] | None = None,
    steps_and_scope: bool = True,
) -> None:
    """`count` dossiers, their process steps and their scope rows (motcua.dossiers.scope).

    `busy_share` per cent of the dossiers are received at (and handled by) the first agency, the busy one; the
    rest round-robin over all agencies. One in four is received at one agency for another competent agency
    (receiving regardless of boundary, or a department's procedure at the city centre). Received dossiers
    have one step at the competent agency, and one in ten a second step at a third agency (interconnected).
    Without `steps_and_scope`, only the dossier rows (for benchmarks that read nothing else)."""
    from django.db import connection

    from motcua.dossiers.models import Dossier, DossierAgency, Step

    # A pseudo-random share per row (sh), independent of the agency and officer round-robins, and the moment of
    # receipt (rcv) are computed once per row in an inner query (OFFSET 0 keeps the planner from copying their
    # expressions into every column that uses them): most of the cost of a row is in computing its values.
    SHARE = "sh"
    buckets = []
    upper = 0
    for status, share in STATUS_SPREAD:
        upper += share
        buckets.append((upper, status))
    status_case = (
        "CASE " + " ".join(f"WHEN {SHARE} < {upper} THEN '{status}'" for upper, status in buckets) + " END"
    )
    agencies = "(ARRAY[" + ",".join(map(str, agency_ids)) + "])"
    officers = "(ARRAY[" + ",".join(map(str, officer_ids)) + "])"
    n = len(agency_ids)
    receiving = f"CASE WHEN g %% 100 < {busy_share} THEN {agencies}[1] ELSE {agencies}[1 + g %% {n}] END"
    competent = f"CASE WHEN g %% 4 = 3 THEN {agencies}[1 + (g / 4) %% {n}] ELSE {receiving} END"
    # Moments spread over the last 360 days; due 5 working days (about a week) after receipt.
    # The day and the procedure (hence the sector) come from a second hash, so that every agency has dossiers
    # on every day in every sector, as in real life (the daily counts then have one row per agency, sector
    # and day, about 140 x 360 x sectors, as many as a real year has).
    versions = [version_id] if isinstance(version_id, int) else list(version_id)
    base = (
        "SELECT g, sh, h2, now() - (h2 %% 360) * interval '1 day' - (g %% 480) * interval '1 minute' AS rcv "
        f"FROM (SELECT g, abs(hashtext(g::text)) %% 100 AS {SHARE}, abs(hashtext('day' || g)) AS h2 "
        "FROM generate_series(%s, %s) AS g OFFSET 0) AS h OFFSET 0"
    )
    received = "rcv"
    # Resolved 0 to 8 days after receipt, but never after now: no moment of the history lies in the future.
    handling_days = f"LEAST(g %% 9, floor(extract(epoch FROM now() - {received}) / 86400))"
    expressions = {
        "code": "'BENCH' || lpad(g::text, 8, '0')",
        "procedure_version_id": "(ARRAY["
        + ",".join(map(str, versions))
        + f"])[1 + (h2 / 360) %% {len(versions)}]",
        "applicant_name": "'Nguyễn Văn ' || g",
        "channel": "CASE WHEN g %% 3 = 0 THEN 'counter' ELSE 'online' END",
        "receiving_agency_id": "recv",
        "competent_agency_id": "comp",
        "current_agency_id": "CASE WHEN st IN ('submitted', 'refused') THEN recv ELSE comp END",
        "assignee_id": f"{officers}[1 + g %% {len(officer_ids)}]",
        "status": "st",
        "submitted_at": received,
        "received_at": received,
        "started_at": received,
        "due_at": f"{received} + interval '7 days' + (g %% 7) * interval '1 hour'",
        "resolved_at": f"CASE WHEN {SHARE} < 73 THEN {received} + {handling_days} * interval '1 day' END",
        "returned_at": f"CASE WHEN {SHARE} < 70 THEN {received} + {handling_days} * interval '1 day' END",
        "lookup_secret": "md5(g::text)",
        "created_at": received,
        "time_kind": "'working_days'",
        "time_amount": "5",
    }
    columns, values = [], []
    for field in Dossier._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.column in expressions:
            values.append(expressions[field.column])
        elif field.attname in expressions:
            values.append(expressions[field.attname])
        else:
            values.append(_literal(field))
    sql = (
        f"INSERT INTO {Dossier._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM (SELECT g, {SHARE}, h2, rcv, {status_case} AS st, {receiving} AS recv, "
        f"{competent} AS comp FROM ({base}) AS b OFFSET 0) AS s"
    )
    # Steps of received dossiers: g is the dossier's number in its code.
    step_expressions = {
        "dossier_id": "d.id",
        "order": "o",
        "name": "CASE WHEN o = 1 THEN 'Thẩm định' ELSE 'Liên thông' END",
        "agency_id": f"CASE WHEN o = 1 THEN d.competent_agency_id ELSE {agencies}[1 + (d.id / 10) %% {n}] END",
        "role": "'specialist'",
        "time_budget": "2",
        "started_at": "d.received_at",
        "due_at": "d.due_at",
        "finished_at": "CASE WHEN d.resolved_at IS NOT NULL THEN d.resolved_at END",
    }
    step_columns, step_values = [], []
    for field in Step._meta.concrete_fields:
        if field.primary_key:
            continue
        step_columns.append(connection.ops.quote_name(field.column))
        step_values.append(step_expressions.get(field.column, _literal(field)))
    step_sql = (
        f"INSERT INTO {Step._meta.db_table} ({', '.join(step_columns)}) "
        f"SELECT {', '.join(step_values)} FROM {Dossier._meta.db_table} AS d "
        "CROSS JOIN generate_series(1, 2) AS o "
        "WHERE d.id BETWEEN %s AND %s AND d.status NOT IN ('submitted', 'refused') "
        "AND (o = 1 OR d.id %% 10 = 0)"
    )
    # The same rule as the data migration that fills the scope rows of existing dossiers.
    dossier_table, step_table = Dossier._meta.db_table, Step._meta.db_table
    scope_sql = (
        f"INSERT INTO {DossierAgency._meta.db_table} (agency_id, dossier_id) "
        f"SELECT receiving_agency_id, id FROM {dossier_table} WHERE id BETWEEN %s AND %s "
        f"UNION SELECT competent_agency_id, id FROM {dossier_table} WHERE id BETWEEN %s AND %s "
        f"UNION SELECT current_agency_id, id FROM {dossier_table} WHERE id BETWEEN %s AND %s "
        f"UNION SELECT agency_id, dossier_id FROM {step_table} WHERE dossier_id BETWEEN %s AND %s "
        "ON CONFLICT DO NOTHING"
    )
    tables = [dossier_table, step_table, DossierAgency._meta.db_table] if steps_and_scope else [dossier_table]
    with connection.cursor() as cursor:
        # A scratch database: a lost last transaction on a crash costs nothing, and index builds may use memory.
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute(f"SELECT count(*) FROM {Dossier._meta.db_table}")
        start = cursor.fetchone()[0] + 1
        done = 0
        with secondary_indexes_deferred(cursor, tables=tables if count >= DEFER_INDEXES_FROM else []):
            for first in range(start, start + count, batch):
                cursor.execute(f"SELECT coalesce(max(id), 0) FROM {dossier_table}")
                low = cursor.fetchone()[0] + 1
                cursor.execute(sql, [first, min(first + batch, start + count) - 1])
                cursor.execute(f"SELECT max(id) FROM {dossier_table}")
                high = cursor.fetchone()[0]
                if steps_and_scope:
                    cursor.execute(step_sql, [low, high])
                    cursor.execute(scope_sql, [low, high] * 4)
                done += high - low + 1
                if progress:
                    progress(done)
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {table}")
        # The small tables too: without statistics (a server with autovacuum off never gathers them) PostgreSQL
        # plans joins to the users or agencies as scans of a table it believes empty.
        cursor.execute("ANALYZE")


# From this many rows on, the plain indexes are built once after the load rather than kept up to date row by
# row: the dossier table has about twenty, and keeping them all current makes a million rows take many minutes.
DEFER_INDEXES_FROM = 200_000


def progress_printer(*, every: int = 1_000_000) -> Callable[[int], None]:
    """Prints the dossiers written so far and the seconds taken, every `every` dossiers."""
    began, due = time.perf_counter(), [every]

    def report(done: int) -> None:
        if done >= due[0]:
            print(f"  {done:,} dossiers written in {time.perf_counter() - began:,.0f} s", flush=True)
            due[0] = done + every

    return report


@contextlib.contextmanager
def secondary_indexes_deferred(cursor, *, tables: list[str]) -> Iterator[None]:
    """Drop the indexes of `tables` that back no constraint (primary keys and unique constraints stay, and so
    do the lookups that need them), then build them again, each from the loaded rows in one sorted pass."""
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index AS i "
        "WHERE i.indrelid = ANY(%s::regclass[]) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)",
        [tables],
    )
    definitions = cursor.fetchall()
    for name, _definition in definitions:
        cursor.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        for _name, definition in definitions:
            cursor.execute(definition)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--database", default="motcua_bench_queue")
    parser.add_argument("--agencies", type=int, default=140)
    parser.add_argument("--officers-per-agency", type=int, default=5)
    parser.add_argument(
        "--busy-share", type=int, default=10, help="per cent of the dossiers at the first (busy) agency"
    )
    args = parser.parse_args()
    url = harness.fresh_database(args.database)
    harness.setup_django(url)
    harness.migrate()
    agencies, officers, version = build_fixture(
        agencies=args.agencies, officers_per_agency=args.officers_per_agency
    )
    began = time.perf_counter()
    insert_dossiers(
        count=args.count,
        agency_ids=[a.pk for a in agencies],
        officer_ids=[o.pk for o in officers],
        version_id=version.pk,
        batch=100_000,
        busy_share=args.busy_share,
        progress=progress_printer(),
    )
    print(f"{args.count:,} dossiers in {time.perf_counter() - began:.1f} s into {url}")


if __name__ == "__main__":
    main()
