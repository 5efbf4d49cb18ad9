"""The officers' queue page (/workspace/ho-so/) over HTTP, for an agency with about 100,000 open dossiers in a
table of 1,000,000 (PostgreSQL).

    .venv/bin/python bench/workspace_queue_bench.py                     # generates once (a few minutes)
    .venv/bin/python bench/workspace_queue_bench.py --reuse --repeat 200
    .venv/bin/python bench/workspace_queue_bench.py --reuse --compare-src ../main/src   # before / after

Starts gunicorn on 127.0.0.1, signs an officer and a leader of the busy agency in (real session cookies), and
times sequential GETs of the queue pages, the dossier page and the leaders' pages (/workspace/lanh-dao/): the wall
time of each request as the client sees it, p50 and p99. The baseline is /healthz (one SELECT 1) in the same run: the cost of the HTTP round trip itself.
The machine's load average at start and end is printed with the table. On a shared machine, compare two versions
of the code with --compare-src: both are served at once and asked in turn, so both see the same load.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate_dossiers, harness  # noqa: E402


def session_cookie(user) -> str:
    """A signed-in session for `user`, stored like the sign-in page stores one."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def timed_get(url: str, cookie: str) -> tuple[float, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            body = response.read()
    except OSError as error:
        raise RuntimeError(f"{url}: {error}") from error
    if response.status != 200:
        raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - started) * 1000, body


def measure(urls: list[str], cookie: str, repeat: int) -> list[tuple[float, float]]:
    """(p50, p99) of each URL: the same page of one server, or of servers compared, asked in turn so that each
    sees the same machine load."""
    for url in urls:
        for _ in range(5):  # warm the workers and the caches
            timed_get(url, cookie)
    times: list[list[float]] = [[] for _ in urls]
    for _ in range(repeat):
        for url, samples in zip(urls, times, strict=True):
            samples.append(timed_get(url, cookie)[0])
    return [(harness.percentile(t, 50), harness.percentile(t, 99)) for t in times]


@dataclass
class Fixture:
    """The busy agency's officer and leader signed in, and what the cases name (a dossier, a cursor)."""

    database_url: str
    officer_cookie: str
    leader_cookie: str
    sample_code: str


def prepare(*, database: str, count: int, busy_share: int, reuse: bool) -> Fixture:
    """The generated database (made when missing or short of `count`), migrated, with signed-in sessions."""
    base = harness.PG_ADMIN_URL.rsplit("/", 1)[0]
    exists = harness.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}'")  # noqa: S608 == "1"
    url = f"{base}/{database}" if (reuse and exists) else harness.fresh_database(database)
    harness.setup_django(url)
    harness.migrate()

    from motcua.accounts.models import Membership, Role, User
    from motcua.dossiers.models import OPEN_STATUSES, Dossier
    from motcua.organization.models import Agency

    present = Dossier.objects.count()
    if present < count:
        started = time.monotonic()
        agencies, officers, version = generate_dossiers.build_fixture(agencies=140, officers_per_agency=5)
        generate_dossiers.insert_dossiers(
            count=count - present,
            agency_ids=[a.pk for a in agencies],
            officer_ids=[o.pk for o in officers],
            version_id=version.pk,
            batch=100_000,
            busy_share=busy_share,
        )
        print(f"generated {count - present:,} dossiers in {time.monotonic() - started:.0f} s")
    agency = Agency.objects.get(code="BENCH000")
    officer = User.objects.get(username="bench_BENCH000_0")
    total = Dossier.objects.count()
    open_here = Dossier.objects.filter(current_agency=agency, status__in=OPEN_STATUSES).count()
    mine = Dossier.objects.filter(assignee=officer, status__in=OPEN_STATUSES).count()
    print(
        f"\n{total:,} dossiers; {open_here:,} open at {agency.code}; {mine:,} open assigned to the officer\n"
    )
    # A leader of the busy agency, for the leaders' pages.
    leader, _created = User.objects.get_or_create(
        username="bench_BENCH000_leader", defaults={"is_active": True}
    )
    Membership.objects.get_or_create(user=leader, role=Role.LEADER, agency=agency)
    sample = (
        Dossier.objects.filter(current_agency=agency, status__in=OPEN_STATUSES).order_by("due_at").first()
    )
    return Fixture(
        database_url=url,
        officer_cookie=session_cookie(officer),
        leader_cookie=session_cookie(leader),
        sample_code=sample.code,
    )


def next_cursor(html: str) -> str:
    """The keyset cursor of the "next page" link of a queue page."""
    return html.rsplit('rel="next"', 1)[0].rsplit("after=", 1)[1].split('"', 1)[0].split("&", 1)[0]


