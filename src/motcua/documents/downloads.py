"""Reading a dossier's document back: which record, under which name, and where a front proxy finds the file.

The caller's right to the dossier is checked before (the dossier detail's own scope); here a document is found
only inside that dossier, so an id from another dossier is as unknown as one that does not exist.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings

from motcua.catalog.models import RequiredDocument
from motcua.catalog.selectors import procedure_version_in_force

from .checks import clean_file_name
from .errors import DocumentNotFound, TemplateNotFound
from .models import DocumentRecord
from .services import ALLOWED_TYPES

# Ids are 64-bit; a larger number (or zero) names no document and must not reach the database as one.
MAX_ID = 2**63 - 1
# Other spellings of an accepted type's extension (ALLOWED_TYPES names the usual one).
_OTHER_EXTENSIONS = {"image/jpeg": (".jpeg",)}


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
    usual = "." + ALLOWED_TYPES[record.content_type] if record.content_type in ALLOWED_TYPES else ""
    name = clean_file_name(record.original_name) or f"giay-to-{record.pk}{usual}"
    if not name.lower().endswith((usual, *_OTHER_EXTENSIONS.get(record.content_type, ()))):
        name += usual
    return name


def accel_redirect_path(stored_name: str) -> str | None:
    """With MOTCUA_FILES_X_ACCEL_REDIRECT set, the internal address nginx serves a stored file from
    (`<prefix><path under MEDIA_ROOT>`, percent-encoded); otherwise None."""
    prefix = settings.MOTCUA_FILES_X_ACCEL_REDIRECT
    if not prefix:
        return None
    return prefix.rstrip("/") + "/" + quote(stored_name.lstrip("/"))


def template_of(*, procedure_code: str, document_code: str) -> RequiredDocument:
    """The required document `document_code` of the procedure's version in force, when it has a blank form
    (template); 404 otherwise. Templates are public, like the catalog."""
    version = procedure_version_in_force(procedure_code=procedure_code)
    document = version.documents.filter(code=document_code).exclude(template="").first()
    if document is None:
        raise TemplateNotFound(details={"procedure": procedure_code, "document": document_code})
    return document


def template_name(document: RequiredDocument) -> str:
    return clean_file_name(PurePosixPath(document.template.name).name) or f"mau-{document.code}"


def template_type(document: RequiredDocument) -> str:
    return mimetypes.guess_type(document.template.name)[0] or "application/octet-stream"
