"""Signing a PDF with an agency's certificate (pyHanko): the signature that makes an issued result count.

The agency's credentials come from the signing folder (see `signing_keys`): a PKCS#12 file, or a PEM key and
certificate (with optional intermediates). The signature is an invisible field covering the whole file, with the
reason "Kết quả giải quyết thủ tục hành chính" and the agency as signer name.
"""

from __future__ import annotations

import io
import logging

from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from .errors import SigningFailed, SigningKeyMissing
from .signatures import run_coroutine
from .signing_keys import agency_dir

logger = logging.getLogger("motcua.documents")

RESULT_REASON = "Kết quả giải quyết thủ tục hành chính"
FIELD_NAME = "KetQua"


def agency_signer(*, code: str) -> signers.SimpleSigner:
    """The signer of agency `code`; 409 `signing_key_missing` when the agency has no usable credentials."""
    folder = agency_dir()
    chain = folder / f"{code}.chain.pem"
    chain_files = [str(chain)] if chain.exists() else None
    pkcs12 = folder / f"{code}.p12"
    signer = None
    if pkcs12.exists():
        passphrase = settings.MOTCUA_SIGNING_PASSPHRASE.encode() or None
        signer = signers.SimpleSigner.load_pkcs12(
            str(pkcs12), ca_chain_files=chain_files, passphrase=passphrase
        )
    elif (folder / f"{code}.key").exists() and (folder / f"{code}.pem").exists():
        signer = signers.SimpleSigner.load(
            str(folder / f"{code}.key"), str(folder / f"{code}.pem"), ca_chain_files=chain_files
        )
    if signer is None:
        # pyHanko logs why a file could not be loaded; the caller gets one clear answer.
        raise SigningKeyMissing(details={"agency": code})
    return signer


def sign_pdf(*, pdf: bytes, agency_code: str, signer_name: str) -> bytes:
    """`pdf` signed by the agency (an incremental update covering the whole file)."""
    signer = agency_signer(code=agency_code)
    out = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        run_coroutine(
            signers.async_sign_pdf(
                writer,
                signers.PdfSignatureMetadata(field_name=FIELD_NAME, reason=RESULT_REASON, name=signer_name),
                signer=signer,
                output=out,
            )
        )
    except Exception as exc:  # noqa: BLE001 - a PDF pyHanko cannot extend is the client's file, not a server error
        logger.info("could not sign a PDF for %s", agency_code, exc_info=True)
        raise SigningFailed(details={"agency": agency_code}) from exc
    return out.getvalue()
