"""`make demo` runs `load_demo`: the whole sample data set, loadable twice, ending with the demo logins."""

from io import StringIO

import pytest
from django.core.management import call_command

from motcua.accounts.models import Membership, User
from motcua.organization.models import AdministrativeUnit, Agency, Counter

pytestmark = pytest.mark.django_db(transaction=True)


def counts():
    return [m.objects.count() for m in (AdministrativeUnit, Agency, Counter, User, Membership)]


def test_load_demo_is_idempotent_and_prints_the_logins_last():
    first = StringIO()
    call_command("load_demo", stdout=first)
    before = counts()
    call_command("load_demo", stdout=StringIO())

    assert counts() == before
    output = first.getvalue()
    logins = output[output.index("Demo logins") :]
    for username in ("congdan.an", "tiepnhan.thanhpho", "chuyenvien.tuphap", "lanhdao.hoaiduc", "quantri"):
        assert username in logins
    assert "motcua-demo" in logins


def test_the_demo_makes_signing_keys_and_its_results_are_signed_and_verify():
    from motcua.documents.models import DocumentRecord, Source
    from motcua.documents.signatures import verify_pdf_signature
    from motcua.documents.signing_keys import demo_ca_path

    call_command("load_demo", stdout=StringIO())

    assert demo_ca_path().exists()
    results = list(DocumentRecord.objects.filter(source=Source.ISSUED_RESULT))
    assert results and all(record.signed for record in results)
    with results[0].file.open("rb") as handle:
        assert verify_pdf_signature(handle).valid
