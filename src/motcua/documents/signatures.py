"""Whether a PDF carries a digital signature that verifies: the only way a document counts as signed.

A signature counts when pyHanko finds it intact (the signed bytes unchanged), cryptographically valid, made with a
certificate that chains to one of the trust roots named by MOTCUA_SIGNATURE_TRUST_ROOTS (PEM files; when unset,
the demo certificate authority made by `create-signing-keys` if there is one, else none, so that nothing counts as
signed until an installation names the roots it trusts), and covering the
whole file (nothing added after signing). Every signature in the file must pass. Nothing is fetched from the
network while checking (no revocation look-ups).
"""

from __future__ import annotations

import asyncio
import functools
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import IO

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .signing_keys import demo_ca_path

logger = logging.getLogger("motcua.documents")


class Reason:
    """Why a file does not count as signed (machine-readable)."""

    NO_TRUST_ROOTS = "no_trust_roots"
    NO_SIGNATURE = "no_signature"
    UNREADABLE = "unreadable"
    NOT_INTACT = "not_intact"
    UNTRUSTED = "untrusted"
    MODIFIED_AFTER_SIGNING = "modified_after_signing"
    INVALID = "invalid"


@dataclass(frozen=True)
class SignatureCheck:
    valid: bool
    signer_name: str = ""
    signed_at: datetime | None = None
    reason: str = ""


@functools.lru_cache(maxsize=8)
def _roots_from(paths: tuple[str, ...]) -> tuple[asn1_x509.Certificate, ...]:
    roots: list[asn1_x509.Certificate] = []
    for path in paths:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            blocks = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
            roots.extend(asn1_x509.Certificate.load(der) for der in blocks)
        except (OSError, ValueError, TypeError):
            logger.error("signature trust root %s could not be read; it is not trusted", path, exc_info=True)
    return tuple(roots)


def trust_root_paths() -> tuple[str, ...]:
    """MOTCUA_SIGNATURE_TRUST_ROOTS; when unset, the demo certificate authority if `create-signing-keys` made
    one (a demonstration only: production names its real roots)."""
    if settings.MOTCUA_SIGNATURE_TRUST_ROOTS:
        return tuple(settings.MOTCUA_SIGNATURE_TRUST_ROOTS)
    demo = demo_ca_path()
    return (str(demo),) if demo.exists() else ()


def trust_roots() -> tuple[asn1_x509.Certificate, ...]:
    """The certificates named by `trust_root_paths` (read once per list of paths)."""
    return _roots_from(trust_root_paths())


def run_coroutine(coroutine):
    """The coroutine's result, from synchronous code: in this thread when no event loop runs here (a WSGI
    worker), else in a thread of its own (pyHanko's synchronous calls would fail inside a running loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _signer_name(status) -> str:
    subject = status.signing_cert.subject.native if status.signing_cert is not None else {}
    return str(subject.get("common_name") or subject.get("organization_name") or "")


def verify_pdf_signature(file: IO[bytes]) -> SignatureCheck:
    """Whether the PDF in `file` is signed by a trusted signer and unchanged since (see the module's text)."""
    roots = trust_roots()
    if not roots:
        return SignatureCheck(valid=False, reason=Reason.NO_TRUST_ROOTS)
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 - any file the reader cannot take is simply not signed
        return SignatureCheck(valid=False, reason=Reason.UNREADABLE)
    if not signatures:
        return SignatureCheck(valid=False, reason=Reason.NO_SIGNATURE)
    context = ValidationContext(trust_roots=list(roots), allow_fetching=False)
    status = None
    for signature in signatures:
        try:
            status = run_coroutine(async_validate_pdf_signature(signature, context))
        except SignatureValidationError:
            return SignatureCheck(valid=False, reason=Reason.INVALID)
        except Exception:  # noqa: BLE001 - a malformed signature is one that does not verify, never a server error
            logger.info("signature check failed on a malformed signature", exc_info=True)
            return SignatureCheck(valid=False, reason=Reason.INVALID)
        if not status.intact:
            return SignatureCheck(valid=False, reason=Reason.NOT_INTACT)
        if not status.valid:
            return SignatureCheck(valid=False, reason=Reason.INVALID)
        if not status.trusted:
            return SignatureCheck(valid=False, reason=Reason.UNTRUSTED, signer_name=_signer_name(status))
        if not status.bottom_line:
            # Intact, valid and trusted, yet not good: the file was changed in a later revision.
            reason = Reason.MODIFIED_AFTER_SIGNING if status.docmdp_ok is False else Reason.INVALID
            return SignatureCheck(valid=False, reason=reason, signer_name=_signer_name(status))
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return SignatureCheck(
            valid=False, reason=Reason.MODIFIED_AFTER_SIGNING, signer_name=_signer_name(status)
        )
    return SignatureCheck(valid=True, signer_name=_signer_name(status), signed_at=status.signer_reported_dt)
