"""The demo's document store: each demo citizen has a scan of their identity card, and congdan.an also the signed
result of their own returned dossier; both show in the store and as choices ("Chọn từ kho giấy tờ") in the
online form. Loading twice adds nothing."""

from __future__ import annotations

import io
from importlib import import_module
from io import StringIO

import pytest
from pypdf import PdfReader

from motcua.accounts.demo import DEMO_PASSWORD
from motcua.accounts.models import User
from motcua.core.management.commands.load_demo import DEMO_MODULES
from motcua.documents.demo import ID_CARD_TITLE
from motcua.documents.models import PersonalDocument, StoredFrom
from motcua.documents.signatures import verify_pdf_signature
from motcua.dossiers.models import Dossier, Status

pytestmark = pytest.mark.django_db(transaction=True)

# The demo up to its sample dossiers (without the feedback and the year of indicator history it adds next).
DEMO_PARTS = DEMO_MODULES[: DEMO_MODULES.index("motcua.dossiers.demo") + 1]
PROCEDURE = "2.000488"  # its CCCD component accepts the identity card from the store


def load_demo() -> str:
    out = StringIO()
    for name in DEMO_PARTS:
        import_module(name).load(stdout=out)
    return out.getvalue()


def test_the_demo_citizens_have_an_id_card_and_a_signed_result_to_reuse(client):
    output = load_demo()
    an = User.objects.get(username="congdan.an")
    binh = User.objects.get(username="congdan.binh")
    assert "congdan.an" in output

    card, result = (
        PersonalDocument.objects.filter(owner=an).order_by("stored_from").get(stored_from=s)
        for s in (StoredFrom.UPLOADED, StoredFrom.ISSUED_RESULT)
    )
    assert (card.title, card.kind, card.content_type) == (ID_CARD_TITLE, "id_card", "application/pdf")
    with card.file.open("rb") as handle:
        scan = " ".join(PdfReader(io.BytesIO(handle.read())).pages[0].extract_text().split())
    assert an.personal_id in scan and "NGUYỄN VĂN AN" in scan
    own = Dossier.objects.get(applicant=an, code=result.source_dossier_code)
    assert own.status == Status.RETURNED and own.procedure_version.procedure.code == PROCEDURE
    assert result.signed
    with result.file.open("rb") as handle:
        assert verify_pdf_signature(handle).valid
    assert PersonalDocument.objects.filter(owner=binh, title=ID_CARD_TITLE).count() == 1

    # The store and the online form show them.
    assert client.login(username="congdan.an", password=DEMO_PASSWORD)
    store = client.get("/kho-giay-to/").content.decode()
    assert ID_CARD_TITLE in store and result.title in store
    draft = client.post(f"/nop-ho-so/{PROCEDURE}/")
    assert draft.status_code == 302
    documents = client.get(draft["Location"] + "giay-to/").content.decode()
    assert f'name="reuse-CCCD-personal_document" value="{card.pk}"' in documents
    assert f'value="{result.pk}"' in documents

    # Loading again adds nothing.
    before = (PersonalDocument.objects.count(), Dossier.objects.filter(applicant=an).count())
    load_demo()
    assert (PersonalDocument.objects.count(), Dossier.objects.filter(applicant=an).count()) == before
