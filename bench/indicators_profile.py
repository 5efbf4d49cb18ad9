"""Where the service index's time goes, built on every request, on a database left by indicators_bench.py.

    .venv/bin/python bench/indicators_profile.py --database motcua_bench_indicators [--period 2026-Q3] [--cprofile]

Calls the view in process (no HTTP) for the ended and the running quarter: the wall time per request (p50 of
--repeat), each SQL statement with its time and, with --explain, its plan; with --cprofile the functions that
take the most of the Python time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402
from bench.indicators_bench import quarter_of  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="motcua_bench_indicators")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="cProfile order: cumulative or tottime")
    args = parser.parse_args()

    os.environ.update({"MOTCUA_INDEX_SECONDS": "0", "DEBUG": "0", "LOG_LEVEL": "WARNING"})
    harness.setup_django(f"{harness.PG_ADMIN_URL.rsplit('/', 1)[0]}/{args.database}")

    from django.db import connection
    from django.test import Client

    import motcua.wsgi  # noqa: F401  (as a server's worker loads it: the application kept out of full collections)
    from motcua.core import clock

    client = Client(HTTP_HOST="127.0.0.1")
    today = clock.local_now().date()
    running = quarter_of(today)[0]
    ended = quarter_of(quarter_of(today)[1] - timedelta(days=1))[0]
    for label in (ended, running):
        url = f"/api/v1/indicators/?period={label}"
        assert client.get(url).status_code == 200
        times = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - began) * 1000)
        print(
            f"\n{label}: p50 {statistics.median(times):.1f} ms, min {min(times):.1f} ms (in process, no HTTP)"
        )

        statements: list[tuple[float, str, object]] = []

        def timed(execute, sql, params, many, context, statements=statements):
            began = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                statements.append(((time.perf_counter() - began) * 1000, sql, params))

        with connection.execute_wrapper(timed):
            client.get(url)
        print(f"{len(statements)} statements, {sum(s[0] for s in statements):.1f} ms in SQL")
        for ms, sql, params in statements:
            print(f"  {ms:7.2f} ms  {sql[:300]}")
            if args.explain and sql.lstrip().upper().startswith("SELECT"):
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                    for (line,) in cursor.fetchall():
                        print(f"             {line}")
        if args.cprofile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(10):
                client.get(url)
            profile.disable()
            pstats.Stats(profile).sort_stats(args.sort).print_stats(35)


if __name__ == "__main__":
    main()
