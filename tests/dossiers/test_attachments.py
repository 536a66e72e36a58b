"""Attachments: PDF, JPEG, PNG recognised by content; size and count limits."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings
from PIL import Image

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Dossier, Provision, Status
from motcua.dossiers.services import DocumentInput
from motcua.dossiers.services.attachments import detect_content_type
from tests.dossiers.conftest import GOOD_DECLARATION

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def image_bytes(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(out, fmt)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF, "application/pdf"),
        (b"%PDF-1.4 cut off in the middle", None),
        (image_bytes("PNG"), "image/png"),
        (image_bytes("JPEG"), "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, None),
        (b"MZ\x90\x00 an executable renamed giay-chung-sinh.pdf", None),
        (b"<html><script>alert(1)</script></html>", None),
    ],
)
def test_content_decides_the_type(data: bytes, expected: str | None) -> None:
    assert detect_content_type(data) == expected


def test_a_citizen_uploads_to_her_draft_and_submits_it(
    citizen: User, version: ProcedureVersion
) -> None:
    draft = services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(GOOD_DECLARATION),
        documents=[
            DocumentInput("to-khai", Provision.UPLOAD),
            DocumentInput("giay-chung-sinh", Provision.AT_COUNTER),
        ],
    )
    attachment = services.attachment_add(
        dossier=draft, actor=citizen, data=PDF, name="to khai.pdf", document_code="to-khai"
    )
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF)
    assert "to khai" not in attachment.file.name and attachment.file.name.startswith("dossiers/")
    dossier = services.dossier_submit(actor=citizen, draft=draft)
    assert dossier.status == Status.NEW


def test_a_disguised_file_is_refused(new_dossier: Dossier, citizen: User) -> None:
    with pytest.raises(InvalidInput, match="không phải PDF"):
        services.attachment_add(
            dossier=new_dossier, actor=citizen, data=b"MZ\x90\x00" * 10, name="giay-chung-sinh.pdf"
        )
    assert new_dossier.attachments.count() == 0


@override_settings(MAX_UPLOAD_MB=1)
def test_a_file_over_the_limit_is_refused(new_dossier: Dossier, citizen: User) -> None:
    big = PDF[:-7] + b" " * (1024 * 1024) + b"\n%%EOF\n"
    with pytest.raises(InvalidInput, match="1 MB"):
        services.attachment_add(dossier=new_dossier, actor=citizen, data=big, name="a.pdf")


@override_settings(MAX_FILES_PER_DOSSIER=2)
def test_too_many_files_are_refused(new_dossier: Dossier, citizen: User) -> None:
    for n in range(2):
        services.attachment_add(dossier=new_dossier, actor=citizen, data=PDF, name=f"{n}.pdf")
    with pytest.raises(InvalidInput, match="tối đa 2 tệp"):
        services.attachment_add(dossier=new_dossier, actor=citizen, data=PDF, name="3.pdf")


@override_settings(MAX_DOSSIER_MB=1)
def test_the_dossier_total_is_limited(new_dossier: Dossier, citizen: User) -> None:
    half = PDF[:-7] + b" " * (600 * 1024) + b"\n%%EOF\n"
    services.attachment_add(dossier=new_dossier, actor=citizen, data=half, name="a.pdf")
    with pytest.raises(InvalidInput, match="Tổng dung lượng"):
        services.attachment_add(dossier=new_dossier, actor=citizen, data=half, name="b.pdf")


def test_strangers_cannot_attach(new_dossier: Dossier, other_citizen: User, outsider: User) -> None:
    for someone in (other_citizen, outsider):
        with pytest.raises(NotAllowed):
            services.attachment_add(dossier=new_dossier, actor=someone, data=PDF, name="a.pdf")


def test_the_citizen_cannot_change_files_while_it_is_processed(
    at_specialist: Dossier, citizen: User, clerk: User
) -> None:
    with pytest.raises(InvalidTransition):
        services.attachment_add(dossier=at_specialist, actor=citizen, data=PDF, name="a.pdf")
    assert services.attachment_add(
        dossier=at_specialist, actor=clerk, data=PDF, name="ban-sao.pdf"
    ).pk
