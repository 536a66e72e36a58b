"""The verification code is printed under the QR of a signed result, in a form a person
can type back on /xac-thuc/; a file without any signature is not called "modified"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.documents.errors import NotFound
from motcua.documents.models import GeneratedDocument
from motcua.documents.services import result_preview
from motcua.documents.verification import verify_code
from motcua.documents.verification_codes import (
    ALPHABET,
    new_verification_code,
    typed_verification_code,
)
from tests.documents.conftest import pdf_text, save_png, signed_bytes

CODE_SHAPE = re.compile(r"^([2-9A-HJKMNP-Z]{4}-){4}[2-9A-HJKMNP-Z]{4}$")


def test_new_codes_avoid_look_alike_characters() -> None:
    codes = {new_verification_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert CODE_SHAPE.match(code), code
        assert not set(code) & set("01OIL")
    assert not set("01OIL") & set(ALPHABET)


@pytest.mark.parametrize(
    "typed",
    ["k7qm-3xpa-9rtb-f2hw-5nce", "K7QM3XPA9RTBF2HW5NCE", " k7qm 3xpa 9rtb f2hw 5nce "],
)
def test_what_a_person_types_is_read_as_the_code(typed: str) -> None:
    assert typed_verification_code(typed) == "K7QM-3XPA-9RTB-F2HW-5NCE"


@pytest.mark.parametrize("typed", ["", "K7QM-3XPA", "K7QM-3XPA-9RTB-F2HW-5NC0", "x" * 40])
def test_what_cannot_be_a_code_is_not_guessed_into_one(typed: str) -> None:
    assert typed_verification_code(typed) == ""


def test_the_signed_pdf_prints_the_code_under_the_qr(signed_result: Any) -> None:
    code = signed_result.document.verification_code
    assert CODE_SHAPE.match(code)
    data = signed_bytes(signed_result)
    text = pdf_text(data)
    assert "Mã xác thực:" in text and code in text
    # ... and the QR still carries the same code in its link.
    assert text.index("Quét mã để xác thực văn bản") < text.index(code)
    save_png(data, "result-verification-code")


def test_the_unsigned_preview_prints_no_code(signed_result: Any) -> None:
    assert "Mã xác thực" not in pdf_text(result_preview(signed_result))


def test_the_printed_code_typed_by_hand_verifies_the_result(
    client: Client, signed_result: Any
) -> None:
    code = signed_result.document.verification_code
    typed = code.replace("-", " ").lower()

    assert verify_code(typed).valid
    html = client.post("/xac-thuc/", {"ma": typed}).content.decode()
    assert "Văn bản hợp lệ" in html
    assert "Không bị sửa đổi sau khi ký" in html


def test_codes_of_earlier_results_still_verify(signed_result: Any) -> None:
    GeneratedDocument.objects.filter(pk=signed_result.document.pk).update(
        verification_code="aB3_xY-9qRs_T0uV"
    )

    assert verify_code("aB3_xY-9qRs_T0uV").valid
    with pytest.raises(NotFound):
        verify_code("AB3_XY-9QRS_T0UV")


def test_a_wrong_code_tells_what_to_type(db: None) -> None:
    with pytest.raises(NotFound) as caught:
        verify_code("K7QM-3XPA-9RTB-F2HW-5NCE")
    assert "mã in dưới mã QR" in caught.value.message


def test_an_unsigned_pdf_is_not_reported_as_modified(client: Client, signed_result: Any) -> None:
    upload = SimpleUploadedFile(
        "ban-xem-truoc.pdf", result_preview(signed_result), content_type="application/pdf"
    )

    html = client.post("/xac-thuc/", {"file": upload}).content.decode()

    assert "Văn bản không hợp lệ" in html
    assert "Tệp không mang chữ ký số nào" in html
    assert "Không bị sửa đổi sau khi ký" not in html


def test_the_api_says_an_unsigned_file_carries_no_signature(
    client: Client, signed_result: Any
) -> None:
    unsigned = SimpleUploadedFile(
        "ban-xem-truoc.pdf", result_preview(signed_result), content_type="application/pdf"
    )
    signed = SimpleUploadedFile(
        "ket-qua.pdf", signed_bytes(signed_result), content_type="application/pdf"
    )

    assert client.post("/api/v1/verify", {"file": unsigned}).json()["signed"] is False
    assert client.post("/api/v1/verify", {"file": signed}).json()["signed"] is True
