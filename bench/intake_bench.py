"""Intake throughput through the HTTP API (gunicorn on 127.0.0.1, PostgreSQL, wrk), against two baselines.

    .venv/bin/python bench/intake_bench.py               # 15 s per case, 16 connections
    .venv/bin/python bench/intake_bench.py --duration 5  # quicker

Cases, all in one run on a scratch database:
1. Motcua online submission: POST /api/v1/dossiers/ by a citizen with a bearer token and an Idempotency-Key
   (authentication, validation of the personal ID and phone, idempotency record, per-agency daily code,
   hash-chained event, outbox row).
2. The same online submissions spread over 20 communes: each agency has its own gap-free daily code counter,
   so case 1 (one agency) is the worst case, where every submission waits for the previous one's commit.
3. Motcua counter intake: the same by a receiving officer with "receive": true (adds the working-calendar due
   moment, the process steps and the receipt event).
4. Baseline A: a bare DRF endpoint that only inserts one dossier row and one event row (bench/bare_urls.py).
5. Baseline B: the same two inserts in raw SQL through pgbench (no HTTP, no Python).
Target: Motcua online intake at no less than half of baseline A's rate.

SPREAD_AGENCIES communes are created for case 2, each with its People's Committee receiving online dossiers for a
commune-level procedure (competent agency: the commune's own committee).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402

HERE = Path(__file__).resolve().parent
SPREAD_AGENCIES = 20


def build_fixture():
    from decimal import Decimal

    from motcua.accounts.models import Membership, Role, User
    from motcua.accounts.services import api_token_issue
    from motcua.catalog.models import (
        AuthorityLevel,
        OnlineLevel,
        Procedure,
        ProcedureVersion,
        ProcessStep,
        ResultForm,
        Sector,
    )
    from motcua.organization.models import AdministrativeUnit, Agency

    city = AdministrativeUnit.objects.create(code="01", name="Thành phố Hà Nội", level="province")
    ward = AdministrativeUnit.objects.create(code="00004", name="Phường Ba Đình", level="ward", parent=city)
    committee = Agency.objects.create(
        code="BD.UBND",
        name="Ủy ban nhân dân phường Ba Đình",
        kind="commune_committee",
        administrative_unit=ward,
        receives_dossiers=True,
    )
    sector = Sector.objects.create(code="HT", name="Hộ tịch")
    procedure = Procedure.objects.create(
        code="1.001193", sector=sector, name="Đăng ký khai sinh", authority_level=AuthorityLevel.COMMUNE
    )
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=1,
        status=ProcedureVersion.Status.PUBLISHED,
        name=procedure.name,
        authority_level=AuthorityLevel.COMMUNE,
        competent_agency=committee,
        processing_time_amount=3,
        online_level=OnlineLevel.FULL,
        channels=["online", "counter"],
        result_form=ResultForm.BOTH,
    )
    for order, (name, role, budget) in enumerate(
        [
            ("Tiếp nhận", "receiving_officer", "0.5"),
            ("Thẩm định", "specialist", "2"),
            ("Phê duyệt", "leader", "0.5"),
        ],
        start=1,
    ):
        ProcessStep.objects.create(
            version=version, order=order, name=name, agency=committee, role=role, time_budget=Decimal(budget)
        )
    Procedure.objects.filter(pk=procedure.pk).update(current_version=version)
    spread_procedure = Procedure.objects.create(
        code="2.000815",
        sector=sector,
        name="Chứng thực bản sao từ bản chính",
        authority_level=AuthorityLevel.COMMUNE,
    )
    spread_version = ProcedureVersion.objects.create(
        procedure=spread_procedure,
        number=1,
        status=ProcedureVersion.Status.PUBLISHED,
        name=spread_procedure.name,
        authority_level=AuthorityLevel.COMMUNE,
        competent_agency_kind=Agency.Kind.COMMUNE_COMMITTEE,
        processing_time_amount=1,
        online_level=OnlineLevel.FULL,
        channels=["online", "counter"],
        result_form=ResultForm.BOTH,
    )
    ProcessStep.objects.create(
        version=spread_version, order=1, name="Chứng thực", role="specialist", time_budget=Decimal("1")
    )
    Procedure.objects.filter(pk=spread_procedure.pk).update(current_version=spread_version)
    spread_agencies = []
    for index in range(SPREAD_AGENCIES):
        unit = AdministrativeUnit.objects.create(
            code=f"9{index:04d}", name=f"Phường Đo {index}", level="ward", parent=city
        )
        spread_agencies.append(
            Agency.objects.create(
                code=f"P{index:02d}.UBND",
                name=f"Ủy ban nhân dân phường Đo {index}",
                kind="commune_committee",
                administrative_unit=unit,
                receives_dossiers=True,
            )
        )
    citizen = User.objects.create(username="bench_citizen", full_name="Nguyễn Văn An")
    officer = User.objects.create(username="bench_officer", full_name="Trần Thị Bình")
    Membership.objects.create(user=officer, role=Role.RECEIVING_OFFICER, agency=committee)
    _t, citizen_token = api_token_issue(user=citizen, name="bench")
    _t, officer_token = api_token_issue(user=officer, name="bench")
    return committee, procedure, citizen_token, officer_token, spread_procedure, spread_agencies


def pgbench_script(directory: Path, agency_id: int) -> Path:
    """Raw-SQL baseline: the same two rows as the bare endpoint, in one statement (one transaction)."""
    from django.db import connection

    from motcua.dossiers.models import Dossier, Event

    values = {
        "code": "'PGB' || md5(clock_timestamp()::text || random()::text)",
        "applicant_name": "'Nguyễn Văn An'",
        "channel": "'online'",
        "receiving_agency_id": str(agency_id),
        "competent_agency_id": str(agency_id),
        "current_agency_id": str(agency_id),
        "status": "'submitted'",
        "submitted_at": "now()",
        "lookup_secret": "'ABCD1234'",
        "created_at": "now()",
    }
    columns, exprs = [], []
    for field in Dossier._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(field.column)
        if field.column in values:
            exprs.append(values[field.column])
        elif field.null:
            exprs.append("NULL")
        else:
            default = field.get_default()
            if isinstance(default, bool):
                exprs.append("TRUE" if default else "FALSE")
            elif isinstance(default, int):
                exprs.append(str(default))
            elif isinstance(default, list | dict):
                exprs.append(f"'{json.dumps(default)}'::jsonb")
            else:
                exprs.append("'" + str(default or "").replace("'", "''") + "'")
    event_values = {
        "dossier_id": "d.id",
        "seq": "1",
        "kind": "'submitted'",
        "at": "now()",
        "from_status": "''",
        "to_status": "''",
        "payload": "'{}'::jsonb",
        "previous_hash": f"'{'0' * 64}'",
        "hash": f"'{'0' * 64}'",
    }
    event_columns = [f.column for f in Event._meta.concrete_fields if not f.primary_key]
    event_exprs = [event_values.get(c, "NULL") for c in event_columns]
    quote = connection.ops.quote_name
    sql = (
        f"WITH d AS (INSERT INTO {Dossier._meta.db_table} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join(exprs)}) RETURNING id) "
        f"INSERT INTO {Event._meta.db_table} ({', '.join(map(quote, event_columns))}) "
        f"SELECT {', '.join(event_exprs)} FROM d;\n"
    )
    script = directory / "insert.sql"
    script.write_text(sql)
    return script


APPLICANT = {
    "name": "Nguyễn Văn An",
    "personal_id": "001090012345",
    "birth_date": "1990-05-17",
    "sex": "male",
    "phone": "0912345678",
    "email": "an.nguyen@example.vn",
    "address_street": "12 phố Điện Biên Phủ",
    "address_province": "Thành phố Hà Nội",
}


def request_bodies(*, procedure_code: str, agency_code: str) -> tuple[dict, dict]:
    """The online submission's body and the counter intake's (received at once)."""
    online = {"procedure": procedure_code, "channel": "online", "applicant": APPLICANT}
    counter = {
        "procedure": procedure_code,
        "channel": "counter",
        "receiving_agency": agency_code,
        "on_behalf_consent": True,
        "receive": True,
        "applicant": APPLICANT,
    }
    return online, counter


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2)
    parser.add_argument("--database", default="motcua_bench_intake")
    args = parser.parse_args()

    url = harness.fresh_database(args.database)
    harness.setup_django(url)
    harness.migrate()
    agency, procedure, citizen_token, officer_token, spread_procedure, spread_agencies = build_fixture()

    online, counter = request_bodies(procedure_code=procedure.code, agency_code=agency.code)
    online_body, counter_body = json.dumps(online), json.dumps(counter)
    spread_bodies = "\n".join(
        json.dumps({**online, "procedure": spread_procedure.code, "receiving_agency": a.code})
        for a in spread_agencies
    )
    # As in production: Celery tasks go to Redis (no worker needed: the outbox rows wait in the database).
    env = {
        "DATABASE_URL": url,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        "DEBUG": "0",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
    }
    script = HERE / "intake_submit.lua"
    results = []
    port = harness.free_port()
    with harness.gunicorn(env=env, workers=args.workers, port=port) as pid:
        base = f"http://127.0.0.1:{port}/api/v1/dossiers/"
        for name, token, body in [
            ("Motcua online submission, one agency", citizen_token, online_body),
            (f"Motcua online submission, {SPREAD_AGENCIES} agencies", citizen_token, spread_bodies),
            ("Motcua counter intake + receive, one agency", officer_token, counter_body),
        ]:
            result = harness.wrk(
                name=name,
                url=base,
                script=script,
                duration=args.duration,
                connections=args.connections,
                env={"BENCH_TOKEN": token, "BENCH_BODIES": body},
            )
            result.rss_mib = harness.rss_mib(harness.child_pids(pid))
            results.append(result)
    port = harness.free_port()
    with harness.gunicorn(
        env={**env, "DJANGO_SETTINGS_MODULE": "bench.bare_settings"}, workers=args.workers, port=port
    ) as pid:
        result = harness.wrk(
            name="Baseline A: bare DRF insert (1 dossier + 1 event)",
            url=f"http://127.0.0.1:{port}/bare/",
            script=script,
            duration=args.duration,
            connections=args.connections,
            env={
                "BENCH_TOKEN": "",
                "BENCH_BODY": json.dumps({"agency": agency.code, "name": "Nguyễn Văn An"}),
            },
        )
        result.rss_mib = harness.rss_mib(harness.child_pids(pid))
        results.append(result)
    with tempfile.TemporaryDirectory() as tmp:
        results.append(
            harness.pgbench(
                name="Baseline B: raw SQL inserts (pgbench)",
                database_url=url,
                script=pgbench_script(Path(tmp), agency.pk),
                duration=args.duration,
                clients=args.connections,
            )
        )

    from motcua.dossiers.models import Dossier

    print(
        f"\ngunicorn sync workers: {args.workers}; wrk 2 threads, {args.connections} connections, {args.duration} s"
    )
    print(harness.TABLE_HEADER)
    for result in results:
        print(result.row())
    online, spread, bare = results[0], results[1], results[3]
    print(
        f"\nonline submission / bare endpoint: one agency {online.rate / bare.rate:.2f}, "
        f"{SPREAD_AGENCIES} agencies {spread.rate / bare.rate:.2f} (target >= 0.5)"
    )
    print(f"dossiers in the database after the run: {Dossier.objects.count():,}")


if __name__ == "__main__":
    main()
