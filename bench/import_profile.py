"""Where the historical import's time goes, per dossier and per phase, in this process.

    .venv/bin/python bench/import_profile.py --count 5000              # phases
    .venv/bin/python bench/import_profile.py --count 5000 --profile    # plus cProfile's top functions

Imports the first `--count` lines of bench/import_bench.py's file (generated when missing) into a fresh scratch
database, one worker, batches of 1,000, and reports for each phase the CPU time of this process (Python), the
wall time, and the CPU time of the PostgreSQL backend serving it (read from /proc: same machine), in
microseconds per dossier, and the number of SQL statements. On a busy machine wall times grow with the load;
CPU times much less.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--database", default="motcua_bench_import_profile")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    harness.setup_django(harness.fresh_database(args.database))
    harness.migrate()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.import_bench import build_fixture, generate
    from motcua.dossiers import imports
    from motcua.dossiers.imports import batches, files

    admin = build_fixture()[3]
    path = harness.ROOT / "var" / f"import_bench_{args.count}.jsonl"
    path.parent.mkdir(exist_ok=True)
    if not path.exists():
        generate(path, count=args.count)
    with path.open("rb") as stream:
        raw = list(islice(files.raw_batches(stream, size=1000), -(-args.count // 1000)))
    count = sum(len(rows) for rows, _ in raw)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]

    def backend_cpu() -> float:
        fields = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])

    def timed(module, name: str, label: str, *, queries: bool = True) -> None:
        """Time each call of `module.name`; a function that never queries (`queries=False`, called once per
        dossier) is not charged the two reads of /proc that the backend's CPU takes, which would cost more
        than much of what it measures."""
        inner = getattr(module, name)
        backend = backend_cpu if queries else lambda: 0.0

        def wrapper(*a, **k):
            cpu, wall, pg = time.process_time(), time.perf_counter(), backend()
            try:
                return inner(*a, **k)
            finally:
                row = spent[label]
                row[0] += time.process_time() - cpu
                row[1] += time.perf_counter() - wall
                row[2] += backend() - pg

        setattr(module, name, wrapper)

    timed(batches, "parsed", "parse JSON (orjson)")
    timed(imports, "_read", "read and check lines, codes taken")
    timed(imports, "allocate_ids", "keys from the sequences")
    timed(imports, "replay", "replay timelines, hash events", queries=False)
    timed(imports, "write_batch", "COPY rows")
    timed(imports, "events_written_in_bulk", "indicator counts")
    timed(batches, "import_dossiers", "batch, in all (with commit)")
    profiler = cProfile.Profile()
    cpu, wall, pg = time.process_time(), time.perf_counter(), backend_cpu()
    with CaptureQueriesContext(connection) as queries:
        if args.profile:
            profiler.enable()
        for outcome in batches.import_batches(iter(raw), actor=admin):
            if outcome.errors:
                raise SystemExit(str(outcome.errors[:3]))
        profiler.disable()
    cpu, wall, pg = time.process_time() - cpu, time.perf_counter() - wall, backend_cpu() - pg
    print(
        f"{count} dossiers in {wall:.1f} s ({count / wall:,.0f}/s); Python CPU {cpu:.1f} s, PostgreSQL CPU "
        f"{pg:.1f} s, {len(queries.captured_queries)} SQL statements; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'us per dossier':38} {'Python':>8} {'wall':>8} {'PG CPU':>8}")
    for label, (c, w, p) in spent.items():
        print(f"{label:38} {1e6 * c / count:8.0f} {1e6 * w / count:8.0f} {1e6 * p / count:8.0f}")
    if args.profile:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
