"""Render time of the official forms (motcua.documents.official_forms), against WeasyPrint's floor, in one run.

    .venv/bin/python bench/forms_bench.py [--repeat 20]

On a scratch PostgreSQL database: one dossier taken through the whole life cycle by the services (guidance,
receipt, supplement, apology, result, return) plus a refused and a stopped one. Measured, p50 and p99 of
`--repeat` calls each:
1. the receipt end to end (data and events read, template, QR code, PDF with the font subset and embedded);
2. the same receipt's HTML only (the reads, the template and the QR code, no PDF);
3. baseline: WeasyPrint turning a one-line page with the same stylesheet and font into a PDF (a PDF's fixed cost);
then each other form once rendered, for its size.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    harness.setup_django(harness.fresh_database("motcua_bench_forms"))
    harness.migrate()

    from motcua.documents.official_forms import render
    from tests.factories.forms import life_cycle

    cycle = life_cycle()
    applicant = cycle.setup.applicant
    receipt = render.render_form(dossier=cycle.returned, form_key="receipt", user=applicant)  # warm caches
    floor_html = '<html lang="vi"><p>Giấy tiếp nhận hồ sơ</p></html>'

    cases = [
        (
            "receipt, end to end",
            lambda: render.render_form(dossier=cycle.returned, form_key="receipt", user=applicant),
        ),
        (
            "receipt, HTML only",
            lambda: render.form_html(dossier=cycle.returned, form_key="receipt", user=applicant),
        ),
        ("baseline: one-line PDF, same style", lambda: render.html_to_pdf(floor_html)),
    ]
    print(f"Official forms: milliseconds per render ({args.repeat} renders each)")
    print(f"{'case':<36} | {'p50':>7} | {'p99':>7}")
    print("-" * 58)
    for name, fn in cases:
        p50, p99 = harness.timed_ms(fn, repeat=args.repeat)
        print(f"{name:<36} | {p50:7.1f} | {p99:7.1f}")
    print()
    print(f"receipt: {len(receipt.content):,} bytes")
    for dossier, key in [
        (cycle.returned, "completion"),
        (cycle.refused, "refusal"),
        (cycle.returned, "apology"),
        (cycle.stopped, "stop"),
        (cycle.returned, "control"),
    ]:
        p50, _ = harness.timed_ms(
            lambda d=dossier, k=key: render.render_form(dossier=d, form_key=k, user=applicant), repeat=3
        )
        size = len(render.render_form(dossier=dossier, form_key=key, user=applicant).content)
        print(f"{key}: {size:,} bytes, {p50:.1f} ms")


if __name__ == "__main__":
    main()
