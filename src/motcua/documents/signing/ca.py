"""A demo certificate authority: a root, an issuing CA under it, and signing
certificates for officials. For demonstrations and tests only; production installations
use certificates from a licensed provider (configured as trust roots) and PKCS#11 tokens.

Keys are written encrypted with the installation's signing passphrase.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.utils import timezone

from motcua.documents import conf

ROOT_NAME = "motcua Demo Root CA"
ISSUING_NAME = "motcua Demo Issuing CA"


@dataclass(frozen=True)
class Authority:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey


def _name(common_name: str, organization: str = "motcua (demo)") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64] or "motcua"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        ]
    )


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_authority(
    common_name: str,
    *,
    parent: Authority | None = None,
    days: int = 3650,
    path_length: int | None = 1,
) -> Authority:
    """A CA certificate: self-signed without a parent, else issued by the parent."""
    key = new_key()
    now = timezone.now()
    subject = _name(common_name)
    issuer = parent.cert.subject if parent else subject
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    signer = parent.key if parent else key
    if parent is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(parent.key.public_key()),
            critical=False,
        )
    return Authority(cert=builder.sign(signer, hashes.SHA256()), key=key)


def issue_signing_certificate(
    issuer: Authority,
    *,
    common_name: str,
    organization: str,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    """A certificate for signing documents (non-repudiation), two years by default."""
    key = new_key()
    start = not_before or timezone.now() - timedelta(minutes=5)
    end = not_after or start + timedelta(days=730)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organization))
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .sign(issuer.key, hashes.SHA256())
    )
    return cert, key


def pkcs12_bytes(
    *,
    key: rsa.RSAPrivateKey,
    cert: x509.Certificate,
    chain: list[x509.Certificate],
    passphrase: str,
    name: str,
) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        name=name.encode("utf-8")[:64],
        key=key,
        cert=cert,
        cas=chain,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )


# --- the installation's demo CA on disk ------------------------------------------------


def ca_dir() -> Path:
    return conf.keys_dir() / "demo-ca"


def _write_authority(prefix: str, authority: Authority, passphrase: str) -> None:
    folder = ca_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    (folder / f"{prefix}.pem").write_bytes(authority.cert.public_bytes(serialization.Encoding.PEM))
    key_path = folder / f"{prefix}.key.pem"
    key_path.write_bytes(
        authority.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
        )
    )
    key_path.chmod(0o600)


def _read_authority(prefix: str, passphrase: str) -> Authority:
    folder = ca_dir()
    cert = x509.load_pem_x509_certificate((folder / f"{prefix}.pem").read_bytes())
    key = serialization.load_pem_private_key(
        (folder / f"{prefix}.key.pem").read_bytes(), passphrase.encode("utf-8")
    )
    assert isinstance(key, rsa.RSAPrivateKey)
    return Authority(cert=cert, key=key)


def demo_ca_exists() -> bool:
    return (ca_dir() / "issuing.key.pem").exists()


def demo_ca_ensure(passphrase: str) -> tuple[Authority, Authority, bool]:
    """The demo root and issuing CA, made on first call. Returns (root, issuing, created)."""
    if demo_ca_exists():
        return _read_authority("root", passphrase), _read_authority("issuing", passphrase), False
    root = make_authority(ROOT_NAME, path_length=1)
    issuing = make_authority(ISSUING_NAME, parent=root, days=1825, path_length=0)
    _write_authority("root", root, passphrase)
    _write_authority("issuing", issuing, passphrase)
    return root, issuing, True


def demo_root_certificate() -> x509.Certificate | None:
    path = ca_dir() / "root.pem"
    if not path.exists():
        return None
    return x509.load_pem_x509_certificate(path.read_bytes())


def random_key_name(username: str) -> str:
    safe = "".join(c for c in username if c.isalnum() or c in "._-")[:40] or "user"
    return f"officials/{safe}-{secrets.token_hex(6)}.p12"
