"""Generate a large dossier table quickly (PostgreSQL only), for reading benchmarks.

    .venv/bin/python bench/generate_dossiers.py --count 1000000   # into a scratch database motcua_bench_queue

Rows are written with one INSERT ... SELECT over generate_series, in batches, so a million dossiers take about a
minute. Every column the model declares is filled: the interesting ones (agency, assignee, status, moments) with
a realistic spread, the others with their model default, so the generator follows the model as it evolves.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
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
    from motcua.catalog.models import (
        AuthorityLevel,
        OnlineLevel,
        Procedure,
        ProcedureVersion,
        ResultForm,
        Sector,
    )
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
    sector, _ = Sector.objects.get_or_create(code="BENCH", defaults={"name": "Đo hiệu năng"})
    procedure, _ = Procedure.objects.get_or_create(
        code="BENCH.1",
        defaults={
            "sector": sector,
            "name": "Thủ tục đo hiệu năng",
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
            "competent_agency": agency_rows[0],
            "processing_time_amount": 5,
            "online_level": OnlineLevel.FULL,
            "channels": ["online", "counter"],
            "result_form": ResultForm.BOTH,
        },
    )
    Procedure.objects.filter(pk=procedure.pk).update(current_version=version)
    return agency_rows, officers, version


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
    *, count: int, agency_ids: list[int], officer_ids: list[int], version_id: int, batch: int
) -> None:
    from django.db import connection

    from motcua.dossiers.models import Dossier

    # A pseudo-random share per row, independent of the agency and officer round-robins.
    SHARE = "(abs(hashtext(g::text)) %% 100)"
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
    # Moments spread over the last 360 days; due 5 working days (about a week) after receipt.
    received = "(now() - ((g %% 360) || ' days')::interval - ((g %% 480) || ' minutes')::interval)"
    expressions = {
        "code": "'BENCH' || lpad(g::text, 8, '0')",
        "procedure_version_id": str(version_id),
        "applicant_name": "'Nguyễn Văn ' || g",
        "channel": "CASE WHEN g %% 3 = 0 THEN 'counter' ELSE 'online' END",
        "receiving_agency_id": f"{agencies}[1 + g %% {len(agency_ids)}]",
        "competent_agency_id": f"{agencies}[1 + g %% {len(agency_ids)}]",
        "current_agency_id": f"{agencies}[1 + g %% {len(agency_ids)}]",
        "assignee_id": f"{officers}[1 + g %% {len(officer_ids)}]",
        "status": status_case,
        "submitted_at": received,
        "received_at": received,
        "started_at": received,
        "due_at": f"{received} + interval '7 days' + ((g %% 7) || ' hours')::interval",
        "resolved_at": f"CASE WHEN {SHARE} < 73 THEN {received} + ((g %% 9) || ' days')::interval END",
        "returned_at": f"CASE WHEN {SHARE} < 70 THEN {received} + ((g %% 9) || ' days')::interval END",
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
        f"SELECT {', '.join(values)} FROM generate_series(%s, %s) AS g"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {Dossier._meta.db_table}")
        start = cursor.fetchone()[0] + 1
        for first in range(start, start + count, batch):
            cursor.execute(sql, [first, min(first + batch, start + count) - 1])
        cursor.execute(f"ANALYZE {Dossier._meta.db_table}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--database", default="motcua_bench_queue")
    parser.add_argument("--agencies", type=int, default=140)
    parser.add_argument("--officers-per-agency", type=int, default=5)
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
    )
    print(f"{args.count:,} dossiers in {time.perf_counter() - began:.1f} s into {url}")


if __name__ == "__main__":
    main()
