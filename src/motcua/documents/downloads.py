"""Reading a dossier's document back: which record, under which name, and where a front proxy finds the file.

The caller's right to the dossier is checked before (the dossier detail's own scope); here a document is found
only inside that dossier, so an id from another dossier is as unknown as one that does not exist.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings

from .checks import clean_file_name
from .errors import DocumentNotFound
from .models import DocumentRecord

# Ids are 64-bit; a larger number (or zero) names no document and must not reach the database as one.
MAX_ID = 2**63 - 1
# The extensions each recorded type may carry; a name without one gets the first.
EXTENSIONS = {"application/pdf": (".pdf",), "image/jpeg": (".jpg", ".jpeg"), "image/png": (".png",)}


def document_in(*, dossier_id: int, document_id: int) -> DocumentRecord:
    """The document `document_id` of the dossier, or 404 `document_not_found`."""
    if not 0 < document_id <= MAX_ID:
        raise DocumentNotFound(details={"document": document_id})
    record = DocumentRecord.objects.filter(dossier_id=dossier_id, pk=document_id).first()
    if record is None:
        raise DocumentNotFound(details={"document": document_id})
    return record


def download_name(record: DocumentRecord) -> str:
    """The cleaned original name, with an extension that matches the recorded type (a PNG sent as `anh.txt`
    is downloaded as `anh.txt.png`, so no program opens it as something else)."""
    extensions = EXTENSIONS.get(record.content_type, ("",))
    name = clean_file_name(record.original_name) or f"giay-to-{record.pk}{extensions[0]}"
    if not name.lower().endswith(extensions):
        name += extensions[0]
    return name


def accel_redirect_path(record: DocumentRecord) -> str | None:
    """With MOTCUA_FILES_X_ACCEL_REDIRECT set, the internal address nginx serves the file from
    (`<prefix><path under MEDIA_ROOT>`, percent-encoded); otherwise None."""
    prefix = settings.MOTCUA_FILES_X_ACCEL_REDIRECT
    if not prefix:
        return None
    return prefix.rstrip("/") + "/" + quote(record.file.name.lstrip("/"))
