"""The service index over HTTP at 1,000,000 dossiers (and 10,000,000), against a naive aggregation, in one run.

    .venv/bin/python bench/indicators_bench.py                           # 1,000,000 generated (a few minutes)
    .venv/bin/python bench/indicators_bench.py --count 10000000 --naive-repeat 3   # ten million
    .venv/bin/python bench/indicators_bench.py --count 1000000 --reuse   # on the database generated before
    .venv/bin/python bench/indicators_bench.py --reuse --baseline-src ../main/src   # main's code too, same run

The dossiers come from bench/generate_dossiers.py (140 agencies, 10 sectors, a year of moments, the usual
status spread; only the dossier rows: the index and the naive aggregation read no steps).
Their daily counts are then written the way the counting writes them (per competent agency, sector, day:
received by channel, resolved early / on time / late against the legal due moment; a day's rows written
together, after the days before it, as the days pass), with one SQL statement over the generated rows, since
generated dossiers have no event log; the end-of-quarter snapshot of open
dossiers is taken by the same code the nightly task runs.

Then the ended months are summed per agency (motcua.indicators.monthly), as the nightly task does.

Measured, for the last complete quarter and for the running one (whose open dossiers are read live):
- GET /api/v1/indicators/?period=... on gunicorn (DEBUG off): p50/p99 at 1 connection, requests/s at 16 (wrk),
  first with the answer built on every request (MOTCUA_INDEX_SECONDS=0), then as served (shared for a minute);
- the floor: GET /healthz on the same server;
- the naive way: the same figures aggregated from the dossier table by one SQL statement (p50 of 5 runs, or
  --naive-repeat; a run longer than --naive-timeout seconds is given up and reported as timed out),
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


# The measures the generated dossiers give (received by channel, resolved early / on time / late); every other
# measure of the model is written as 0, so the statement follows the model as measures are added.
GENERATED_MEASURES = {
    "received": "sum(rec)",
    "received_online": "sum(onl)",
    "received_direct": "sum(dir)",
    "resolved_early": "sum(early)",
    "resolved_on_time": "sum(ontime)",
    "resolved_late": "sum(late)",
}


def fill_counts() -> int:
    """Daily counts of the generated dossiers, as the counting would have kept them; the rows written."""
    from django.db import connection

    from motcua.indicators.models import MEASURES

    columns = ", ".join(MEASURES)
    values = ", ".join(GENERATED_MEASURES.get(measure, "0") for measure in MEASURES)
    # Column names from the model and fixed expressions: no outside input in the statement.
    sql = f"""
    INSERT INTO indicators_dailycount (agency_id, sector_id, day, {columns})
    SELECT agency, sector, day, {values}
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
    ORDER BY day
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE indicators_dailycount, indicators_opencount, indicators_monthlycount, "
            "indicators_summarizedmonth"
        )
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
    parser.add_argument("--sectors", type=int, default=10, help="procedures, each in its own sector")
    parser.add_argument(
        "--catalog",
        type=int,
        default=1900,
        help="published procedures without dossiers (Hanoi has about 1,900)",
    )
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (default: a free one)")
    parser.add_argument("--naive-repeat", type=int, default=5, help="runs of the naive aggregation (p50)")
    parser.add_argument(
        "--baseline-src",
        type=Path,
        help="another checkout's src/ (e.g. main's) served and measured too, in the same run, on the same data",
    )
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
    from motcua.indicators.monthly import summarize_months
    from motcua.indicators.snapshots import end_of_day, take_snapshot

    agencies, officers, version = generate_dossiers.build_fixture(agencies=140, officers_per_agency=5)
    # One procedure per sector: the daily counts have a row per agency, sector and day, as a real year has.
    versions = [version.pk] + [
        generate_dossiers.procedure_version(number=number, competent_agency=agencies[0]).pk
        for number in range(2, args.sectors + 1)
    ]
    created = generate_dossiers.catalog_procedures(count=args.catalog, agencies=agencies)
    print(f"catalog: {created:,} published procedures added ({args.catalog:,} asked for)", flush=True)
    present = Dossier.objects.count()
    if present < args.count:
        began = time.perf_counter()
        generate_dossiers.insert_dossiers(
            count=args.count - present,
            agency_ids=[a.pk for a in agencies],
            officer_ids=[o.pk for o in officers],
            version_id=versions,
            batch=100_000,
            progress=generate_dossiers.progress_printer(),
            steps_and_scope=False,  # the index and the naive aggregation read neither
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

    began = time.perf_counter()
    months = summarize_months()
    print(f"{months} ended months summed per agency in {time.perf_counter() - began:,.1f} s", flush=True)

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
    # First built on every request (what one computation costs), then as served: shared for a minute. With a
    # baseline, its code is served and measured right before this checkout's, on the same data.
    codes = [("baseline: ", args.baseline_src), ("", None)] if args.baseline_src else [("", None)]
    for seconds, how in (("0", "built on every request"), ("60", "shared, built at most 60 s ago")):
        for code, src in codes:
            serve = {**env, "MOTCUA_INDEX_SECONDS": seconds}
            with harness.gunicorn(env=serve, workers=args.workers, port=port, src=src):
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
                    f"| {code}floor: GET /healthz | {floor_one.p50_ms:.1f} | {floor_one.p99_ms:.1f} | "
                    f"{floor_many.rate:,.0f} | | |"
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
                    faster = "" if naive[label] is None else f"{naive[label] / one.p50_ms:,.0f}"
                    print(
                        f"| {code}GET /api/v1/indicators/?period={label} (all agencies, {how})"
                        f"{' ERRORS ' + str(errors) if errors else ''} | {one.p50_ms:.1f} | {one.p99_ms:.1f} | "
                        f"{many.rate:,.0f} | {_naive_text(naive[label])} | {faster} |",
                        flush=True,
                    )
    print("load average after the HTTP runs: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    os.environ.pop("DATABASE_URL", None)


if __name__ == "__main__":
    main()
