"""The dossier list over HTTP at 100,000 and 1,000,000 dossiers, against the naive list, in one run (PostgreSQL).

    .venv/bin/python bench/list_bench.py                          # 100,000 then 1,000,000 (generated, ~15 min)
    .venv/bin/python bench/list_bench.py --counts 1000000 --reuse  # on an already generated database
    .venv/bin/python bench/list_bench.py --duration 5               # quicker

For each size, GET /api/v1/dossiers/ (gunicorn, DEBUG off, bearer token) by two callers:
- a receiving officer of the busy agency (10% of all dossiers are its: about 100,000 at 1M);
- an inspector, who sees every dossier;
each on the first page (default size, 20 rows), filtered by a status and by a timing class, the first page of
100 and a deep page of 100 (the 51st, reached by following `next` 50 times), against the naive
list served by the same server (bench/list_urls.py: the old OR of four scopes with an EXISTS on the steps, due
order, exact COUNT(*), offset pages: `?page=51`). Figures: p50 and p99 at 1 connection, requests/s at 16
(wrk, 10 s each), and the floor: GET /healthz on the same server. Target: p50 under 20 ms at 1 connection, at
least 150 requests/s at 16.

At the largest size the plans of the list's statements are printed with EXPLAIN (ANALYZE, BUFFERS).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate_dossiers, harness  # noqa: E402

HERE = Path(__file__).resolve().parent
DEEP_PAGE = 51
EXPLAINED = ({"page_size": 100}, {"status": "in_progress"}, {"timing": "in_progress_overdue"})
SLOW_SECONDS = 5  # a case slower than this once is not loaded with wrk


def callers():
    """The busy agency's receiving officer and an inspector, with bearer tokens (created once)."""
    from motcua.accounts.models import Membership, Role, User
    from motcua.accounts.services import api_token_issue
    from motcua.organization.models import Agency

    busy = Agency.objects.get(code="BENCH000")
    officer, created = User.objects.get_or_create(username="bench_list_officer")
    if created:
        Membership.objects.create(user=officer, role=Role.RECEIVING_OFFICER, agency=busy)
    inspector, created = User.objects.get_or_create(username="bench_list_inspector")
    if created:
        Membership.objects.create(user=inspector, role=Role.INSPECTOR, agency=None)
    return {
        "officer": api_token_issue(user=officer, name="bench")[1],
        "inspector": api_token_issue(user=inspector, name="bench")[1],
    }


def get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
        return json.loads(response.read())


def deep_url(base: str, token: str) -> str:
    url = f"{base}?page_size=100"
    for _ in range(DEEP_PAGE - 1):
        url = get(url, token)["next"]
    return url


