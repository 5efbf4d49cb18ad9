"""In-process cost of one dossier list request, phase by phase, on the list benchmark's database.

    .venv/bin/python bench/list_profile.py                       # every case, 200 requests each
    .venv/bin/python bench/list_profile.py -n 50 --profile officer   # plus a cProfile of one case

Each request goes through Django's WSGI handler (what gunicorn calls: every middleware, the bearer token, the
view, the renderer) with the production settings (DEBUG off), against the database that bench/list_bench.py
generated (`--database`, kept between runs). Reported per request: SQL statements, CPU time of this process
(`time.process_time`: steadier than the wall clock on a busy machine; it leaves out PostgreSQL's own work) and
wall time (which has it). Then the time spent per phase, summed over the requests from a cProfile:
authentication, the scope and filters, the page and count statements, the rows, rendering.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402
from bench.list_bench import callers  # noqa: E402

CASES = {
    "officer": ("officer", ""),
    "officer-100": ("officer", "page_size=100"),
    "officer-status": ("officer", "status=in_progress"),
    "officer-timing": ("officer", "timing=in_progress_overdue"),
    "inspector": ("inspector", ""),
    "inspector-100": ("inspector", "page_size=100"),
    "inspector-status": ("inspector", "status=in_progress"),
    "inspector-timing": ("inspector", "timing=in_progress_overdue"),
    "healthz": (None, ""),
}


def environ(path: str, query: str, token: str | None) -> dict:
    env = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8140",
        "HTTP_HOST": "127.0.0.1:8140",
        "HTTP_ACCEPT": "application/json",
        "HTTP_ACCEPT_LANGUAGE": "vi",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    if token:
        env["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return env


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=200, help="requests per case")
    parser.add_argument("--database", default="motcua_bench_list")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--profile", help="a case to profile with cProfile (the top functions are printed)")
    args = parser.parse_args()

    os.environ.setdefault("REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"))
    os.environ["DB_CONN_MAX_AGE"] = "600"
    os.environ["DEBUG"] = "0"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "motcua.settings"
    harness.setup_django(f"{harness.PG_ADMIN_URL.rsplit('/', 1)[0]}/{args.database}")

    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection, reset_queries

    assert not settings.DEBUG
    tokens = callers()
    handler = WSGIHandler()

    def call(case: str) -> bytes:
        caller, query = CASES[case]
        path = "/healthz" if caller is None else "/api/v1/dossiers/"
        token = tokens[caller] if caller else None
        status: list[str] = []
        body = b"".join(handler(environ(path, query, token), lambda s, h, *a: status.append(s)))
        assert status[0].startswith("200"), (case, status, body[:300])
        return body

    print("| case | statements | CPU ms p50 | wall ms p50 | wall ms p99 | bytes |\n|---|---|---|---|---|---|")
    for case in args.cases.split(","):
        for _ in range(5):
            call(case)  # warm: imports, caches, the database's buffers
        connection.force_debug_cursor = True
        reset_queries()
        call(case)
        statements = len(connection.queries)
        connection.force_debug_cursor = False
        cpu, wall, body = harness.cpu_and_wall_ms(lambda: call(case), repeat=args.n)  # noqa: B023
        print(
            f"| {case} | {statements} | {statistics.median(cpu):.2f} | {statistics.median(wall):.2f} | "
            f"{harness.percentile(wall, 99):.2f} | {len(body):,} |",
            flush=True,
        )
    if args.profile:
        profile = cProfile.Profile(time.process_time)  # CPU time: waits for the database left out
        profile.enable()
        for _ in range(args.n):
            call(args.profile)
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(40)
        connection.force_debug_cursor = True
        reset_queries()
        call(args.profile)
        for query in connection.queries:
            print(f"{query['time']} s  {query['sql']}\n")


if __name__ == "__main__":
    main()
