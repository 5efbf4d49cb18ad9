"""In-process cost of one intake request: Motcua's submission vs the bare insert endpoint, same process.

    .venv/bin/python bench/intake_profile.py              # 300 requests per case
    .venv/bin/python bench/intake_profile.py -n 100 --profile online   # plus a cProfile of one case

Each case goes through the Django test client with the full middleware stack (the bare case with the URLconf of
bench/bare_urls.py, as bench/bare_settings.py does), against PostgreSQL with REDIS_URL set, as in production.
Reported per request: SQL statements, CPU time of this process (`time.process_time`, steadier than the wall
clock on a busy machine) and wall time. The CPU column leaves out PostgreSQL's own work; the wall column has it.
The scratch database is created (migrated, with the intake benchmark's fixture) when missing; --fresh rebuilds it.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402
from bench.intake_bench import request_bodies  # noqa: E402


def prepare(name: str, *, fresh: bool) -> None:
    exists = harness.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"  # noqa: S608
    url = (
        harness.fresh_database(name)
        if fresh or not exists
        else f"{harness.PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    )
    os.environ.setdefault("REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"))
    os.environ.setdefault("DB_CONN_MAX_AGE", "600")
    harness.setup_django(url)
    harness.migrate()
    from motcua.accounts.models import User

    if not User.objects.filter(username="bench_citizen").exists():
        from bench.intake_bench import build_fixture

        build_fixture()


def cases() -> dict[str, tuple[str, str, dict, str | None]]:
    """name -> (url, body, headers, urlconf)."""
    from motcua.accounts.models import User
    from motcua.accounts.services import api_token_issue
    from motcua.catalog.models import Procedure
    from motcua.organization.models import Agency

    agency = Agency.objects.get(code="BD.UBND")
    procedure = Procedure.objects.get(code="1.001193")
    _t, citizen = api_token_issue(user=User.objects.get(username="bench_citizen"), name="profile")
    _t, officer = api_token_issue(user=User.objects.get(username="bench_officer"), name="profile")
    online, counter = request_bodies(procedure_code=procedure.code, agency_code=agency.code)
    return {
        "online": (
            "/api/v1/dossiers/",
            json.dumps(online),
            {"HTTP_AUTHORIZATION": f"Bearer {citizen}"},
            None,
        ),
        "spread": (  # a commune-level procedure received by one of the 20 communes (as in the intake bench)
            "/api/v1/dossiers/",
            json.dumps({**online, "procedure": "2.000815", "receiving_agency": "P00.UBND"}),
            {"HTTP_AUTHORIZATION": f"Bearer {citizen}"},
            None,
        ),
        "counter": (
            "/api/v1/dossiers/",
            json.dumps(counter),
            {"HTTP_AUTHORIZATION": f"Bearer {officer}"},
            None,
        ),
        "bare": (
            "/bare/",
            json.dumps({"agency": agency.code, "name": "Nguyễn Văn An"}),
            {},
            "bench.bare_urls",
        ),
    }


def requester(url: str, body: str, headers: dict, urlconf: str | None):
    from django.test import Client, override_settings

    client = Client()

    def one():
        with override_settings(ROOT_URLCONF=urlconf) if urlconf else _nothing():
            response = client.post(
                url,
                body,
                content_type="application/json",
                HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
                HTTP_ACCEPT_LANGUAGE="vi",
                **headers,
            )
        if response.status_code != 201:
            raise SystemExit(f"{url}: {response.status_code} {response.content[:300]!r}")
        return response

    return one


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def queries_of(one) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        one()
    return [q["sql"] for q in captured.captured_queries]


def measure(one, n: int) -> tuple[float, float, float]:
    """Mean CPU ms, median and mean wall ms per request."""
    walls = []
    cpu_start = time.process_time()
    for _ in range(n):
        start = time.perf_counter()
        one()
        walls.append((time.perf_counter() - start) * 1000)
    cpu = (time.process_time() - cpu_start) * 1000 / n
    return cpu, statistics.median(walls), statistics.fmean(walls)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=300, help="requests per case")
    parser.add_argument("--database", default="motcua_bench_profile")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the scratch database")
    parser.add_argument("--show-sql", action="store_true", help="print each case's statements")
    parser.add_argument(
        "--profile", choices=["online", "spread", "counter", "bare"], help="cProfile this case"
    )
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (the best round is kept)")
    args = parser.parse_args()
    prepare(args.database, fresh=args.fresh)

    runners = {name: requester(*spec) for name, spec in cases().items()}
    sql = {}
    for name, one in runners.items():
        for _ in range(10):  # warm up: connections, caches, imports
            one()
        sql[name] = queries_of(one)
    best: dict[str, tuple[float, float, float]] = {}
    for _ in range(args.rounds):  # interleaved, so a burst of load elsewhere hits every case alike
        for name, one in runners.items():
            result = measure(one, args.n)
            if name not in best or result[0] < best[name][0]:
                best[name] = result

    print(
        f"\n{args.n} requests per case, best of {args.rounds} interleaved rounds; load: {os.getloadavg()[0]:.2f}"
    )
    print("| case | SQL statements | CPU ms/request | wall ms p50 | wall ms mean |\n|---|---|---|---|---|")
    for name, (cpu, p50, mean) in best.items():
        print(f"| {name} | {len(sql[name])} | {cpu:.2f} | {p50:.2f} | {mean:.2f} |")
    print(
        f"\nonline / bare CPU: {best['online'][0] / best['bare'][0]:.2f}  (half the bare rate means <= 2.0)"
    )
    if args.show_sql:
        for name, statements in sql.items():
            print(f"\n-- {name}: {len(statements)} statements")
            for statement in statements:
                print("  ", statement[:160])
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [runners[args.profile]() for _ in range(args.n)])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
