"""In-process cost of the workspace's queue, dossier and leaders' pages, on the queue benchmark's database.

    .venv/bin/python bench/workspace_queue_profile.py -n 50                      # every page
    .venv/bin/python bench/workspace_queue_profile.py --cases "my work;to receive" --profile --explain

Each request goes through Django's WSGI handler (what gunicorn calls) with the production settings (DEBUG off)
and the officer's or the leader's session, against the database bench/workspace_queue_bench.py generated (kept:
`--reuse` is implied). Per page: SQL statements, CPU time of this process and wall time (p50). With --profile,
the top functions of a cProfile of the pages asked; with --explain, every statement of one request with its
time, and EXPLAIN ANALYZE of those slower than --slow-ms.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402
from bench.list_profile import environ  # noqa: E402
from bench.workspace_queue_bench import cases, next_cursor, prepare  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=50, help="requests per page")
    parser.add_argument("--database", default="motcua_h_queues_bench")
    parser.add_argument(
        "--cases", help="page names (as the bench prints them), separated by ';'; all by default"
    )
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the pages asked")
    parser.add_argument(
        "--explain", action="store_true", help="print the statements and plans of one request"
    )
    parser.add_argument("--slow-ms", type=float, default=2.0, help="statements explained from this time on")
    args = parser.parse_args()

    os.environ["DB_CONN_MAX_AGE"] = "600"
    os.environ["DEBUG"] = "0"
    os.environ["LOG_LEVEL"] = "WARNING"
    fixture = prepare(database=args.database, count=0, busy_share=0, reuse=True)

    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    assert not settings.DEBUG
    handler = WSGIHandler()

    def call(path: str, cookie: str) -> bytes:
        route, _mark, query = path.partition("?")
        env = environ(route, query, None)
        env["HTTP_ACCEPT"] = "text/html"
        env["HTTP_COOKIE"] = cookie
        status: list[str] = []
        body = b"".join(handler(env, lambda s, h, *a: status.append(s)))
        assert status[0].startswith("200"), (path, status, body[:300])
        return body

    first = call("/workspace/ho-so/?queue=agency", fixture.officer_cookie)
    wanted = set(args.cases.split(";")) if args.cases else None
    pages = [
        (name, path, fixture.leader_cookie if name.startswith("leader") else fixture.officer_cookie)
        for name, path in cases(sample_code=fixture.sample_code, cursor=next_cursor(first.decode()))
        if wanted is None or name in wanted
    ]
    print("| page | statements | CPU ms p50 | wall ms p50 | bytes |\n|---|---|---|---|---|")
    for name, path, cookie in pages:
        for _ in range(3):
            call(path, cookie)  # warm: imports, caches, the database's buffers
        # Django empties the statement log when a request starts: what it holds after is this request's.
        connection.force_debug_cursor = True
        call(path, cookie)
        captured = list(connection.queries)
        connection.force_debug_cursor = False
        cpu, wall, body = harness.cpu_and_wall_ms(lambda: call(path, cookie), repeat=args.n)  # noqa: B023
        print(
            f"| {name} | {len(captured)} | {statistics.median(cpu):.2f} | {statistics.median(wall):.2f} | "
            f"{len(body):,} |",
            flush=True,
        )
        if args.explain:
            explain(captured, slow_ms=args.slow_ms)
    if args.profile:
        profile = cProfile.Profile(time.process_time)  # CPU time: waits for the database left out
        profile.enable()
        for _name, path, cookie in pages:
            for _ in range(args.n):
                call(path, cookie)
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(50)
        stats.sort_stats("tottime").print_stats(30)


def explain(queries: list[dict], *, slow_ms: float) -> None:
    from django.db import connection

    for query in queries:
        ms = float(query["time"]) * 1000
        print(f"\n{ms:.2f} ms  {query['sql']}")
        if ms >= slow_ms and query["sql"].lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {query['sql']}")
                print("\n".join(f"    {row[0]}" for row in cursor.fetchall()))
    print()


if __name__ == "__main__":
    main()
