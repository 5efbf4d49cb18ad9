"""The pieces that make the historical import fast keep what it writes exact: the COPY text of awkward values,
the lookup secrets made in bulk, and the calendars read once per run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from motcua.deadlines import selectors as deadlines
from motcua.dossiers.imports import Lookups, import_dossiers
from motcua.dossiers.imports.copy_text import copy_text
from motcua.dossiers.models import Dossier, Event, PauseInterval
from motcua.dossiers.services.intake import LOOKUP_ALPHABET, LOOKUP_SECRET_LENGTH, lookup_secrets
from tests.dossiers.test_import import MONDAY, apology_line, line, run
from tests.dossiers.test_import import setup as setup  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

AWKWARD = "Nguyễn\tVăn\\An\r\nb\\N \\t"


def test_text_with_tabs_newlines_and_backslashes_is_stored_as_given_and_its_chain_verifies(setup, capsys):
    data = line(setup, applicant={"name": AWKWARD, "address": "Số 1\nTràng Tiền\\"})
    data["events"][0]["officer"] = AWKWARD
    data["events"][1]["items"] = [AWKWARD, "\\N"]
    run(setup, data)
    dossier = Dossier.objects.get(code=data["code"])
    assert (dossier.applicant_name, dossier.address_street) == (AWKWARD, "Số 1\nTràng Tiền\\")
    received = Event.objects.get(dossier=dossier, kind="received")
    assert received.payload["officer"] == AWKWARD and received.payload["imported"] is True
    assert PauseInterval.objects.get(dossier=dossier).items == [AWKWARD, "\\N"]
    call_command("verify-audit")
    assert "every chain verifies" in capsys.readouterr().out


@dataclass
class _Row:
    name: str | None
    flag: bool | None
    at: datetime | None
    data: object


def test_copy_text_escapes_text_and_json_writes_nulls_and_appends_defaults():
    from django.db import models

    name, flag, at, data = (
        models.CharField(),
        models.BooleanField(),
        models.DateTimeField(),
        models.JSONField(),
    )
    name.attname, flag.attname, at.attname, data.attname = "name", "flag", "at", "data"
    missing = models.IntegerField(default=7)
    rows = [
        _Row("a\tb\\c\nd\re", True, MONDAY, {"k": "x\ty", "n": None}),
        _Row(None, None, None, None),
    ]
    text = copy_text([name, flag, at, data], [missing], rows)
    assert text == (
        'a\\tb\\\\c\\nd\\re\tt\t2026-03-09T09:00:00+07:00\t{"k":"x\\\\ty","n":null}\t7\n'
        "\\N\t\\N\t\\N\tnull\t7\n"
    )


def test_copy_text_of_columns_with_nothing_to_escape_and_of_one_moment_in_two_zones():
    """Columns with nothing to escape are written as they are (one check per column); a moment is written in
    its own zone, even when the same instant was written before in another."""
    from django.db import models

    name, flag, at, data, number = (
        models.CharField(),
        models.BooleanField(),
        models.DateTimeField(),
        models.JSONField(),
        models.IntegerField(null=True),
    )
    for field, attname in ((name, "name"), (flag, "flag"), (at, "at"), (data, "data"), (number, "number")):
        field.attname = attname

    @dataclass
    class Row(_Row):
        number: int | None = None

    rows = [
        Row("Nguyễn Văn An", False, MONDAY, [1, "Đủ"], 5),
        Row("b", True, MONDAY.astimezone(UTC), "z", None),
        Row("c", False, MONDAY, {}, 7),
    ]
    assert copy_text([name, flag, at, data, number], [], rows) == (
        'Nguyễn Văn An\tf\t2026-03-09T09:00:00+07:00\t[1,"Đủ"]\t5\n'
        'b\tt\t2026-03-09T02:00:00+00:00\t"z"\t\\N\n'
        "c\tf\t2026-03-09T09:00:00+07:00\t{}\t7\n"
    )


def test_lookup_secrets_in_bulk_are_many_distinct_secrets_of_the_alphabet():
    secrets = lookup_secrets(2000)
    assert len(secrets) == 2000 and len(set(secrets)) == 2000
    assert all(len(s) == LOOKUP_SECRET_LENGTH and set(s) <= set(LOOKUP_ALPHABET) for s in secrets)
    # Every letter is used, none much more than the others (an uneven mapping would favour the first ones).
    counts = Counter("".join(secrets))
    assert set(counts) == set(LOOKUP_ALPHABET)
    assert max(counts.values()) < 1.3 * min(counts.values())


def test_a_run_keeps_each_calendar_from_block_to_block_and_only_inside_them(setup, django_assert_num_queries):
    agency = setup.department
    deadlines.calendar_for(agency=agency)  # the process-wide tables warm
    kept = deadlines.KeptCalendars()
    with deadlines.calendars_kept(kept):
        first = deadlines.calendar_for(agency=agency)
        with django_assert_num_queries(0):
            assert deadlines.calendar_for(agency=agency) is first
    with deadlines.calendars_kept(kept), django_assert_num_queries(0):  # the next batch of the run
        assert deadlines.calendar_for(agency=agency) is first
    with django_assert_num_queries(1):  # outside the blocks, a changed override would be seen
        deadlines.calendar_for(agency=agency)


def test_an_apology_in_an_import_reads_no_calendar_again(setup, django_assert_max_num_queries):
    lookups = Lookups()
    late = apology_line(
        setup, "LATE-1", at=MONDAY + timedelta(hours=1), new_due_at=MONDAY + timedelta(days=20)
    )
    import_dossiers(rows=[(1, dict(late, code="WARM-1"))], actor=setup.admin, lookups=lookups)
    with django_assert_max_num_queries(20) as captured:
        import_dossiers(rows=[(1, late)], actor=setup.admin, lookups=lookups)
    assert Dossier.objects.get(code="LATE-1").rescheduled_due_at == MONDAY + timedelta(days=20)
    assert not [q for q in captured.captured_queries if "calendaroverride" in q["sql"]]


def test_a_run_leaves_a_process_that_froze_its_objects_as_it_was():
    """A server's worker freezes the application once (motcua/wsgi.py): a run of batches in it must neither
    give those objects back to the collector nor freeze the requests' garbage with them."""
    import gc

    from motcua.dossiers.imports import settled

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with settled():
            garbage = [[] for _ in range(100)]
        assert gc.get_freeze_count() == frozen
        del garbage
    finally:
        gc.unfreeze()
    with settled():
        assert gc.get_freeze_count() > 0  # a command's process: frozen for the run
    assert gc.get_freeze_count() == 0
