"""The citizen document store: what the citizen uploads and the results issued to them;
reusing a stored document for a new dossier is recorded."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from motcua.accounts.models import User
from motcua.documents.errors import InvalidUpload, NotAllowed, NotFound
from motcua.documents.models import StoredDocument, StoredDocumentUse
from motcua.documents.selectors import store_of
from motcua.documents.services import store_add, store_reuse
from motcua.dossiers.models import Provision
from tests.documents.conftest import encrypted_pdf, signed_bytes

SCAN = "Căn cước công dân (mặt trước).png"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()


def test_a_citizen_keeps_an_uploaded_scan(citizen: User) -> None:
    doc = store_add(owner=citizen, name="Căn cước công dân", data=_png(), filename=SCAN)

    assert doc.kind == StoredDocument.Kind.UPLOADED
    assert doc.content_type == "image/png"
    assert list(store_of(citizen)) == [doc]


def test_uploads_are_checked_by_content(citizen: User) -> None:
    with pytest.raises(InvalidUpload, match="nội dung không phải là PDF"):
        store_add(owner=citizen, name="Giấy khai sinh", data=b"hello", filename="gks.pdf")
    with pytest.raises(InvalidUpload, match="đặt mật khẩu"):
        store_add(owner=citizen, name="Giấy khai sinh", data=encrypted_pdf(), filename="gks.pdf")
    with pytest.raises(InvalidUpload, match="không giải mã được"):
        store_add(owner=citizen, name="Ảnh", data=_png()[:60], filename="anh.png")
    assert not StoredDocument.objects.exists()


def test_only_citizens_have_a_store(clerk: User) -> None:
    with pytest.raises(NotAllowed):
        store_add(owner=clerk, name="x", data=_png(), filename="x.png")


def test_a_signed_result_is_in_the_applicants_store(signed_result: Any, citizen: User) -> None:
    stored = store_of(citizen).get()

    assert stored.kind == StoredDocument.Kind.RESULT
    assert stored.issued_electronically
    assert stored.sha256 == signed_result.document.sha256


def test_reusing_a_stored_document_hands_over_the_file_and_records_it(
    signed_result: Any, citizen: User
) -> None:
    stored = store_of(citizen).get()

    reused = store_reuse(owner=citizen, stored_document_id=str(stored.public_id))

    with reused.file:
        assert reused.file.read() == signed_bytes(signed_result)
    assert reused.provision == Provision.REUSED
    assert reused.reference == f"kho:{stored.public_id}"
    assert StoredDocumentUse.objects.get().stored_document == stored


def test_nobody_reuses_someone_elses_document(citizen: User, other_citizen: User) -> None:
    doc = store_add(owner=citizen, name="Căn cước công dân", data=_png(), filename=SCAN)

    with pytest.raises(NotFound):
        store_reuse(owner=other_citizen, stored_document_id=doc.pk)
    assert not StoredDocumentUse.objects.exists()
    assert list(store_of(other_citizen)) == []
