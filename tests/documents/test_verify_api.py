"""POST /api/v1/verify and the public page /xac-thuc/ answer the same questions, and
refuse with a clear message what cannot be checked."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.documents.conftest import SIGNER, encrypted_pdf, signed_bytes

URL = "/api/v1/verify"


def _upload(data: bytes, name: str = "ket-qua.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_good_result_uploaded_is_valid(client: Client, signed_result: Any) -> None:
    response = client.post(URL, {"file": _upload(signed_bytes(signed_result))})

    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True
    assert body["unchanged"] is True
    assert body["matches_record"] is True
    assert body["signer"] == SIGNER
    assert body["agency"] == "UBND Phường Hoàn Kiếm"
    assert body["signed_at"].startswith("2026-11-18")


def test_the_code_from_the_qr_works_as_json_and_as_a_form(
    client: Client, signed_result: Any
) -> None:
    code = signed_result.document.verification_code

    as_json = client.post(URL, {"code": code}, content_type="application/json")
    as_form = client.post(URL, {"code": code})

    assert as_json.json()["valid"] is True
    assert as_form.json()["valid"] is True


def test_an_unknown_code_is_not_found(client: Client, db: None) -> None:
    response = client.post(URL, {"code": "khong-co-ma-nay"}, content_type="application/json")

    assert response.status_code == 404
    assert "mã xác thực" in response.json()["message"]


def test_a_tampered_result_is_not_valid(client: Client, signed_result: Any) -> None:
    data = bytearray(signed_bytes(signed_result))
    data[data.index(b"stream") + 40] ^= 0x01

    body = client.post(URL, {"file": _upload(bytes(data))}).json()

    assert body["valid"] is False
    assert body["unchanged"] is False
    assert "thay đổi" in body["reason"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"GIF89a this is not a PDF at all", "nội dung không phải là PDF"),
        (b"%PDF-1.7\n garbage without any objects", "bị hỏng"),
        (None, "đặt mật khẩu"),
    ],
    ids=["not-a-pdf", "broken", "encrypted"],
)
def test_what_cannot_be_checked_gets_a_clear_message(
    client: Client, db: None, data: bytes | None, expected: str
) -> None:
    response = client.post(URL, {"file": _upload(data if data is not None else encrypted_pdf())})

    assert response.status_code == 422
    assert expected in response.json()["message"]
    assert response.json()["field"] == "file"


def test_a_file_over_the_limit_is_refused(client: Client, db: None, settings: Any) -> None:
    settings.MOTCUA_VERIFY_MAX_MB = 1
    response = client.post(URL, {"file": _upload(b"%PDF-1.7\n" + b"0" * (1024 * 1024))})

    assert response.status_code == 422
    assert "tối đa 1 MB" in response.json()["message"]


def test_nothing_sent_names_the_fields(client: Client, db: None) -> None:
    response = client.post(URL, {})

    assert response.status_code == 422
    assert "file" in response.json()["message"]


def test_the_page_shows_the_form_without_javascript(client: Client, db: None) -> None:
    response = client.get("/xac-thuc/")
    html = response.content.decode()

    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert "Xác thực văn bản điện tử" in html
    assert "<script" not in html.split("</head>")[1]


def test_the_page_verifies_an_upload(client: Client, signed_result: Any) -> None:
    response = client.post("/xac-thuc/", {"file": _upload(signed_bytes(signed_result))})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Văn bản hợp lệ" in html
    assert SIGNER in html
    assert "09:00 18/11/2026" in html


def test_the_page_opened_from_the_qr_verifies_the_stored_result(
    client: Client, signed_result: Any
) -> None:
    response = client.get(f"/xac-thuc/?ma={signed_result.document.verification_code}")

    assert "Văn bản hợp lệ" in response.content.decode()


def test_the_page_explains_a_tampered_or_encrypted_file(client: Client, signed_result: Any) -> None:
    data = bytearray(signed_bytes(signed_result))
    data[data.index(b"stream") + 40] ^= 0x01

    tampered = client.post("/xac-thuc/", {"file": _upload(bytes(data))}).content.decode()
    encrypted = client.post("/xac-thuc/", {"file": _upload(encrypted_pdf())})

    assert "Văn bản không hợp lệ" in tampered
    assert encrypted.status_code == 422
    assert "đặt mật khẩu" in encrypted.content.decode()
