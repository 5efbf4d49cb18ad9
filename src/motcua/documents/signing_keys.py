"""Signing keys and certificates on disk: a demo certificate authority and one certificate per agency.

Layout under MOTCUA_SIGNING_DIR (var/signing/ by default):

    demo-ca.pem, demo-ca.key          the demo certificate authority (created by `create-signing-keys`)
    agencies/<CODE>.pem, <CODE>.key   an agency's certificate and PKCS#8 private key (PEM)
    agencies/<CODE>.chain.pem         optional: the intermediate certificates of a real certificate
    agencies/<CODE>.p12               or a real PKCS#12 file (its passphrase in MOTCUA_SIGNING_PASSPHRASE)

Keys are written with mode 600. The demo CA is for demonstrations only: an installation that issues real results
names its real trust roots in MOTCUA_SIGNATURE_TRUST_ROOTS and places real agency certificates here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

from motcua.accounts.models import Membership, Role
from motcua.organization.models import Agency

DEMO_CA_NAME = "Motcua Demo CA (không dùng cho văn bản thật)"
CA_YEARS = 10
SIGNER_YEARS = 3

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


def signing_dir() -> Path:
    return Path(settings.MOTCUA_SIGNING_DIR)


def demo_ca_path() -> Path:
    return signing_dir() / "demo-ca.pem"


def agency_dir() -> Path:
    return signing_dir() / "agencies"


def name(*, common_name: str, organization: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        ]
    )


def _key_usage(*allowed: str) -> x509.KeyUsage:
    return x509.KeyUsage(**{usage: usage in allowed for usage in _KEY_USAGES})


def new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def issue_certificate(
    *, subject: x509.Name, issuer: x509.Name, public_key, issuer_key, ca: bool, days: int
) -> x509.Certificate:
    """A certificate valid from yesterday for `days` days: a CA's (signs certificates) or a document signer's
    (digital signature and non-repudiation, as PDF signature validators expect)."""
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
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


def pkcs8_pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _write_private(path: Path, data: bytes) -> None:
    """Created with mode 600 from the start (never readable by others, even for a moment)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.chmod(path, 0o600)


def _write_public(path: Path, certificate: x509.Certificate) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


@dataclass(frozen=True)
class KeysCreated:
    ca_created: bool
    agencies_created: list[str]
    agencies_kept: list[str]


def _load_demo_ca() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    cert_path, key_path = demo_ca_path(), signing_dir() / "demo-ca.key"
    if not (cert_path.exists() and key_path.exists()):
        return None
    certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    return certificate, key


def _create_demo_ca() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = new_key()
    subject = name(common_name=DEMO_CA_NAME, organization="Motcua demo")
    certificate = issue_certificate(
        subject=subject,
        issuer=subject,
        public_key=key.public_key(),
        issuer_key=key,
        ca=True,
        days=365 * CA_YEARS,
    )
    _write_private(signing_dir() / "demo-ca.key", pkcs8_pem(key))
    _write_public(demo_ca_path(), certificate)
    return certificate, key


def agencies_that_resolve(*, codes: list[str] | None = None) -> list[tuple[str, str]]:
    """(code, name) of the active agencies with an active leader (leaders approve and sign results), or of the
    agencies named in `codes`."""
    if codes:
        rows = Agency.objects.filter(code__in=codes)
    else:
        leading = Membership.objects.filter(role=Role.LEADER, is_active=True).values("agency_id")
        rows = Agency.objects.filter(is_active=True, pk__in=leading)
    return list(rows.order_by("code").values_list("code", "name"))


def agency_has_credentials(code: str) -> bool:
    folder = agency_dir()
    return (folder / f"{code}.p12").exists() or (
        (folder / f"{code}.pem").exists() and (folder / f"{code}.key").exists()
    )


def create_signing_keys(*, agencies: list[tuple[str, str]]) -> KeysCreated:
    """The demo CA (once) and a key and certificate for each (code, name) in `agencies` that has none yet (a
    real certificate placed in the folder is never replaced). Running it again changes nothing."""
    loaded = _load_demo_ca()
    ca_created = loaded is None
    ca_certificate, ca_key = loaded or _create_demo_ca()
    created, kept = [], []
    for code, agency_name in agencies:
        if agency_has_credentials(code):
            kept.append(code)
            continue
        key = new_key()
        certificate = issue_certificate(
            subject=name(common_name=agency_name, organization=agency_name),
            issuer=ca_certificate.subject,
            public_key=key.public_key(),
            issuer_key=ca_key,
            ca=False,
            days=365 * SIGNER_YEARS,
        )
        _write_private(agency_dir() / f"{code}.key", pkcs8_pem(key))
        _write_public(agency_dir() / f"{code}.pem", certificate)
        created.append(code)
    return KeysCreated(ca_created=ca_created, agencies_created=created, agencies_kept=kept)
