"""Signing a PDF with an official's key: PAdES baseline through pyHanko, with a visible
signature whose appearance (signer, agency, time) is drawn in Noto Serif.

The key comes from the official's PKCS#12 file (encrypted with the installation's
passphrase) or, with MOTCUA_SIGNING_BACKEND=pkcs11, from a token through pyHanko's
PKCS#11 signer.
"""

from __future__ import annotations

import io
import os
import tempfile
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.stamp import StaticStampStyle

from motcua.documents import conf
from motcua.documents.errors import SigningFailed
from motcua.documents.models import SigningCertificate
from motcua.documents.pdf.data import SignatureBox

FIELD_NAME = "ChuKySo"
INSECURE_DEMO_PASSPHRASE = "motcua-demo-passphrase"  # noqa: S105


def installation_passphrase() -> str:
    """MOTCUA_SIGNING_PASSPHRASE; in debug and tests a fixed demo value stands in."""
    value = conf.secret(conf.PASSPHRASE_ENV)
    if value:
        return value
    if settings.DEBUG or getattr(settings, "RUNNING_TESTS", False):
        return INSECURE_DEMO_PASSPHRASE
    raise ImproperlyConfigured(
        "MOTCUA_SIGNING_PASSPHRASE is not set: it encrypts the officials' signing keys."
    )


def certificate_require_usable(certificate: SigningCertificate) -> None:
    now = timezone.now()
    if certificate.revoked_at is not None:
        revoked = timezone.localtime(certificate.revoked_at)
        reason = certificate.revocation_reason
        raise SigningFailed(
            _(
                "Chứng thư số %(serial)s đã bị thu hồi lúc %(time)s ngày %(date)s%(reason)s. "
                "Không thể ký số."
            )
            % {
                "serial": certificate.serial_number,
                "time": f"{revoked:%H:%M}",
                "date": f"{revoked:%d/%m/%Y}",
                "reason": f": {reason}" if reason else "",
            },
            field="certificate",
        )
    if certificate.not_after < now:
        raise SigningFailed(
            _(
                "Chứng thư số đã hết hạn từ ngày %(date)s. Đề nghị cấp chứng thư số mới trước "
                "khi ký."
            )
            % {"date": f"{timezone.localtime(certificate.not_after):%d/%m/%Y}"},
            field="certificate",
        )
    if certificate.not_before > now:
        raise SigningFailed(_("Chứng thư số chưa đến thời gian có hiệu lực."), field="certificate")


def load_signer(certificate: SigningCertificate, passphrase: str | None = None) -> Any:
    """A pyHanko signer for the certificate's key; a clear error when it cannot be used."""
    certificate_require_usable(certificate)
    if certificate.backend == SigningCertificate.Backend.PKCS11:
        return _pkcs11_signer(certificate)
    path = conf.keys_dir() / certificate.key_file
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningFailed(
            _("Không tìm thấy tệp khóa ký số của cán bộ trên máy chủ."), field="certificate"
        ) from exc
    secret = passphrase if passphrase is not None else installation_passphrase()
    try:
        return signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=[], passphrase=secret.encode("utf-8")
        )
    except ValueError as exc:
        raise SigningFailed(
            _(
                "Mật khẩu bảo vệ khóa ký số không đúng (MOTCUA_SIGNING_PASSPHRASE); "
                "không thể mở khóa để ký."
            ),
            field="passphrase",
        ) from exc


def _pkcs11_signer(certificate: SigningCertificate) -> Any:  # pragma: no cover - needs a token
    from pyhanko.sign import pkcs11

    module = conf.pkcs11_module()
    if not module:
        raise SigningFailed(_("Chưa cấu hình MOTCUA_PKCS11_MODULE cho thiết bị ký số."))
    from pyhanko.config.pkcs11 import TokenCriteria

    session = pkcs11.open_pkcs11_session(
        module,
        token_criteria=TokenCriteria(label=conf.pkcs11_token_label() or None),
        user_pin=conf.secret(conf.PKCS11_PIN_ENV) or None,
    )
    label = certificate.pkcs11_label
    return pkcs11.PKCS11Signer(session, cert_label=label, key_label=label)


def sign_pdf(
    pdf: bytes,
    *,
    signer: Any,
    box: SignatureBox,
    stamp_pdf: bytes,
    signer_name: str,
    location: str,
    reason: str,
    signed_at: datetime | None = None,
) -> bytes:
    """Append a PAdES signature with a visible appearance at ``box``. ``signed_at``: the
    signing time the signature states (now when None); the visible stamp, drawn before,
    prints the same instant, so the two cannot differ by the time the page took to draw."""
    fd, stamp_path = tempfile.mkstemp(suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(stamp_pdf)
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            subfilter=SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            name=signer_name,
            location=location,
            reason=reason,
        )
        style = StaticStampStyle.from_pdf_file(stamp_path, border_width=0)
        pdf_signer = _SignerAt(
            signed_at,
            meta,
            signer=signer,
            stamp_style=style,
            new_field_spec=fields.SigFieldSpec(
                sig_field_name=FIELD_NAME, on_page=box.page, box=box.as_tuple()
            ),
        )
        out = pdf_signer.sign_pdf(writer)
        return bytes(out.getvalue())
    finally:
        os.unlink(stamp_path)


class _SignerAt(signers.PdfSigner):
    """pyHanko's signer, with the signing time given rather than read from the clock
    when the signing session starts (``PdfSigningSession.system_time``: the time in the
    signed attributes and the signature dictionary)."""

    def __init__(self, signed_at: datetime | None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._signed_at = signed_at

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only)
        if self._signed_at is not None:
            session.system_time = self._signed_at
        return session
