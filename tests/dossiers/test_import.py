"""The historical import: a timeline imported equals what the services produce; every error names its line and
field; a batch is all or nothing; the chain verifies; the counts equal a rebuild; nothing goes to the outbox."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from motcua.accounts.models import Role
from motcua.dossiers import services
from motcua.dossiers.imports import ImportRejected, import_dossiers
from motcua.dossiers.models import Dossier, DossierAgency, Event, PauseInterval, Rating
from motcua.dossiers.selectors import timing_class
from motcua.indicators.rebuild import rebuild_indicators
from motcua.notifications.models import OutboxMessage
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import applicant_data, setup_procedure

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=HN)  # 5 working days -> due Monday 16 March 09:00


def iso(moment: datetime) -> str:
    return moment.isoformat()


def line(setup, code="LEGACY-0001", **overrides) -> dict:
    base = {
        "code": code,
        "procedure": setup.version.procedure.code,
        "receiving_agency": setup.centre.code,
        "competent_agency": setup.department.code,
        "channel": "online",
        "applicant": {"name": "Nguyễn Văn An", "phone": "0912345678", "email": "an@example.vn"},
        "submitted_at": iso(MONDAY - timedelta(minutes=30)),
        "received_at": iso(MONDAY),
        "fee": {"total": 0, "paid": None},
        "documents": [{"component": "TK", "digitized": True, "reused": False}],
        "events": [
            {"kind": "received", "officer": "Lê Thị Bình"},
            {
                "kind": "supplement_requested",
                "at": iso(MONDAY + timedelta(hours=2)),
                "reason": "Thiếu",
                "items": ["Tờ khai"],
            },
            {"kind": "supplemented", "at": iso(MONDAY + timedelta(days=1))},
            {"kind": "step_completed", "at": iso(MONDAY + timedelta(days=2)), "outcome": "Đủ điều kiện"},
            {"kind": "resolved", "at": iso(MONDAY + timedelta(days=3)), "outcome": "approved"},
            {"kind": "returned", "at": iso(MONDAY + timedelta(days=3, hours=2))},
            {"kind": "rated", "at": iso(MONDAY + timedelta(days=4)), "level": "satisfied"},
        ],
    }
    base.update(overrides)
    return base


def apology_line(setup, code: str, *, at: datetime, new_due_at: datetime, then: list[dict] = ()) -> dict:
    """A line received at MONDAY with an apology at `at`, then the events `then`."""
    apology = {"kind": "apologized", "at": iso(at), "reason": "Chậm", "new_due_at": iso(new_due_at)}
    return line(setup, code=code, events=[{"kind": "received"}, apology, *then])


def run(setup, *lines, dry_run=False):
    return import_dossiers(rows=list(enumerate(lines, start=1)), actor=setup.admin, dry_run=dry_run)


@pytest.fixture
def setup():
    found = setup_procedure()
    found.admin = user_with_role(Role.ADMINISTRATOR, None)
    return found


def through_services(setup) -> Dossier:
    """The same timeline as `line()`, taken through the services at the same moments."""

    def at(moment):
        return time_machine.travel(moment, tick=False)

    with at(MONDAY - timedelta(minutes=30)):
        d = services.dossier_submit(
            actor=setup.applicant,
            applicant=applicant_data(),
            channel="online",
            procedure_code=setup.version.procedure.code,
            receiving_agency_code=setup.centre.code,
        )
    with at(MONDAY):
        d = services.dossier_receive(code=d.code, actor=setup.officer, version=d.version)
    with at(MONDAY + timedelta(hours=2)):
        d = services.dossier_request_supplement(
            code=d.code, actor=setup.specialist, version=d.version, reason="Thiếu", items=["Tờ khai"]
        )
    with at(MONDAY + timedelta(days=1)):
        d = services.dossier_supplement(code=d.code, actor=setup.applicant, version=d.version)
    with at(MONDAY + timedelta(days=2)):
        d = services.dossier_complete_step(
            code=d.code, actor=setup.specialist, version=d.version, outcome="x"
        )
    return d


def test_a_full_timeline_is_a_real_dossier_with_its_steps_pauses_rating_and_scope(setup):
    result = run(setup, line(setup))
    assert (result.dossiers, result.events) == (1, 8)
    d = Dossier.objects.get(code="LEGACY-0001")
    assert d.status == "returned"
    assert d.received_at == MONDAY
    assert d.resolved_at == MONDAY + timedelta(days=3)
    # Paused Monday 11:00 to Tuesday 09:00: 6 working hours given back; due 16 March 09:00 -> 16:00.
    assert d.due_at == datetime(2026, 3, 16, 16, 0, tzinfo=HN)
    assert timing_class(d) == "resolved_early"
    assert [e.kind for e in d.events.order_by("seq")] == [
        "submitted",
        "received",
        "supplement_requested",
        "supplemented",
        "step_completed",
        "resolved",
        "returned",
        "rated",
    ]
    assert all(e.payload["imported"] is True for e in d.events.all())
    assert all(s.finished_at is not None for s in d.steps.all())
    pause = PauseInterval.objects.get(dossier=d)
    assert (pause.started_at, pause.ended_at) == (MONDAY + timedelta(hours=2), MONDAY + timedelta(days=1))
    assert Rating.objects.get(dossier=d).level == "satisfied"
    assert set(DossierAgency.objects.filter(dossier=d).values_list("agency_id", flat=True)) == {
        setup.centre.pk,
        setup.department.pk,
    }
    assert not OutboxMessage.objects.filter(dossier_id=d.pk).exists()


def test_imported_equals_what_the_services_produce(setup):
    # The services' dossier, up to the moment the result needs a document, compared on the same timeline.
    theirs = through_services(setup)
    ours_line = line(setup)
    ours_line["events"] = ours_line["events"][:4]  # received, paused, supplemented, the step completed
    run(setup, ours_line)
    ours = Dossier.objects.get(code="LEGACY-0001")
    theirs.refresh_from_db()
    for name in (
        "status",
        "received_at",
        "started_at",
        "due_at",
        "time_kind",
        "time_amount",
        "current_agency_id",
    ):
        assert getattr(ours, name) == getattr(theirs, name), name
    assert [e.kind for e in ours.events.order_by("seq")] == [e.kind for e in theirs.events.order_by("seq")]
    assert [(e.from_status, e.to_status) for e in ours.events.order_by("seq")] == [
        (e.from_status, e.to_status) for e in theirs.events.order_by("seq")
    ]
    assert [(s.order, s.due_at, s.finished_at) for s in ours.steps.order_by("order")] == [
        (s.order, s.due_at, s.finished_at) for s in theirs.steps.order_by("order")
    ]
    assert ours.version == theirs.version
    assert timing_class(ours) == timing_class(theirs)


def test_the_chain_verifies_and_counts_equal_a_rebuild(setup, capsys):
    lines = [line(setup, code=f"LEGACY-{n:04d}") for n in range(5)]
    lines[1]["events"] = lines[1]["events"][:1] + [
        {"kind": "stopped", "at": iso(MONDAY + timedelta(days=1)), "reasons": "Sai thẩm quyền"}
    ]
    lines[2]["events"] = [{"kind": "refused", "at": iso(MONDAY), "reasons": "Không thuộc thẩm quyền"}]
    del lines[2]["received_at"]
    lines[3]["fee"] = {"total": 50000, "paid": "online"}
    run(setup, *lines)
    call_command("verify-audit")
    assert "every chain verifies" in capsys.readouterr().out
    assert rebuild_indicators(apply=False) == []


def test_a_given_due_moment_is_kept_and_judges_the_dossier(setup):
    given = MONDAY + timedelta(days=1)  # the legacy due moment: the result on day 3 is late
    run(setup, line(setup, due_at=iso(given)))
    d = Dossier.objects.get(code="LEGACY-0001")
    assert d.due_at == given
    assert timing_class(d) == "resolved_late"
    assert rebuild_indicators(apply=False) == []


CASES = [
    (lambda x, _s: x.update(procedure="9.999999"), "procedure", "unknown_procedure"),
    (lambda x, _s: x.update(competent_agency="NOPE"), "competent_agency", "unknown_agency"),
    (lambda x, _s: x.update(code="bad code!"), "code", "invalid_code"),
    (lambda x, _s: x.update(channel="fax"), "channel", "invalid_choice"),
    (lambda x, _s: x["applicant"].update(personal_id="123"), "applicant.personal_id", "invalid_personal_id"),
    (lambda x, _s: x["applicant"].update(phone="12345"), "applicant.phone", "invalid_phone"),
    (lambda x, _s: x["applicant"].update(email="x@"), "applicant.email", "invalid_email"),
    (lambda x, _s: x.update(submitted_at="yesterday"), "submitted_at", "invalid_datetime"),
    (lambda x, _s: x["events"][3].update(at=iso(MONDAY)), "events[3].at", "out_of_order"),
    (
        lambda x, _s: x["events"].insert(1, {"kind": "returned", "at": iso(MONDAY)}),
        "events[1].kind",
        "not_allowed_in_state",
    ),
    (lambda x, _s: x["events"].pop(2), "events[2].kind", "not_allowed_in_state"),  # completed while paused
    (
        lambda x, _s: x["events"][3].update(kind="forwarded"),
        "events[3].kind",
        "no_next_step",
    ),  # from the last
    (lambda x, _s: x["events"][4].update(outcome="maybe"), "events[4].outcome", "invalid_outcome"),
    (lambda x, _s: x["events"][6].update(level="great"), "events[6].level", "invalid_level"),
    (
        lambda x, _s: x["events"].append(
            {"kind": "rated", "at": iso(MONDAY + timedelta(days=5)), "level": "satisfied"}
        ),
        "events[7].kind",
        "not_allowed_in_state",
    ),
    (
        lambda x, _s: x["events"].insert(
            3,
            {
                "kind": "supplement_requested",
                "at": iso(MONDAY + timedelta(days=1)),
                "reason": "Lại",
                "items": ["x"],
            },
        ),
        "events[3].kind",
        "supplement_already_requested",
    ),
    (
        lambda x, _s: x["events"].insert(
            1,
            {
                "kind": "apologized",
                "at": iso(MONDAY + timedelta(hours=1)),
                "reason": "Chậm",
                "new_due_at": iso(MONDAY),
            },
        ),
        "events[1].new_due_at",
        "invalid_new_due",
    ),
    (lambda x, _s: x["events"][1].update(items=[]), "events[1].items", "required"),
    (lambda x, _s: x["events"].append({"kind": "teleported"}), "events[7].kind", "unknown_event"),
]


@pytest.mark.parametrize(("change", "field", "code"), CASES, ids=[c[2] + ":" + c[1] for c in CASES])
def test_each_error_names_its_line_and_field(setup, change, field, code):
    good, bad = line(setup, code="GOOD-1"), line(setup, code="BAD-1")
    change(bad, setup)
    with pytest.raises(ImportRejected) as caught:
        run(setup, good, bad)
    errors = caught.value.as_dict("en")["details"]["errors"]
    assert [(e["line"], e["field"], e["code"]) for e in errors] == [(2, field, code)]
    assert errors[0]["message"]
    assert caught.value.as_dict("vi")["details"]["errors"][0]["message"] != errors[0]["message"]
    assert not Dossier.objects.exists()  # all or nothing: the good line is not written either
    assert not Event.objects.exists()


def test_duplicate_codes_in_the_file_and_in_the_database(setup):
    run(setup, line(setup, code="TAKEN-1"))
    with pytest.raises(ImportRejected) as caught:
        run(setup, line(setup, code="NEW-1"), line(setup, code="NEW-1"), line(setup, code="TAKEN-1"))
    errors = [(e.line, e.field, e.code) for e in caught.value.errors]
    assert errors == [(2, "code", "duplicate_code"), (3, "code", "code_exists")]
    assert Dossier.objects.count() == 1


def test_dry_run_checks_everything_and_writes_nothing(setup):
    result = run(setup, line(setup), dry_run=True)
    assert (result.dossiers, result.events, result.dry_run) == (1, 8, True)
    assert not Dossier.objects.exists()


def _write(path, rows) -> str:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_the_command_commits_batches_and_names_the_one_that_failed(setup, tmp_path, capsys):
    path = tmp_path / "legacy.jsonl"
    rows = [json.dumps(line(setup, code=f"L-{n}"), ensure_ascii=False) for n in range(6)]
    call_command(
        "import-dossiers",
        _write(tmp_path / "first.jsonl", [json.dumps(line(setup, code="F-0"))]),
        "--user",
        setup.admin.username,
    )
    bad = line(setup, code="L-2")
    bad["channel"] = "fax"
    rows[2], rows[3] = json.dumps(bad), "not json"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        call_command("import-dossiers", str(path), "--batch-size", "2", "--user", setup.admin.username)
    assert stopped.value.code == 1
    out = capsys.readouterr()
    assert "3: channel" in out.err and "4: " in out.err and "invalid_json" in out.err
    assert "batch 2" in out.err.lower() or "lô 2" in out.err.lower()
    # The first batch (lines 1-2) stays; the failed batch (lines 3-4) and later ones do not.
    assert sorted(Dossier.objects.values_list("code", flat=True)) == ["F-0", "L-0", "L-1"]
    # The first batch's counts were added to the rows of its days, the failed batch's rolled back with it.
    assert rebuild_indicators(apply=False) == []


def test_the_example_line_of_the_documentation_imports(setup):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text(encoding="utf-8")
    example = json.loads(next(x for x in doc.splitlines() if x.startswith('{"code"')))
    example["procedure"] = setup.version.procedure.code
    result = run(setup, example)
    assert (result.dossiers, result.events) == (1, 10)
    d = Dossier.objects.get(code=example["code"])
    assert (d.status, d.fee_status, d.applicant_phone) == ("returned", "paid_online", "+84912345678")
    assert d.rescheduled_due_at == datetime(2025, 3, 21, 16, 0, tzinfo=HN)


@pytest.mark.django_db(transaction=True)
def test_workers_import_batches_in_parallel_with_chains_and_counts_intact(tmp_path, capsys):
    setup = setup_procedure()
    setup.admin = user_with_role(Role.ADMINISTRATOR, None)
    rows = [json.dumps(line(setup, code=f"W-{n:02d}"), ensure_ascii=False) for n in range(9)]
    bad = line(setup, code="W-07")
    bad["events"] = bad["events"][:1] + [{"kind": "returned", "at": iso(MONDAY + timedelta(days=1))}]
    rows[7] = json.dumps(bad)
    path = _write(tmp_path / "legacy.jsonl", rows)
    with pytest.raises(SystemExit):
        call_command(
            "import-dossiers", path, "--batch-size", "2", "--workers", "2", "--user", setup.admin.username
        )
    out = capsys.readouterr()
    assert "Batch 4 (lines 7-8) rejected" in out.err and "8: events[1].kind" in out.err
    codes = set(Dossier.objects.values_list("code", flat=True))
    # Batches 1-3 came before the rejected one and were written whole; batch 4 wrote nothing.
    assert {f"W-{n:02d}" for n in range(6)} <= codes and not codes & {"W-06", "W-07"}
    rows[7] = json.dumps(line(setup, code="W-07"))
    call_command("import-dossiers", _write(tmp_path / "rest.jsonl", rows[6:8]), "--workers", "2")
    assert Dossier.objects.filter(code__in=["W-06", "W-07"]).count() == 2
    call_command("verify-audit")  # raises on a broken chain
    assert "every chain verifies" in capsys.readouterr().out
    assert rebuild_indicators(apply=False) == []
