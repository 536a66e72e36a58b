"""Anyone can check a result: who signed it, for which agency, when, whether it changed
since, and whether it is the result recorded for its dossier."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from motcua.documents.models import SigningCertificate
from motcua.documents.services import certificate_revoke, result_preview
from motcua.documents.verification import verify_code, verify_pdf
from tests.documents.conftest import SIGNER, sign_with_foreign_key, signed_bytes


def test_a_signed_result_is_valid_unchanged_and_matches_the_record(signed_result: Any) -> None:
    answer = verify_pdf(signed_bytes(signed_result))

    assert answer.valid, answer.reason
    assert answer.unchanged
    assert answer.matches_record
    assert answer.signer == SIGNER
    assert answer.agency == "UBND Phường Hoàn Kiếm"
    assert answer.signed_at is not None
    assert abs(answer.signed_at - timezone.now()) < timedelta(minutes=1)
    assert answer.dossier_code == signed_result.dossier.code


def test_the_code_from_the_qr_verifies_the_stored_result(signed_result: Any) -> None:
    answer = verify_code(signed_result.document.verification_code)

    assert answer.valid
    assert answer.matches_record


def test_a_one_byte_change_makes_it_invalid(signed_result: Any) -> None:
    data = bytearray(signed_bytes(signed_result))
    where = data.index(b"stream") + 40
    data[where] ^= 0x01

    answer = verify_pdf(bytes(data))

    assert not answer.valid
    assert not answer.unchanged
    assert not answer.matches_record
    assert "bị thay đổi sau khi ký" in answer.reason


def test_an_update_appended_after_signing_is_reported(signed_result: Any) -> None:
    from pyhanko.pdf_utils.generic import NameObject, TextStringObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed_bytes(signed_result)))
    writer.root[NameObject("/Lang")] = TextStringObject("en")
    writer.update_root()  # type: ignore[no-untyped-call]  # pyhanko leaves it unannotated
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]  # pyhanko leaves it unannotated

    answer = verify_pdf(out.getvalue())

    assert not answer.valid
    assert not answer.unchanged


def test_an_unknown_self_signed_signer_is_not_valid(signed_result: Any) -> None:
    unsigned = result_preview(signed_result)

    answer = verify_pdf(sign_with_foreign_key(unsigned, self_signed=True))

    assert not answer.valid
    assert "Không xác định được người ký" in answer.reason
    assert answer.signer == "Trần Văn Giả"


def test_a_certificate_outside_the_trust_list_is_not_valid(signed_result: Any) -> None:
    answer = verify_pdf(sign_with_foreign_key(result_preview(signed_result)))

    assert not answer.valid
    assert "không thuộc danh sách tổ chức chứng thực tin cậy" in answer.reason


def test_the_demo_ca_is_not_trusted_once_turned_off(signed_result: Any, settings: Any) -> None:
    settings.MOTCUA_TRUST_DEMO_CA = False

    answer = verify_pdf(signed_bytes(signed_result))

    assert not answer.valid


def test_a_certificate_revoked_before_signing_makes_it_invalid(
    signed_result: Any, leader_certificate: SigningCertificate
) -> None:
    data = signed_bytes(signed_result)
    certificate_revoke(certificate=leader_certificate, actor=None, reason="Lộ khóa")
    SigningCertificate.objects.filter(pk=leader_certificate.pk).update(
        revoked_at=timezone.now() - timedelta(days=1)
    )

    answer = verify_pdf(data)

    assert not answer.valid
    assert "đã bị thu hồi" in answer.reason


def test_an_unsigned_pdf_is_not_valid(signed_result: Any) -> None:
    answer = verify_pdf(result_preview(signed_result))

    assert not answer.valid and not answer.signed
    assert answer.reason.startswith("Tệp không mang chữ ký số nào")


def test_a_valid_signature_on_a_copy_not_recorded_says_so(signed_result: Any) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(signed_bytes(signed_result))))
    out = io.BytesIO()
    writer.write(out)  # a rewritten file: the signature no longer fits it

    answer = verify_pdf(out.getvalue())

    assert not answer.valid
    assert not answer.matches_record
