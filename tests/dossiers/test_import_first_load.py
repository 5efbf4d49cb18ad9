"""The first load (`import-dossiers --first-load`): the whole file in one transaction, the tables' indexes and
foreign keys set aside and made again. What it writes equals what the batch import writes; a bad line anywhere
writes nothing; the schema is left exactly as it was."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from motcua.accounts.models import Role
from motcua.dossiers.imports.first_load import TABLES
from motcua.dossiers.models import Dossier, Event, PauseInterval, Rating, Step
from motcua.indicators.models import DailyCount
from motcua.indicators.rebuild import rebuild_indicators
from tests.dossiers.test_import import MONDAY, apology_line, iso, line
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import setup_procedure

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture
def setup():
    found = setup_procedure()
    found.admin = user_with_role(Role.ADMINISTRATOR, None)
    return found


def _schema() -> list[tuple]:
    """Every index of the dossier tables (its table, columns, expressions, kind, uniqueness and whether it is
    partial: a predicate made again is written with other casts) and every constraint, with its definition."""
    tables = [model._meta.db_table for model in TABLES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, i.indrelid::regclass::text, i.indkey::text, i.indisunique, "
            "i.indisprimary, pg_get_expr(i.indexprs, i.indrelid), i.indpred IS NOT NULL, a.amname "
            "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "WHERE i.indrelid = ANY(%s::regclass[]) ORDER BY 1",
            [tables],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), condeferrable, condeferred "
            "FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
            [tables],
        )
        return indexes + cursor.fetchall()


def _file(tmp_path, lines: list[dict | str]) -> str:
    path = tmp_path / "legacy.jsonl"
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
        encoding="utf-8",
    )
    return str(path)


def _first_load(setup, path: str, *extra: str) -> None:
    call_command(
        "import-dossiers", path, "--first-load", "--batch-size", "2", "--user", setup.admin.username, *extra
    )


def _apologized(setup, code: str) -> dict:
    then = [
        {"kind": "step_completed", "at": iso(MONDAY + timedelta(days=8))},
        {"kind": "resolved", "at": iso(MONDAY + timedelta(days=9)), "outcome": "approved"},
    ]
    return apology_line(
        setup, code, at=MONDAY + timedelta(days=1), new_due_at=MONDAY + timedelta(days=10), then=then
    )


def _content(dossier: Dossier) -> tuple:
    """What a dossier holds, without its keys, code and secret."""
    return (
        Dossier.objects.filter(pk=dossier.pk)
        .values_list("status", "received_at", "due_at", "rescheduled_due_at", "resolved_at", "returned_at")
        .get(),
        list(Step.objects.filter(dossier=dossier).values_list("order", "agency_id", "started_at", "due_at")),
        list(PauseInterval.objects.filter(dossier=dossier).values_list("started_at", "ended_at", "items")),
        list(Rating.objects.filter(dossier=dossier).values_list("level", "rated_at")),
        [
            (e.seq, e.kind, e.at, e.from_status, e.to_status, {**e.payload})
            for e in Event.objects.filter(dossier=dossier).order_by("seq")
        ],
    )


def test_a_first_load_writes_what_the_batch_import_writes_and_leaves_the_schema_as_it_was(
    setup, tmp_path, capsys
):
    before = _schema()
    lines = [line(setup, code=f"FL-{n}") for n in range(5)] + [_apologized(setup, "FL-A")]
    _first_load(setup, _file(tmp_path, lines), "--workers", "2")
    assert "6 dossiers" in capsys.readouterr().out
    assert _schema() == before
    assert Dossier.objects.count() == 6
    # The same lines through the batch import give the same rows, event for event.
    batch_path = _file(tmp_path, [line(setup, code="B-0"), _apologized(setup, "B-A")])
    call_command("import-dossiers", batch_path, "--user", setup.admin.username)
    for first, batch in (("FL-0", "B-0"), ("FL-A", "B-A")):
        assert _content(Dossier.objects.get(code=first)) == _content(Dossier.objects.get(code=batch))
    call_command("verify-audit")  # raises on a broken chain
    assert "every chain verifies" in capsys.readouterr().out
    assert rebuild_indicators(apply=False) == []
    assert DailyCount.objects.exists()


def test_a_bad_line_in_the_last_batch_writes_nothing_of_the_file(setup, tmp_path, capsys):
    before = _schema()
    bad = line(setup, code="FL-4")
    bad["events"] = bad["events"][:1] + [{"kind": "returned", "at": iso(MONDAY + timedelta(days=1))}]
    lines = [line(setup, code=f"FL-{n}") for n in range(4)] + [bad]
    with pytest.raises(SystemExit) as stopped:
        _first_load(setup, _file(tmp_path, lines))
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "Batch 3 (lines 5-5) rejected" in err and "5: events[1].kind" in err
    assert "Nothing of the file was written" in err
    assert not Dossier.objects.exists() and not Event.objects.exists() and not DailyCount.objects.exists()
    assert _schema() == before


def test_a_code_in_the_database_or_earlier_in_the_file_is_refused(setup, tmp_path, capsys):
    call_command(
        "import-dossiers", _file(tmp_path, [line(setup, code="OLD")]), "--user", setup.admin.username
    )
    taken = [line(setup, code="FL-0"), line(setup, code="FL-1"), line(setup, code="OLD")]
    with pytest.raises(SystemExit):
        _first_load(setup, _file(tmp_path, taken))
    assert "3: code: Đã có hồ sơ mã OLD. (code_exists)" in capsys.readouterr().err
    twice = [
        line(setup, code="FL-0"),
        line(setup, code="FL-1"),
        line(setup, code="FL-2"),
        line(setup, code="FL-0"),
    ]
    with pytest.raises(SystemExit):
        _first_load(setup, _file(tmp_path, twice))
    assert "4: code: Đã có hồ sơ mã FL-0. (code_exists)" in capsys.readouterr().err
    assert list(Dossier.objects.values_list("code", flat=True)) == ["OLD"]


def test_a_first_load_is_not_a_dry_run(setup, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--dry-run alone"):
        _first_load(setup, _file(tmp_path, [line(setup)]), "--dry-run")
