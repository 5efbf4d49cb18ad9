"""Demo signing keys: the demo certificate authority and a certificate for each agency whose leaders approve
results, so that the demo's results are signed and verify. Idempotent (existing keys are kept).

Also a scan of each demo citizen's identity card in their document store, so that the store and "Chọn từ kho
giấy tờ" in the online form have something to show (the signed results come with the sample dossiers)."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from motcua.accounts.demo import DEMO_USERS
from motcua.accounts.models import Role, User

from .models import PersonalDocument, StoredFrom
from .official_forms import text
from .official_forms.render import html_to_pdf
from .signing_keys import agencies_that_resolve, create_signing_keys, signing_dir
from .store import Metadata, document_kinds, personal_document_upload

ID_CARD_KIND = "id_card"  # the catalog's reusable kind of the identity card components
ID_CARD_TITLE = "Thẻ căn cước"
ID_CARD_ISSUER = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
ID_CARD_ISSUED_ON = date(2024, 7, 1)


def load(*, stdout) -> None:
    done = create_signing_keys(agencies=agencies_that_resolve())
    if done.ca_created or done.agencies_created:
        stdout.write(
            f"Signing keys: {len(done.agencies_created)} agency certificate(s) from the DEMO certificate "
            f"authority in {signing_dir()} (trusted only while MOTCUA_SIGNATURE_TRUST_ROOTS is unset)."
        )
    stored = [user.username for user in _demo_citizens() if _store_id_card_scan(user)]
    if stored:
        stdout.write(f"Kho giấy tờ mẫu: bản quét thẻ căn cước của {', '.join(stored)}.")


def _demo_citizens() -> list[User]:
    usernames = [spec.username for spec in DEMO_USERS if spec.role == Role.APPLICANT]
    return list(User.objects.filter(username__in=usernames).order_by("username"))


def _store_id_card_scan(user: User) -> bool:
    """A scan of the citizen's card (a PDF marked as sample data), unless one is stored already."""
    kept = PersonalDocument.objects.filter(owner=user, stored_from=StoredFrom.UPLOADED, title=ID_CARD_TITLE)
    if kept.exists():
        return False
    html = render_to_string(
        "demo/id_card_scan.html",
        {
            "name": user.full_name,
            "name_caps": text.capitals(user.full_name),
            "personal_id": user.personal_id,
            "issued_on": ID_CARD_ISSUED_ON.strftime("%d/%m/%Y"),
            "issuer": ID_CARD_ISSUER,
        },
    )
    kind = ID_CARD_KIND if ID_CARD_KIND in dict(document_kinds()) else ""
    personal_document_upload(
        owner=user,
        file=ContentFile(html_to_pdf(html), name=f"can-cuoc-{user.personal_id or user.pk}.pdf"),
        metadata=Metadata(title=ID_CARD_TITLE, kind=kind, issuer=ID_CARD_ISSUER, issued_on=ID_CARD_ISSUED_ON),
    )
    return True
