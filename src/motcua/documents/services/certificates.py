"""Officials' signing certificates: issuing demo ones, registering token ones, revoking."""

from __future__ import annotations

from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.audit.services import audit_record
from motcua.documents import conf
from motcua.documents.errors import InvalidState, SigningFailed
from motcua.documents.models import SigningCertificate
from motcua.documents.signing.ca import (
    demo_ca_ensure,
    issue_signing_certificate,
    pkcs12_bytes,
    random_key_name,
)
from motcua.documents.signing.signer import installation_passphrase
from motcua.organizations.models import Agency


def _identity(cert: x509.Certificate) -> dict[str, object]:
    parsed = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    return {
        "serial_number": format(parsed.serial_number, "x"),
        "issuer": parsed.issuer.human_friendly[:255],
        "subject": parsed.subject.human_friendly[:255],
        "not_before": cert.not_valid_before_utc,
        "not_after": cert.not_valid_after_utc,
        "certificate_pem": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
    }


def certificate_issue_demo(
    *,
    user: User,
    agency: Agency | None = None,
    actor: User | None = None,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> SigningCertificate:
    """A demo CA certificate and encrypted PKCS#12 key for a signing official."""
    if user.kind != User.Kind.STAFF:
        raise InvalidState(_("Chỉ cấp chứng thư số ký văn bản cho cán bộ, công chức."))
    passphrase = installation_passphrase()
    _root, issuing, _chain = demo_ca_ensure(passphrase)
    cert, key = issue_signing_certificate(
        issuing,
        common_name=user.full_name or user.username,
        organization=agency.name if agency else "motcua",
        not_before=not_before,
        not_after=not_after,
    )
    key_file = random_key_name(user.username)
    path = conf.keys_dir() / key_file
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_bytes(
        pkcs12_bytes(
            key=key,
            cert=cert,
            chain=[issuing.cert, _root.cert],
            passphrase=passphrase,
            name=user.username,
        )
    )
    path.chmod(0o600)
    try:
        with transaction.atomic():
            record = SigningCertificate.objects.create(
                user=user,
                agency=agency,
                backend=SigningCertificate.Backend.PKCS12,
                key_file=key_file,
                **_identity(cert),
            )
            audit_record(
                action="certificate_issue",
                subject=record,
                actor=actor,
                summary=f"Cấp chứng thư số thử nghiệm cho {user}",
                changes={"serial_number": record.serial_number},
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return record


def certificate_register_pkcs11(
    *,
    user: User,
    certificate_pem: str,
    label: str,
    agency: Agency | None = None,
    actor: User | None = None,
) -> SigningCertificate:
    """Record a certificate whose key stays on a PKCS#11 token under ``label``."""
    try:
        cert = x509.load_pem_x509_certificate(certificate_pem.encode("ascii"))
    except ValueError as exc:
        raise SigningFailed(
            _("Chứng thư số không đúng định dạng PEM."), field="certificate"
        ) from exc
    with transaction.atomic():
        record = SigningCertificate.objects.create(
            user=user,
            agency=agency,
            backend=SigningCertificate.Backend.PKCS11,
            pkcs11_label=label,
            **_identity(cert),
        )
        audit_record(
            action="certificate_register",
            subject=record,
            actor=actor,
            summary=f"Đăng ký chứng thư số trên thiết bị cho {user}",
        )
    return record


def certificate_revoke(
    *, certificate: SigningCertificate, actor: User | None, reason: str
) -> SigningCertificate:
    if not reason.strip():
        raise InvalidState(_("Phải ghi lý do thu hồi chứng thư số."))
    with transaction.atomic():
        locked = SigningCertificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise InvalidState(_("Chứng thư số này đã bị thu hồi trước đó."))
        locked.revoked_at = timezone.now()
        locked.revocation_reason = reason.strip()[:255]
        locked.save(update_fields=["revoked_at", "revocation_reason"])
        audit_record(
            action="certificate_revoke",
            subject=locked,
            actor=actor,
            summary=f"Thu hồi chứng thư số {locked.serial_number}",
            changes={"reason": locked.revocation_reason},
        )
    return locked


def certificate_for_signing(user: User) -> SigningCertificate:
    """The certificate the official signs with now: the newest usable one; if none is
    usable, the newest one (so the signing check says why it cannot be used)."""
    mine = list(SigningCertificate.objects.filter(user=user).order_by("-not_before", "-id"))
    if not mine:
        raise SigningFailed(
            _("%(person)s chưa có chứng thư số để ký văn bản.") % {"person": user},
            field="certificate",
        )
    for cert in mine:
        if cert.is_current:
            return cert
    return mine[0]
