"""Intake throughput through the HTTP API (gunicorn on 127.0.0.1, PostgreSQL, wrk), against two baselines.

    .venv/bin/python bench/intake_bench.py               # 3 interleaved rounds of 15 s per case, 16 connections
    .venv/bin/python bench/intake_bench.py --duration 5 --rounds 1  # quicker

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
    parser.add_argument("--duration", type=int, default=15, help="seconds per case and round")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; each case keeps its best")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2)
    parser.add_argument("--database", default="motcua_bench_intake")
    args = parser.parse_args()

    url = harness.fresh_database(args.database)
    harness.setup_django(url)
    harness.migrate()
    agency, procedure, citizen_token, officer_token, spread_procedure, spread_agencies = build_fixture()

    online, counter = request_bodies(procedure_code=procedure.code, agency_code=agency.code)
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
    motcua_port, bare_port = harness.free_port(), harness.free_port()
    cases = [
        ("Motcua online submission, one agency", "motcua", citizen_token, {"BENCH_BODY": json.dumps(online)}),
        (
            f"Motcua online submission, {SPREAD_AGENCIES} agencies",
            "motcua",
            citizen_token,
            {"BENCH_BODIES": spread_bodies},
        ),
        (
            "Motcua counter intake + receive, one agency",
            "motcua",
            officer_token,
            {"BENCH_BODY": json.dumps(counter)},
        ),
        (
            "Baseline A: bare DRF insert (1 dossier + 1 event)",
            "bare",
            "",
            {"BENCH_BODY": json.dumps({"agency": agency.code, "name": "Nguyễn Văn An"})},
        ),
    ]
    best: dict[str, harness.LoadResult] = {}

    def keep(result: harness.LoadResult) -> None:
        if result.name not in best or result.rate > best[result.name].rate:
            best[result.name] = result

    # Both servers stay up for the whole run (an idle one costs nothing) and the cases take turns, round after
    # round: a burst of load from elsewhere on the machine then hits one round of every case, not one case.
    with (
        harness.gunicorn(env=env, workers=args.workers, port=motcua_port) as motcua_pid,
        harness.gunicorn(
            env={**env, "DJANGO_SETTINGS_MODULE": "bench.bare_settings"}, workers=args.workers, port=bare_port
        ) as bare_pid,
        tempfile.TemporaryDirectory() as tmp,
    ):
        servers = {
            "motcua": (f"http://127.0.0.1:{motcua_port}/api/v1/dossiers/", motcua_pid),
            "bare": (f"http://127.0.0.1:{bare_port}/bare/", bare_pid),
        }
        raw_sql = pgbench_script(Path(tmp), agency.pk)
        for _round in range(args.rounds):
            for name, server, token, bodies in cases:
                target, pid = servers[server]
                result = harness.wrk(
                    name=name,
                    url=target,
                    script=script,
                    duration=args.duration,
                    connections=args.connections,
                    env={"BENCH_TOKEN": token, **bodies},
                )
                result.rss_mib = harness.rss_mib(harness.child_pids(pid))
                keep(result)
            keep(
                harness.pgbench(
                    name="Baseline B: raw SQL inserts (pgbench)",
                    database_url=url,
                    script=raw_sql,
                    duration=args.duration,
                    clients=args.connections,
                )
            )

    from motcua.dossiers.models import Dossier

    print(
        f"\ngunicorn sync workers: {args.workers}; wrk 2 threads, {args.connections} connections, "
        f"{args.duration} s per case; best of {args.rounds} interleaved rounds; load: {os.getloadavg()[0]:.2f}"
    )
    print(harness.TABLE_HEADER)
    results = list(best.values())
    for result in results:
        print(result.row())
    online_rate, spread_rate, bare_rate = (
        best[name].rate for name in (cases[0][0], cases[1][0], cases[3][0])
    )
    print(
        f"\nonline submission / bare endpoint: one agency {online_rate / bare_rate:.2f}, "
        f"{SPREAD_AGENCIES} agencies {spread_rate / bare_rate:.2f} (target >= 0.5)"
    )
    print(f"dossiers in the database after the run: {Dossier.objects.count():,}")


if __name__ == "__main__":
    main()
