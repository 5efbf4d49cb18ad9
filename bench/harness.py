"""Shared plumbing for the benchmarks: a scratch PostgreSQL database, Django set-up, gunicorn, wrk, pgbench.

Benchmarks are scripts, not tests: they print figures next to a baseline measured in the same run.
Everything runs on 127.0.0.1 with bounded durations.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def psql(sql: str, *, database_url: str = PG_ADMIN_URL) -> str:
    result = subprocess.run(
        ["psql", database_url, "-v", "ON_ERROR_STOP=1", "-qtAc", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def fresh_database(name: str) -> str:
    """Drop and create a scratch database; return its URL."""
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{name}"


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    # DEBUG is off in the benchmarks, as in production, so the settings want a secret key: a throwaway one for
    # the scratch database (SECRET_KEY or var/secret_key win), also inherited by the servers started here.
    if not os.environ.get("SECRET_KEY", "").strip() and not (ROOT / "var" / "secret_key").is_file():
        os.environ["SECRET_KEY"] = secrets.token_urlsafe(64)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def child_pids(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [pid, *map(int, out)]


@contextlib.contextmanager
def gunicorn(
    *,
    env: dict[str, str],
    workers: int,
    port: int,
    app: str = "motcua.wsgi:application",
    src: Path | None = None,
) -> Iterator[int]:
    """Serve `app` on 127.0.0.1:port with sync workers; yield the master pid. `src`: the code to serve (this
    checkout's src/ by default; another checkout's, to compare)."""
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            # A worker imports the application on its first request: on a machine busy with other work that can
            # take longer than gunicorn's default 30 s, and the worker would be killed mid-import.
            "--timeout",
            "120",
            "--pythonpath",
            f"{src or ROOT / 'src'},{ROOT}",
        ],
        # Another checkout's code comes first on the path, before this one's (which PYTHONPATH may name).
        env={**os.environ, **env, **({"PYTHONPATH": f"{src}"} if src else {})},
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 120  # four workers importing Django on a busy machine can take a while
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


@dataclass
class LoadResult:
    name: str
    requests: int
    errors: int
    rate: float
    p50_ms: float
    p99_ms: float
    rss_mib: float = 0.0

    def row(self) -> str:
        return (
            f"| {self.name} | {self.rate:,.0f} | {self.p50_ms:.1f} | {self.p99_ms:.1f} | {self.requests:,} | "
            f"{self.errors} | {self.rss_mib:.0f} |"
        )


TABLE_HEADER = "| what | requests/s | p50 ms | p99 ms | requests | errors | server RSS MiB |\n|---|---|---|---|---|---|---|"

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if not match:
        raise ValueError(text)
    return float(match.group(1)) * _UNITS[match.group(2)]


def wrk(
    *, name: str, url: str, script: Path, env: dict[str, str], duration: int, connections: int
) -> LoadResult:
    """Run wrk with a Lua script; wrk's own latency percentiles are used (from --latency).

    A request counts as an error when it fails or answers other than 2xx/3xx; slow is not an error (wrk's
    default 2 s timeout would count the slowest counter intakes under full load as failures)."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",  # wrk needs at least one connection per thread
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        errors += int(non2xx.group(1))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors += sum(int(x) for x in socket_errors.groups())
    return LoadResult(name, requests, errors, rate, p50, p99)


def pgbench(*, name: str, database_url: str, script: Path, duration: int, clients: int) -> LoadResult:
    out = subprocess.run(
        [
            "pgbench",
            "-n",
            "-f",
            str(script),
            "-c",
            str(clients),
            "-j",
            "2",
            "-T",
            str(duration),
            "--log",
            "--log-prefix",
            str(script.parent / "pgbench_log"),
            database_url,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=script.parent,
    ).stdout
    latencies: list[float] = []
    for log in script.parent.glob("pgbench_log*"):
        for line in log.read_text().split("\n"):
            parts = line.split()
            if len(parts) >= 3:
                latencies.append(int(parts[2]) / 1000)
        log.unlink()
    rate = float(re.search(r"tps = ([\d.]+)", out).group(1))
    requests = int(re.search(r"number of transactions actually processed: (\d+)", out).group(1))
    failed = re.search(r"number of failed transactions: (\d+)", out)
    return LoadResult(
        name,
        requests,
        int(failed.group(1)) if failed else 0,
        rate,
        percentile(latencies, 50),
        percentile(latencies, 99),
    )


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def cpu_and_wall_ms(fn, *, repeat: int) -> tuple[list[float], list[float], object]:
    """CPU time of this process and wall time, in milliseconds, of `repeat` calls of fn(); and the last result.
    CPU time is steadier than the wall clock on a busy machine but leaves out the database's own work."""
    cpu, wall, result = [], [], None
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    return cpu, wall, result


def timed_ms(fn, *, repeat: int) -> tuple[float, float]:
    """p50 and p99 in milliseconds of `repeat` calls of fn()."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), percentile(samples, 99)
