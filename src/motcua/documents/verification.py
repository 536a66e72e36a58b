"""Is this PDF a genuine result of this installation?

``verify_pdf`` validates the last signature with pyHanko against the installation's
trust roots (the demo CA while trusted, plus MOTCUA_TRUST_ROOTS), checks the signature
covers the whole file, consults the revocation list, and compares the file's sha256 with
the result recorded. ``verify_code`` does the same for the stored result a QR points to.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.documents import conf
from motcua.documents.errors import NotFound
from motcua.documents.models import DocumentKind, GeneratedDocument, SigningCertificate
from motcua.documents.signing.ca import demo_root_certificate
from motcua.documents.verification_codes import typed_verification_code

logger = logging.getLogger(__name__)

VALID = gettext_lazy("Chữ ký số hợp lệ; tài liệu không bị thay đổi kể từ khi ký.")
UNSIGNED = gettext_lazy(
    "Tệp không mang chữ ký số nào, nên không xác định được ai đã ký và văn bản có bị sửa "
    "đổi hay không. Hãy kiểm tra bản PDF đã ký số do cơ quan cấp (tải tại trang «Hồ sơ của "
    "tôi»), hoặc nhập mã xác thực in dưới mã QR của văn bản."
)


@dataclass(frozen=True)
class Verification:
    valid: bool
    reason: str
    signer: str = ""
    agency: str = ""
    signed_at: datetime | None = None
    unchanged: bool = False
    matches_record: bool = False
    dossier_code: str = ""
    document: str = ""
    # False when the file carries no signature at all (or none could be read): then
    # ``unchanged`` says nothing, and pages must not show it as "modified".
    signed: bool = False

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["signed_at"] = self.signed_at.isoformat() if self.signed_at else None
        return data


def trust_roots() -> list[asn1_x509.Certificate]:
    roots: list[asn1_x509.Certificate] = []
    if conf.trust_demo_ca():
        demo = demo_root_certificate()
        if demo is not None:
            roots.append(asn1_x509.Certificate.load(demo.public_bytes(serialization.Encoding.DER)))
    from pyhanko.keys import load_cert_from_pemder

    for path in conf.trust_root_files():
        roots.append(load_cert_from_pemder(str(path)))  # type: ignore[no-untyped-call]
    return roots


def verify_code(code: str) -> Verification:
    """The stored result whose QR carries ``code``, verified afresh from storage."""
    typed = code.strip()
    # Exactly as given (the QR's link), or as a person may type the printed code.
    candidates = {typed, typed_verification_code(typed)} - {""}
    record = (
        GeneratedDocument.objects.select_related("dossier")
        .filter(kind=DocumentKind.RESULT, verification_code__in=candidates)
        .first()
        if candidates
        else None
    )
    if record is None:
        raise NotFound(
            _(
                "Không tìm thấy kết quả nào có mã xác thực này. Hãy nhập đúng mã in dưới mã "
                "QR của văn bản (gồm 5 nhóm, mỗi nhóm 4 ký tự), hoặc chọn tệp PDF để kiểm tra."
            ),
            field="code",
        )
    with record.file.open("rb") as handle:
        data = handle.read()
    return verify_pdf(data, record=record)


def verify_pdf(data: bytes, *, record: GeneratedDocument | None = None) -> Verification:
    """Validate a PDF already checked to be a readable, unencrypted PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    digest = hashlib.sha256(data).hexdigest()
    if record is None:
        record = (
            GeneratedDocument.objects.select_related("dossier")
            .filter(kind=DocumentKind.RESULT, sha256=digest)
            .first()
        )
    matches = record is not None and record.sha256 == digest
    context: dict[str, Any] = {
        "matches_record": matches,
        "dossier_code": (record.dossier.code or "") if record and record.dossier else "",
        "document": record.title if record else "",
    }
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:  # pyHanko raises many kinds on damaged files
        logger.info("unreadable PDF in verification", exc_info=True)
        return Verification(False, _("Không đọc được cấu trúc chữ ký trong tệp PDF."), **context)
    if not signatures:
        return Verification(False, str(UNSIGNED), **context)
    return _judge(signatures[-1], {**context, "signed": True})


def _judge(signature: Any, context: dict[str, Any]) -> Verification:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    cert = signature.signer_cert
    who: dict[str, Any] = _who(cert)
    roots = trust_roots()
    if not roots:
        return Verification(
            False, _("Hệ thống chưa cấu hình tổ chức chứng thực tin cậy nào."), **who, **context
        )
    vc = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validate_pdf_signature(signature, vc)
    except (SignatureValidationError, ValueError, KeyError, TypeError) as exc:
        logger.info("signature could not be validated: %s", exc)
        return Verification(False, _("Chữ ký số bị hỏng, không kiểm tra được."), **who, **context)
    signed_at = status.signer_reported_dt
    unchanged = bool(status.intact) and _covers_whole_file(status)
    base: dict[str, Any] = {**who, **context, "signed_at": signed_at, "unchanged": unchanged}
    if not status.intact:
        return Verification(
            False,
            _("Tài liệu đã bị thay đổi sau khi ký: nội dung không còn khớp với chữ ký số."),
            **base,
        )
    if not status.valid:
        return Verification(False, _("Chữ ký số không hợp lệ."), **base)
    if not status.trusted:
        return Verification(False, _untrusted_reason(cert), **base)
    if not unchanged:
        return Verification(False, _("Tài liệu đã bị bổ sung hoặc sửa đổi sau khi ký."), **base)
    revoked = _revocation(cert, signed_at)
    if revoked:
        return Verification(False, revoked, **base)
    reason = (
        str(VALID)
        if context["matches_record"]
        else f"{VALID} {_('Tuy nhiên không tìm thấy bản kết quả tương ứng trong hệ thống.')}"
    )
    return Verification(True, reason, **base)


def _covers_whole_file(status: Any) -> bool:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    return bool(status.coverage == SignatureCoverageLevel.ENTIRE_FILE)


def _untrusted_reason(cert: asn1_x509.Certificate) -> str:
    if cert.self_signed != "no":
        return _(
            "Không xác định được người ký: chứng thư số tự cấp, không do tổ chức "
            "chứng thực tin cậy cấp."
        )
    return _(
        "Chứng thư số của người ký không thuộc danh sách tổ chức chứng thực tin cậy của hệ thống."
    )


def _who(cert: asn1_x509.Certificate) -> dict[str, str]:
    subject = cert.subject.native
    record = _record_of(cert)
    signer = subject.get("common_name", "")
    agency = subject.get("organization_name", "")
    if record is not None:
        signer = record.user.full_name or signer
        agency = record.agency.name if record.agency else agency
    return {"signer": str(signer), "agency": str(agency)}


def _record_of(cert: asn1_x509.Certificate) -> SigningCertificate | None:
    return (
        SigningCertificate.objects.select_related("user", "agency")
        .filter(serial_number=format(cert.serial_number, "x"), issuer=cert.issuer.human_friendly)
        .first()
    )


def _revocation(cert: asn1_x509.Certificate, signed_at: datetime | None) -> str:
    record = _record_of(cert)
    if record is None or record.revoked_at is None:
        return ""
    if signed_at is None or record.revoked_at <= signed_at:
        when = timezone.localtime(record.revoked_at)
        return _("Chứng thư số của người ký đã bị thu hồi từ %(when)s.") % {
            "when": f"{when:%H:%M %d/%m/%Y}"
        }
    return ""
