"""A throwaway certificate authority and signer, and PDFs signed with them by pyHanko.

Each `SigningAuthority` makes its own root and signer certificate (ECDSA P-256, valid from yesterday for a
year). `root_pem_path` writes the root where MOTCUA_SIGNATURE_TRUST_ROOTS can name it.
"""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pypdf import PdfWriter

from motcua.documents.signing_keys import issue_certificate, name

SIGNER_NAME = "Nguyễn Văn Ký"


def _name(common_name: str) -> x509.Name:
    return name(common_name=common_name, organization="Motcua test")


def _certificate(**kwargs) -> x509.Certificate:
    return issue_certificate(days=365, **kwargs)


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


@dataclass
class SigningAuthority:
    root: x509.Certificate
    signer_certificate: x509.Certificate
    signer_key: ec.EllipticCurvePrivateKey

    @classmethod
    def create(cls, *, root_name: str = "Motcua Test Root CA", signer_name: str = SIGNER_NAME):
        root_key = ec.generate_private_key(ec.SECP256R1())
        root = _certificate(
            subject=_name(root_name),
            issuer=_name(root_name),
            public_key=root_key.public_key(),
            issuer_key=root_key,
            ca=True,
        )
        signer_key = ec.generate_private_key(ec.SECP256R1())
        signer_certificate = _certificate(
            subject=_name(signer_name),
            issuer=root.subject,
            public_key=signer_key.public_key(),
            issuer_key=root_key,
            ca=False,
        )
        return cls(root=root, signer_certificate=signer_certificate, signer_key=signer_key)

    def root_pem_path(self, folder: Path) -> str:
        path = folder / f"root-{self.root.serial_number:x}.pem"
        path.write_bytes(self.root.public_bytes(serialization.Encoding.PEM))
        return str(path)

    def sign(self, pdf: bytes, *, reason: str = "Phê duyệt kết quả") -> bytes:
        """`pdf` with a signature of the whole file by this authority's signer (an incremental update)."""
        key_der = self.signer_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        signer = signers.SimpleSigner(
            signing_cert=_asn1(self.signer_certificate),
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=SimpleCertificateStore.from_certs([_asn1(self.root)]),
        )
        out = io.BytesIO()
        coroutine = signers.async_sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf)),
            signers.PdfSignatureMetadata(field_name="ChuKy1", reason=reason),
            signer=signer,
            output=out,
        )
        # In a thread of its own: a test run with browser tests may have an event loop running in this one.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, coroutine).result()
        return out.getvalue()


def plain_pdf() -> bytes:
    """A one-page PDF written by pypdf (a clean cross-reference table that pyHanko can extend)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