def cases(*, sample_code: str, cursor: str) -> list[tuple[str, str]]:
    """(name, path) of each page timed; names starting with "leader" are asked by the leader."""
    return [
        ("baseline: /healthz", "/healthz"),
        ("agency queue, first page", "/workspace/ho-so/?queue=agency"),
        ("agency queue, next page (keyset)", f"/workspace/ho-so/?queue=agency&after={cursor}"),
        ("agency queue, overdue only", "/workspace/ho-so/?queue=agency&timing=overdue"),
        ("agency queue, due within 1 working day", "/workspace/ho-so/?queue=agency&timing=due_soon"),
        (
            "agency queue, status awaiting supplement",
            "/workspace/ho-so/?queue=agency&status=awaiting_supplement",
        ),
        ("my work", "/workspace/ho-so/?queue=mine"),
        ("to receive", "/workspace/ho-so/?queue=to_receive"),
        ("to return", "/workspace/ho-so/?queue=to_return"),
        ("search by dossier code", f"/workspace/ho-so/?queue=agency&q={sample_code}"),
        ("search by part of a name", "/workspace/ho-so/?queue=agency&q=V%C4%83n+12345"),
        ("dossier page", f"/workspace/ho-so/{sample_code}/"),
        ("leader: overview (four counts)", "/workspace/lanh-dao/"),
        ("leader: approvals", "/workspace/lanh-dao/phe-duyet/"),
        ("leader: overdue list", "/workspace/lanh-dao/thoi-han/?timing=overdue"),
        ("leader: due within 1 working day", "/workspace/lanh-dao/thoi-han/?timing=due_soon"),
    ]


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min, {os.cpu_count()} CPUs)"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--busy-share", type=int, default=55, help="per cent of dossiers at the busy agency")
    parser.add_argument("--database", default="motcua_h_queues_bench")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--port", type=int, default=8201)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="keep an existing generated database")
    parser.add_argument(
        "--compare-src",
        type=Path,
        help="another checkout's src/ (the main branch's, say), served on --compare-port and timed in turn with "
        "this one, request by request",
    )
    parser.add_argument("--compare-port", type=int, help="port of the compared server (default: --port + 1)")
    args = parser.parse_args()

    fixture = prepare(database=args.database, count=args.count, busy_share=args.busy_share, reuse=args.reuse)
    sources = [None, args.compare_src] if args.compare_src else [None]
    ports = [args.port, args.compare_port or args.port + 1][: len(sources)]
    roots = [f"http://127.0.0.1:{port}" for port in ports]
    with contextlib.ExitStack() as servers:
        for port, src in zip(ports, sources, strict=True):
            servers.enter_context(
                harness.gunicorn(
                    env={"DATABASE_URL": fixture.database_url}, workers=args.workers, port=port, src=src
                )
            )
        _elapsed, first = timed_get(f"{roots[0]}/workspace/ho-so/?queue=agency", fixture.officer_cookie)
        load_at_start = load_average()
        results: list[tuple[str, list[tuple[float, float]], int]] = []
        for name, path in cases(sample_code=fixture.sample_code, cursor=next_cursor(first.decode())):
            # The name search reads the whole queue: fewer requests, so that the run stays within minutes.
            repeat = args.repeat if "name" not in name else max(args.repeat // 10, 10)
            cookie = fixture.leader_cookie if name.startswith("leader") else fixture.officer_cookie
            figures = measure([root + path for root in roots], cookie, repeat)
            results.append((name, figures, repeat))
            print(
                f"{name}: " + ", ".join(f"p50 {p50:.1f} ms, p99 {p99:.1f} ms" for p50, p99 in figures),
                flush=True,
            )
        load_at_end = load_average()
    print(f"\nLoad average at start: {load_at_start}\nLoad average at end:   {load_at_end}")
    print(f"Sequential GETs, {args.workers} gunicorn workers each; wall time as the client sees it.")
    servers_named = ["this checkout", f"{args.compare_src}"][: len(sources)]
    print(
        "Servers: " + "; ".join(f"{name} on {root}" for name, root in zip(servers_named, roots, strict=True))
    )
    header = " | ".join(f"p50 ms ({n}) | p99 ms ({n}) | p50 minus baseline" for n in servers_named)
    print(f"\n| page | {header} | requests |\n|---|" + "---|---|---|" * len(sources) + "---|")
    baselines = [p50 for p50, _p99 in results[0][1]]
    for name, figures, repeat in results:
        cells = " | ".join(
            f"{p50:.1f} | {p99:.1f} | {p50 - base:.1f}"
            for (p50, p99), base in zip(figures, baselines, strict=True)
        )
        print(f"| {name} | {cells} | {repeat} |")
    slow = [name for name, figures, _n in results if figures[0][0] >= 50]
    print(f"\np50 at or above 50 ms (this checkout): {', '.join(slow) if slow else 'none'}", flush=True)


if __name__ == "__main__":
    main()
