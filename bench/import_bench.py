"""The historical import's rate: generate N realistic JSONL lines, import them with `import-dossiers`, and
compare with taking a sample of the same timelines through the services one dossier at a time.

    .venv/bin/python bench/import_bench.py --count 100000        # into a scratch database motcua_bench_import
    .venv/bin/python bench/import_bench.py --count 100000 --baseline-src ../main/src   # main's rate first

Each import runs as `python -m motcua import-dossiers` in its own process (with another checkout's code for the
baseline), on a fresh database; reported: dossiers/s, events/s, CPU time and peak memory of the import's
processes, and the load average of the machine while it ran.

A year of history at 20 agencies, one procedure of three steps (receipt at the centre, handling, approval at
the department), with the spread of a real year: most dossiers returned (half of them rated), some paused for a
supplement, some late with an apology, some still in progress, a few stopped, withdrawn or refused.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402

HN = ZoneInfo("Asia/Ho_Chi_Minh")
AGENCIES = 20


def build_fixture():
    from decimal import Decimal

    from motcua.accounts.models import Membership, Role, User
    from motcua.catalog.models import (
        AuthorityLevel,
        OnlineLevel,
        Procedure,
        ProcedureVersion,
        ProcessStep,
        ResultForm,
        Sector,
    )
    from motcua.organization.models import AdministrativeUnit, Agency

    city, _ = AdministrativeUnit.objects.get_or_create(
        code="01", defaults={"name": "Thành phố Hà Nội", "level": AdministrativeUnit.Level.PROVINCE}
    )

    def agency(code, name, kind, receives):
        found, _ = Agency.objects.get_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "administrative_unit": city, "receives_dossiers": receives},
        )
        return found

    centre = agency("TTHCC", "Trung tâm Phục vụ hành chính công", Agency.Kind.SERVICE_CENTRE, True)
    departments = [agency(f"SO{i:02d}", f"Sở {i}", Agency.Kind.DEPARTMENT, False) for i in range(AGENCIES)]
    sector, _ = Sector.objects.get_or_create(code="BENCH", defaults={"name": "Đo hiệu năng"})
    procedure, _ = Procedure.objects.get_or_create(
        code="BENCH.IMPORT",
        defaults={"sector": sector, "name": "Thủ tục đo nhập", "authority_level": AuthorityLevel.PROVINCE},
    )
    version, _ = ProcedureVersion.objects.get_or_create(
        procedure=procedure,
        number=1,
        defaults={
            "status": ProcedureVersion.Status.PUBLISHED,
            "name": procedure.name,
            "authority_level": AuthorityLevel.PROVINCE,
            "competent_agency": departments[0],
            "processing_time_amount": 5,
            "online_level": OnlineLevel.FULL,
            "channels": ["online", "counter"],
            "result_form": ResultForm.BOTH,
        },
    )
    for order, (role, place, budget) in enumerate(
        [("receiving_officer", centre, "0.5"), ("specialist", None, "3.5"), ("leader", None, "1")], start=1
    ):
        ProcessStep.objects.get_or_create(
            version=version,
            order=order,
            defaults={"name": f"Bước {order}", "role": role, "agency": place, "time_budget": Decimal(budget)},
        )
    Procedure.objects.filter(pk=procedure.pk).update(current_version=version)
    admin, created = User.objects.get_or_create(username="bench_admin")
    if created:
        Membership.objects.create(user=admin, role=Role.ADMINISTRATOR)
    people = {}
    for role, where in (
        ("receiving_officer", [centre]),
        ("specialist", departments),
        ("leader", departments),
    ):
        for place in where:
            user, created = User.objects.get_or_create(username=f"bench_{role}_{place.code}")
            if created:
                Membership.objects.create(user=user, role=role, agency=place)
            people[role, place.code] = user
    return centre, departments, version, admin, people


def iso(moment: datetime) -> str:
    return moment.isoformat()


def timeline(rng: random.Random, received: datetime) -> list[dict]:
    """One realistic timeline after receipt (the received event first)."""
    t = received
    events: list[dict] = [{"kind": "received", "officer": "Cán bộ một cửa"}]

    def later(hours: float) -> str:
        nonlocal t
        t += timedelta(hours=hours)
        return iso(t)

    roll = rng.random()
    if roll < 0.02:
        return [{"kind": "refused", "at": iso(received), "reasons": "Không thuộc thẩm quyền"}]
    events.append({"kind": "assigned", "at": later(0.5), "officer": "Chuyên viên"})
    if roll < 0.12:
        return events  # still being handled
    if roll < 0.20:
        events.append(
            {"kind": "supplement_requested", "at": later(3), "reason": "Thiếu giấy tờ", "items": ["Tờ khai"]}
        )
        events.append({"kind": "supplemented", "at": later(30)})
    if 0.20 <= roll < 0.22:
        events.append(
            {
                "kind": "apologized",
                "at": later(1),
                "reason": "Cần xác minh",
                "new_due_at": iso(received + timedelta(days=30)),
            }
        )
    if 0.22 <= roll < 0.24:
        events.append(
            {"kind": rng.choice(["stopped", "withdrawn"]), "at": later(20), "reasons": "Theo đề nghị"}
        )
        return events
    events.append({"kind": "forwarded", "at": later(rng.uniform(4, 60)), "outcome": "Đủ điều kiện"})
    denied = rng.random() < 0.05
    events.append(
        {"kind": "resolved", "at": later(rng.uniform(2, 40)), "outcome": "denied" if denied else "approved"}
        | ({"reasons": "Không đủ điều kiện"} if denied else {})
    )
    events.append({"kind": "returned", "at": later(rng.uniform(1, 48))})
    if rng.random() < 0.5:
        level = rng.choices(["very_satisfied", "satisfied", "not_satisfied"], [60, 37, 3])[0]
        events.append({"kind": "rated", "at": later(2), "level": level})
    return events


def generate(path: Path, *, count: int, seed: int = 7) -> None:
    from motcua.dossiers.imports.history import working_moment

    rng = random.Random(seed)
    first = date(2025, 1, 2)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            received = working_moment(rng, first + timedelta(days=rng.randrange(0, 360)))
            online = rng.random() < 0.6
            fee = rng.choice([0, 0, 50000, 100000])
            line = {
                "code": f"LEG-{n:08d}",
                "procedure": "BENCH.IMPORT",
                "receiving_agency": "TTHCC",
                "competent_agency": f"SO{n % AGENCIES:02d}",
                "channel": "online" if online else "counter",
                "applicant": {
                    "name": "Nguyễn Văn An",
                    "personal_id": f"001{rng.choice('0123')}{rng.randrange(0, 100):02d}{rng.randrange(0, 10**6):06d}",
                    "phone": f"09{rng.randrange(0, 10**8):08d}",
                    "email": f"cong.dan{n}@example.vn",
                    "address": "Số 1 Tràng Tiền, Hoàn Kiếm",
                },
                "submitted_at": iso(received - timedelta(minutes=rng.randrange(5, 600))),
                "received_at": iso(received),
                "fee": {"total": fee, "paid": (rng.choice(["online", "counter"]) if fee else None)},
                "documents": [
                    {
                        "component": "TK",
                        "digitized": online or rng.random() < 0.7,
                        "reused": rng.random() < 0.2,
                    }
                ],
                "events": timeline(rng, received),
            }
            if line["events"][0]["kind"] == "refused":  # refused at intake: never received
                del line["received_at"]
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def through_services(*, count: int, centre, departments, version, people) -> float:
    """The same kind of timeline, one dossier at a time through the services (time moved for each step)."""
    import time_machine

    from motcua.dossiers import services
    from motcua.dossiers.imports.history import working_moment

    rng = random.Random(11)
    started = time.perf_counter()
    for _ in range(count):
        dept = departments[0]  # the version's competent agency
        received = working_moment(rng, date(2025, 1, 2) + timedelta(days=rng.randrange(0, 360)))
        specialist, leader = people["specialist", dept.code], people["leader", dept.code]
        officer = people["receiving_officer", centre.code]
        with time_machine.travel(received - timedelta(minutes=30), tick=False):
            d = services.dossier_submit(
                actor=officer,
                applicant=services.ApplicantData(name="Nguyễn Văn An", phone="0912345678"),
                channel="counter",
                procedure_code=version.procedure.code,
                receiving_agency_code=centre.code,
                on_behalf_consent=True,
            )
        with time_machine.travel(received, tick=False):
            d = services.dossier_receive(code=d.code, actor=officer, version=d.version)
        with time_machine.travel(received + timedelta(hours=1), tick=False):
            d = services.dossier_assign(
                code=d.code, actor=specialist, version=d.version, to_user=specialist.pk
            )
        with time_machine.travel(received + timedelta(hours=20), tick=False):
            d = services.dossier_forward(
                code=d.code, actor=specialist, version=d.version, outcome="Đủ điều kiện"
            )
        with time_machine.travel(received + timedelta(hours=30), tick=False):
            d = services.dossier_resolve(
                code=d.code, actor=leader, version=d.version, outcome="denied", reasons="Không đủ điều kiện"
            )
        with time_machine.travel(received + timedelta(hours=40), tick=False):
            services.dossier_return(code=d.code, actor=officer, version=d.version)
    return count / (time.perf_counter() - started)


def run_import(
    path: Path, *, src: Path, database_url: str, workers: int, batch_size: int, first_load: bool = False
) -> dict:
    """`import-dossiers` in its own process with the code under `src`; its wall time, CPU time (the command and
    its workers), peak memory (the command and its workers together) and the load average around it."""
    env = dict(os.environ, PYTHONPATH=str(src), DATABASE_URL=database_url)
    command = [sys.executable, "-m", "motcua", "import-dossiers", str(path), "--batch-size", str(batch_size)]
    command += ["--workers", str(workers), "--user", "bench_admin"] + (["--first-load"] if first_load else [])
    load_before = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, harness.rss_mib(harness.child_pids(process.pid)))
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    out, err = process.communicate()
    if process.returncode:
        raise SystemExit(f"import failed ({process.returncode}): {err[-2000:]}")
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mib": peak,
        "load": (load_before + os.getloadavg()[0]) / 2,
        "output": out.strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument(
        "--workers", default="1,2", help="comma-separated worker counts, each timed on a fresh database"
    )
    parser.add_argument(
        "--first-load",
        default="1,2",
        help="comma-separated worker counts of `--first-load` runs (one transaction, indexes made at the end), "
        "each on a fresh database; empty for none",
    )
    parser.add_argument("--database", default="motcua_bench_import", help="the scratch database")
    parser.add_argument("--services-sample", type=int, default=300, help="dossiers through the services")
    parser.add_argument(
        "--baseline-src",
        type=Path,
        help="another checkout's src (e.g. of main), imported the same way first with one worker, as a baseline",
    )
    parser.add_argument(
        "--src", type=Path, default=harness.ROOT / "src", help="the code imported (this checkout's)"
    )
    parser.add_argument("--no-checks", action="store_true", help="skip verify-audit and rebuild-indicators")
    args = parser.parse_args()

    url = harness.fresh_database(args.database)
    harness.setup_django(url)
    path = harness.ROOT / "var" / f"import_bench_{args.count}.jsonl"
    path.parent.mkdir(exist_ok=True)
    started = time.perf_counter()
    generate(path, count=args.count)
    print(
        f"generated {args.count} lines ({path.stat().st_size / 2**20:.1f} MiB) in {time.perf_counter() - started:.1f} s"
    )

    from django.core.management import call_command
    from django.db import connection

    from motcua.dossiers.models import Dossier, Event
    from motcua.indicators.rebuild import rebuild_indicators

    # This checkout's runs first, the baseline's (slower) last.
    runs = [("this", args.src, int(w)) for w in args.workers.split(",") if w]
    runs += [("first load", args.src, int(w)) for w in args.first_load.split(",") if w]
    runs += [("baseline", args.baseline_src, 1)] if args.baseline_src else []
    rates = {}
    for index, (label, src, workers) in enumerate(runs):
        if index:  # a fresh database for each run, so every run writes into the same empty tables
            connection.close()
            harness.fresh_database(args.database)
        harness.migrate()
        centre, departments, version, admin, people = build_fixture()
        connection.close()
        run = run_import(
            path,
            src=src,
            database_url=url,
            workers=workers,
            batch_size=args.batch_size,
            first_load=label == "first load",
        )
        dossiers, events = Dossier.objects.count(), Event.objects.count()
        seconds = run["seconds"]
        rates[label, workers] = dossiers / seconds
        print(
            f"import ({label}, {workers} worker(s)): {dossiers} dossiers, {events} events in {seconds:.1f} s: "
            f"{dossiers / seconds:,.0f} dossiers/s, {events / seconds:,.0f} events/s; "
            f"CPU of the import processes {run['cpu']:.1f} s ({1e6 * run['cpu'] / dossiers:,.0f} us/dossier), "
            f"peak memory {run['peak_mib']:.0f} MiB, load average {run['load']:.1f}"
        )
        if label == "first load":
            print(f"  the command: {run['output'].splitlines()[-1]}")
        if args.no_checks or label == "baseline":
            continue
        started = time.perf_counter()
        call_command("verify-audit")
        print(f"verify-audit: {time.perf_counter() - started:.1f} s")
        found = rebuild_indicators(apply=False)
        print(f"rebuild-indicators --check: {len(found)} differences")
    if ("baseline", 1) in rates:
        for (label, workers), rate in rates.items():
            if label != "baseline":
                print(f"{label}, {workers} worker(s): {rate / rates['baseline', 1]:.1f}x the baseline's rate")

    if args.services_sample:
        rate = through_services(
            count=args.services_sample, centre=centre, departments=departments, version=version, people=people
        )
        best = max(rates.values())
        print(
            f"through the services, one dossier at a time: {rate:,.0f} dossiers/s "
            f"(the import is {best / rate:,.0f}x faster)"
        )


if __name__ == "__main__":
    main()
