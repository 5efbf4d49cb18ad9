"""A document's file exists in storage exactly when its record was committed."""

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction

from motcua.documents.models import DocumentRecord
from motcua.documents.services import files_removed_on_error
from motcua.dossiers import services
from motcua.dossiers.models import Event
from tests.factories.dossiers import pdf_file, received, setup_procedure

pytestmark = pytest.mark.django_db


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@contextmanager
def event_inserts_fail(kind: str):
    """The database itself refuses to append events of this kind (a real failure after the file is written)."""
    table = Event._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION test_refuse_event() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'event refused'; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER test_refuse_event BEFORE INSERT ON {table} FOR EACH ROW "  # noqa: S608
                f"WHEN (NEW.kind = '{kind}') EXECUTE FUNCTION test_refuse_event()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER test_refuse_event BEFORE INSERT ON {table} "  # noqa: S608
                f"WHEN NEW.kind = '{kind}' BEGIN SELECT RAISE(ABORT, 'event refused'); END"
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DROP TRIGGER test_refuse_event{' ON ' + table if connection.vendor == 'postgresql' else ''}"
            )
            if connection.vendor == "postgresql":
                cursor.execute("DROP FUNCTION test_refuse_event()")


def test_a_document_whose_event_cannot_be_appended_leaves_no_file():
    setup = setup_procedure()
    dossier = received(setup)
    with event_inserts_fail("document_added"), pytest.raises((DatabaseError, IntegrityError)):
        services.dossier_add_document(code=dossier.code, actor=setup.specialist, file=pdf_file())
    assert not DocumentRecord.objects.filter(dossier=dossier).exists()
    assert stored_files() == []


def test_a_committed_document_keeps_its_file():
    setup = setup_procedure()
    dossier = received(setup)
    record = services.dossier_add_document(code=dossier.code, actor=setup.specialist, file=pdf_file())
    assert stored_files() == [Path(settings.MEDIA_ROOT) / record.file.name]
    assert record.file.read() == pdf_file().read()


def test_a_later_failure_in_an_enclosing_tracked_block_removes_the_file_too():
    setup = setup_procedure()
    dossier = received(setup)
    with pytest.raises(RuntimeError), files_removed_on_error(), transaction.atomic():
        services.dossier_add_document(code=dossier.code, actor=setup.specialist, file=pdf_file())
        assert len(stored_files()) == 1  # written, not yet committed
        raise RuntimeError("the enclosing change fails after the document was added")
    assert stored_files() == []
    # A failure inside the inner block alone removes only that block's file.
    with files_removed_on_error(), transaction.atomic():
        kept = services.dossier_add_document(
            code=dossier.code, actor=setup.specialist, file=pdf_file("a.pdf")
        )
        with event_inserts_fail("document_added"), pytest.raises(DatabaseError):
            services.dossier_add_document(code=dossier.code, actor=setup.specialist, file=pdf_file("b.pdf"))
    assert stored_files() == [Path(settings.MEDIA_ROOT) / kept.file.name]
