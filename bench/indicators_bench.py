"""The service index over HTTP at 1,000,000 dossiers (and 10,000,000), against a naive aggregation, in one run.

    .venv/bin/python bench/indicators_bench.py                           # 1,000,000 generated (a few minutes)
    .venv/bin/python bench/indicators_bench.py --count 10000000          # ten million (about ten times longer)
    .venv/bin/python bench/indicators_bench.py --count 1000000 --reuse   # on the database generated before

The dossiers come from bench/generate_dossiers.py (140 agencies, a year of moments, the usual status spread).
Their daily counts are then written the way the counting writes them (per competent agency, sector, day:
received by channel, resolved early / on time / late against the legal due moment), with one SQL statement
over the generated rows, since generated dossiers have no event log; the end-of-quarter snapshot of open
dossiers is taken by the same code the nightly task runs.

Measured, for the last complete quarter and for the running one (whose open dossiers are read live):
- GET /api/v1/indicators/?period=... on gunicorn (DEBUG off): p50/p99 at 1 connection, requests/s at 16 (wrk);
- the floor: GET /healthz on the same server;
- the naive way: the same figures aggregated from the dossier table by one SQL statement (p50 of 5 runs),
  which is what a report without kept counts has to do. Target: p50 under 20 ms at 1M, under 50 ms at 10M, and
  at least 50 times faster than the naive aggregation.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate_dossiers, harness  # noqa: E402

HERE = Path(__file__).resolve().parent


def fill_counts() -> int:
    """Daily counts of the generated dossiers, as the counting would have kept them; the rows written."""
    from django.db import connection

    sql = """
    INSERT INTO indicators_dailycount (agency_id, sector_id, day, received, received_online, received_direct,
        received_postal, resolved_early, resolved_on_time, resolved_late, fee_bearing, paid_online, returned,
        refused, withdrawn, stopped, supplement_requests, apologies, rated_very_satisfied, rated_satisfied,
        rated_not_satisfied)
    SELECT agency, sector, day, sum(rec), sum(onl), sum(dir), 0, sum(early), sum(ontime), sum(late),
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM (
        SELECT d.competent_agency_id AS agency, p.sector_id AS sector,
            (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, 1 AS rec,
            (d.channel = 'online')::int AS onl, (d.channel IN ('counter', 'home'))::int AS dir,
            0 AS early, 0 AS ontime, 0 AS late
        FROM dossiers_dossier d JOIN catalog_procedureversion v ON v.id = d.procedure_version_id
        JOIN catalog_procedure p ON p.id = v.procedure_id WHERE d.received_at IS NOT NULL
          AND d.status NOT IN ('submitted', 'refused')
        UNION ALL
        SELECT d.competent_agency_id, p.sector_id, (d.resolved_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0, 0, 0,
            (d.resolved_at <= d.due_at AND (d.resolved_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                < (d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int,
            (d.resolved_at <= d.due_at AND (d.resolved_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                >= (d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int,
            (d.resolved_at > d.due_at)::int
        FROM dossiers_dossier d JOIN catalog_procedureversion v ON v.id = d.procedure_version_id
        JOIN catalog_procedure p ON p.id = v.procedure_id WHERE d.resolved_at IS NOT NULL
    ) AS events
    GROUP BY agency, sector, day
    """
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE indicators_dailycount, indicators_opencount")
        cursor.execute(sql)
        written = cursor.rowcount
        cursor.execute("VACUUM ANALYZE indicators_dailycount")
    return written


NAIVE_SQL = """
SELECT d.competent_agency_id,
    count(*) FILTER (WHERE d.received_at BETWEEN %(start)s AND %(end)s) AS received,
    count(*) FILTER (WHERE d.received_at BETWEEN %(start)s AND %(end)s AND d.channel = 'online') AS online,
    count(*) FILTER (WHERE d.resolved_at BETWEEN %(start)s AND %(end)s AND d.resolved_at <= d.due_at) AS on_time,
    count(*) FILTER (WHERE d.resolved_at BETWEEN %(start)s AND %(end)s AND d.resolved_at > d.due_at) AS late,
    count(*) FILTER (WHERE d.received_at <= %(end)s AND (d.resolved_at IS NULL OR d.resolved_at > %(end)s)
        AND (d.closed_at IS NULL OR d.closed_at > %(end)s) AND d.due_at >= %(end)s) AS open_within,
    count(*) FILTER (WHERE d.received_at <= %(end)s AND (d.resolved_at IS NULL OR d.resolved_at > %(end)s)
        AND (d.closed_at IS NULL OR d.closed_at > %(end)s) AND d.due_at < %(end)s) AS open_overdue
FROM dossiers_dossier d
WHERE d.procedure_version_id IS NOT NULL
GROUP BY d.competent_agency_id
"""


def naive_ms(params: dict, *, repeat: int) -> float | None:
    """p50 of `repeat` runs of the naive aggregation; None when a run hit the statement timeout."""
    from django.db import OperationalError, connection

    def aggregate():
        with connection.cursor() as cursor:
            cursor.execute(NAIVE_SQL, params)
            cursor.fetchall()

    try:
        return harness.timed_ms(aggregate, repeat=repeat)[0]
    except OperationalError:  # canceled by statement_timeout
        return None


def _naive_text(ms: float | None) -> str:
    return "timed out" if ms is None else f"{ms:,.0f}"


def quarter_of(day: date) -> tuple[str, date, date]:
    q = (day.month - 1) // 3
    first = date(day.year, 3 * q + 1, 1)
    last = (date(day.year + (q == 3), (3 * q + 3) % 12 + 1, 1)) - timedelta(days=1)
    return f"{day.year}-Q{q + 1}", first, last


def get_ms(url: str) -> float:
    began = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310
        json.loads(response.read())
    return (time.perf_counter() - began) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--database", default="motcua_bench_indicators")
    parser.add_argument("--reuse", action="store_true", help="keep the database generated before")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (default: a free one)")
    parser.add_argument("--naive-repeat", type=int, default=5, help="runs of the naive aggregation (p50)")
    parser.add_argument(
        "--naive-timeout", type=int, default=600, help="seconds before a naive aggregation is given up"
    )
    args = parser.parse_args()

    if args.reuse:
        url = f"{harness.PG_ADMIN_URL.rsplit('/', 1)[0]}/{args.database}"
        harness.setup_django(url)
        harness.migrate()
    else:
        url = harness.fresh_database(args.database)
        harness.setup_django(url)
        harness.migrate()

    from django.db import connection

    from motcua.core import clock
    from motcua.dossiers.models import Dossier
    from motcua.indicators.snapshots import end_of_day, take_snapshot

    agencies, officers, version = generate_dossiers.build_fixture(agencies=140, officers_per_agency=5)
    present = Dossier.objects.count()
    if present < args.count:
        began = time.perf_counter()
        generate_dossiers.insert_dossiers(
            count=args.count - present,
            agency_ids=[a.pk for a in agencies],
            officer_ids=[o.pk for o in officers],
            version_id=version.pk,
            batch=100_000,
            progress=generate_dossiers.progress_printer(),
        )
        print(
            f"generated {args.count - present:,} dossiers in {time.perf_counter() - began:,.0f} s", flush=True
        )
    total = Dossier.objects.count()
    began = time.perf_counter()
    rows = fill_counts()
    print(
        f"{total:,} dossiers -> {rows:,} daily count rows in {time.perf_counter() - began:,.1f} s", flush=True
    )

    today = clock.local_now().date()
    running, _first, _last = quarter_of(today)
    ended, first, last = quarter_of(quarter_of(today)[1] - timedelta(days=1))
    began = time.perf_counter()
    take_snapshot(last)
    print(
        f"snapshot of the open dossiers at the end of {ended}: {time.perf_counter() - began:,.1f} s",
        flush=True,
    )

    naive = {}
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [f"{args.naive_timeout}s"])
    for label, start, end in ((ended, first, last), (running, _first, today)):
        params = {"start": end_of_day(start - timedelta(days=1)), "end": end_of_day(end)}
        naive[label] = naive_ms(params, repeat=args.naive_repeat)
        print(
            f"naive aggregation, {label}: {_naive_text(naive[label])} ms (p50 of {args.naive_repeat})",
            flush=True,
        )
    connection.close()

    env = {"DATABASE_URL": url, "DEBUG": "0", "DB_CONN_MAX_AGE": "600", "LOG_LEVEL": "WARNING"}
    script = HERE / "list_get.lua"
    print(f"\n{total:,} dossiers, {rows:,} daily count rows, 140 agencies")
    print(
        "load average (1, 5, 15 min) before the HTTP runs: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    print(
        "| what | p50 ms (1 conn.) | p99 ms | requests/s (16 conn.) | naive aggregation p50 ms | x faster |"
    )
    print("|---|---|---|---|---|---|")
    port = args.port or harness.free_port()
    with harness.gunicorn(env=env, workers=args.workers, port=port):
        base = f"http://127.0.0.1:{port}"
        floor_one, floor_many = (
            harness.wrk(
                name="floor",
                url=f"{base}/healthz",
                script=script,
                env={"BENCH_TOKEN": ""},
                duration=args.duration,
                connections=c,
            )
            for c in (1, 16)
        )
        print(
            f"| floor: GET /healthz | {floor_one.p50_ms:.1f} | {floor_one.p99_ms:.1f} | {floor_many.rate:,.0f} | | |"
        )
        for label in (ended, running):
            target = f"{base}/api/v1/indicators/?period={label}"
            get_ms(target)  # warm
            one, many = (
                harness.wrk(
                    name=label,
                    url=target,
                    script=script,
                    env={"BENCH_TOKEN": ""},
                    duration=args.duration,
                    connections=c,
                )
                for c in (1, 16)
            )
            errors = one.errors + many.errors
            print(
                f"| GET /api/v1/indicators/?period={label} (all agencies){' ERRORS ' + str(errors) if errors else ''}"
                f" | {one.p50_ms:.1f} | {one.p99_ms:.1f} | {many.rate:,.0f} | {_naive_text(naive[label])} | "
                f"{'' if naive[label] is None else f'{naive[label] / one.p50_ms:,.0f}'} |",
                flush=True,
            )
    print("load average after the HTTP runs: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    os.environ.pop("DATABASE_URL", None)


if __name__ == "__main__":
    main()
