"""A throwaway certificate authority and signer, and PDFs signed with them by pyHanko.

Each `SigningAuthority` makes its own root and signer certificate (ECDSA P-256, valid from yesterday for a
year). `root_pem_path` writes the root where MOTCUA_SIGNATURE_TRUST_ROOTS can name it.
"""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pypdf import PdfWriter

SIGNER_NAME = "Nguyễn Văn Ký"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Motcua test"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


_KEY_USAGES = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
    "encipher_only",
    "decipher_only",
)


def _key_usage(*allowed: str) -> x509.KeyUsage:
    return x509.KeyUsage(**{usage: usage in allowed for usage in _KEY_USAGES})


def _certificate(
    *, subject: x509.Name, issuer: x509.Name, public_key, issuer_key, ca: bool
) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if ca:
        builder = builder.add_extension(_key_usage("key_cert_sign", "crl_sign"), critical=True)
    else:
        builder = builder.add_extension(
            _key_usage("digital_signature", "content_commitment"), critical=True
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


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
