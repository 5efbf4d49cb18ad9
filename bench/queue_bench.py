"""Officer and agency queue reads on a large dossier table (PostgreSQL).

    .venv/bin/python bench/queue_bench.py                 # 1,000,000 dossiers (generated once, ~1 minute)
    .venv/bin/python bench/queue_bench.py --count 200000  # smaller

Measures, in one run, the first page (20 rows) of an officer's queue and of an agency's queue through the
selectors the web pages and the API use, and the overdue count, against a baseline: fetching 20 dossier rows by
primary key with raw SQL, the cheapest read of a page there is. Target: officer queue p50 under 10 ms.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate_dossiers, harness  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--database", default="motcua_bench_queue")
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="keep an existing generated database")
    args = parser.parse_args()

    base = harness.PG_ADMIN_URL.rsplit("/", 1)[0]
    exists = harness.psql(f"SELECT 1 FROM pg_database WHERE datname = '{args.database}'")  # noqa: S608 == "1"
    url = f"{base}/{args.database}" if (args.reuse and exists) else harness.fresh_database(args.database)
    harness.setup_django(url)
    harness.migrate()

    from django.db import connection

    from motcua.accounts.models import User
    from motcua.dossiers import selectors
    from motcua.dossiers.models import Dossier
    from motcua.organization.models import Agency

    present = Dossier.objects.count()
    if present < args.count:
        agencies, officers, version = generate_dossiers.build_fixture(agencies=140, officers_per_agency=5)
        generate_dossiers.insert_dossiers(
            count=args.count - present,
            agency_ids=[a.pk for a in agencies],
            officer_ids=[o.pk for o in officers],
            version_id=version.pk,
            batch=100_000,
        )
    total = Dossier.objects.count()
    officer = User.objects.filter(username__startswith="bench_").order_by("id").first()
    agency = Agency.objects.filter(code__startswith="BENCH").order_by("id").first()
    ids = list(Dossier.objects.order_by("-id").values_list("id", flat=True)[:20])

    def baseline() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM dossiers_dossier WHERE id = ANY(%s)", [ids])
            cursor.fetchall()

    cases = [
        ("baseline: 20 rows by primary key, raw SQL", baseline),
        ("officer queue, first page (20)", lambda: list(selectors.officer_queue(user=officer)[:20])),
        ("agency queue, first page (20)", lambda: list(selectors.agency_queue(agency=agency)[:20])),
        (
            "agency queue, overdue only (20)",
            lambda: list(selectors.agency_queue(agency=agency, timing="in_progress_overdue")[:20]),
        ),
        ("agency overdue count", lambda: selectors.dossiers_overdue(agency=agency).count()),
    ]
    print(
        f"\n{total:,} dossiers; officer has {selectors.officer_queue(user=officer).count():,} open, "
        f"agency {selectors.agency_queue(agency=agency).count():,} open\n"
    )
    print("| read | p50 ms | p99 ms |\n|---|---|---|")
    for name, fn in cases:
        for _ in range(10):  # warm the caches and the connection
            fn()
        p50, p99 = harness.timed_ms(fn, repeat=args.repeat)
        print(f"| {name} | {p50:.2f} | {p99:.2f} |")


if __name__ == "__main__":
    main()