def explain_list(tokens_users: dict) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of every statement on the dossier tables that the list runs, per caller."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIRequestFactory, force_authenticate

    from motcua.api.dossier_views import DossierListCreateView

    factory = APIRequestFactory()
    for (name, user), params in itertools.product(tokens_users.items(), EXPLAINED):
        request = factory.get("/api/v1/dossiers/", params, HTTP_HOST="127.0.0.1")
        force_authenticate(request, user=user)
        with CaptureQueriesContext(connection) as captured:
            response = DossierListCreateView.as_view()(request)
        assert response.status_code == 200, response.data
        for query in captured.captured_queries:
            sql = query["sql"]
            if "dossiers_dossier" not in sql:
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"\n-- {name} {params}: {sql[:160]}...\n{plan}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--counts", default="100000,1000000", help="dossier counts to measure at, growing")
    parser.add_argument("--database", default="motcua_bench_list")
    parser.add_argument("--reuse", action="store_true", help="keep an existing generated database")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--naive", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",")]

    base = harness.PG_ADMIN_URL.rsplit("/", 1)[0]
    exists = harness.psql(f"SELECT 1 FROM pg_database WHERE datname = '{args.database}'") == "1"  # noqa: S608
    url = f"{base}/{args.database}" if (args.reuse and exists) else harness.fresh_database(args.database)
    harness.setup_django(url)
    harness.migrate()

    from django.db import connection

    from motcua.accounts.models import User
    from motcua.dossiers.models import Dossier, DossierAgency
    from motcua.organization.models import Agency

    agencies, officers, version = generate_dossiers.build_fixture(agencies=140, officers_per_agency=5)
    tokens = callers()
    env = {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.list_settings",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        "DEBUG": "0",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        # The list is measured, not the throttles: one token sends thousands of requests a minute here.
        "MOTCUA_TOKEN_RATE": "100000000/minute",
        "MOTCUA_API_ADDRESS_RATE": "100000000/minute",
    }
    script = HERE / "list_get.lua"
    rows = []
    for count in counts:
        present = Dossier.objects.count()
        if present < count:
            generate_dossiers.insert_dossiers(
                count=count - present,
                agency_ids=[a.pk for a in agencies],
                officer_ids=[o.pk for o in officers],
                version_id=version.pk,
                batch=100_000,
            )
        total = Dossier.objects.count()
        busy = Agency.objects.get(code="BENCH000")
        seen = DossierAgency.objects.filter(agency=busy).count()
        print(f"\n{total:,} dossiers; the busy agency sees {seen:,}", flush=True)
        port = harness.free_port()
        with harness.gunicorn(env=env, workers=args.workers, port=port) as pid:
            real = f"http://127.0.0.1:{port}/api/v1/dossiers/"
            # The floor on this machine now: the health check (one SELECT 1), same server, same moment.
            floor_one, floor_many = (
                harness.wrk(
                    name="floor",
                    url=f"http://127.0.0.1:{port}/healthz",
                    script=script,
                    env={"BENCH_TOKEN": ""},
                    duration=args.duration,
                    connections=connections,
                )
                for connections in (1, args.connections)
            )
            row = (
                f"| {total:,}, floor: GET /healthz | {floor_one.p50_ms:.1f} | {floor_one.p99_ms:.1f} | "
                f"{floor_many.rate:,.0f} | {floor_many.p50_ms:.1f} | {floor_one.errors + floor_many.errors} | |"
            )
            rows.append(row)
            print(row, flush=True)
            naive = f"http://127.0.0.1:{port}/bench/naive-dossiers/"
            for caller, token in tokens.items():
                first = get(f"{real}?page_size=100", token)
                print(f"{caller}: count {first['count']:,} (capped: {first['count_capped']})", flush=True)
                cases = [
                    ("first page (20)", real),
                    ("status=in_progress (20)", f"{real}?status=in_progress"),
                    ("timing=in_progress_overdue (20)", f"{real}?timing=in_progress_overdue"),
                    ("first page of 100", f"{real}?page_size=100"),
                    (f"page {DEEP_PAGE} of 100 (cursor)", deep_url(real, token)),
                ]
                if args.naive:
                    cases += [
                        ("naive, first page of 100", f"{naive}?page_size=100"),
                        (
                            f"naive, page {DEEP_PAGE} of 100 (offset)",
                            f"{naive}?page_size=100&page={DEEP_PAGE}",
                        ),
                    ]
                for case, target in cases:
                    name = f"{total:,}, {caller}, {case}"
                    began = time.perf_counter()
                    try:
                        get(target, token)  # warm, and see that it answers at all
                    except OSError as error:  # gunicorn's 30 s worker timeout: too slow to measure
                        row = f"| {name} | no answer in {time.perf_counter() - began:.0f} s ({error}) | | | | | |"
                        rows.append(row)
                        print(row, flush=True)
                        continue
                    once = time.perf_counter() - began
                    if once > SLOW_SECONDS:
                        # Under wrk, requests this slow pile up in the sync workers' backlog and hold the
                        # server long after wrk stops: one request's time says enough.
                        row = f"| {name} | {once * 1000:,.0f} (one request) | | | | | |"
                        rows.append(row)
                        print(row, flush=True)
                        continue
                    one = harness.wrk(
                        name=name,
                        url=target,
                        script=script,
                        env={"BENCH_TOKEN": token},
                        duration=args.duration,
                        connections=1,
                    )
                    many = harness.wrk(
                        name=name,
                        url=target,
                        script=script,
                        env={"BENCH_TOKEN": token},
                        duration=args.duration,
                        connections=args.connections,
                    )
                    rss = harness.rss_mib(harness.child_pids(pid))
                    row = (
                        f"| {name} | {one.p50_ms:.1f} | {one.p99_ms:.1f} | {many.rate:,.0f} | "
                        f"{many.p50_ms:.1f} | {one.errors + many.errors} | {rss:.0f} |"
                    )
                    rows.append(row)
                    print(row, flush=True)
    print(
        f"\ngunicorn {args.workers} sync workers, DEBUG off; wrk {args.duration} s per run; "
        f"load: {os.getloadavg()[0]:.2f}"
    )
    print(
        f"| dossiers, caller, page | p50 ms (1 conn) | p99 ms (1 conn) | req/s ({args.connections} conn) | "
        f"p50 ms ({args.connections} conn) | errors | server RSS MiB |\n|---|---|---|---|---|---|---|"
    )
    print("\n".join(rows))
    users = {
        "officer": User.objects.get(username="bench_list_officer"),
        "inspector": User.objects.get(username="bench_list_inspector"),
    }
    connection.ensure_connection()
    explain_list(users)


if __name__ == "__main__":
    main()
