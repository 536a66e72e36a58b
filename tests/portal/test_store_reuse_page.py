"""«Chọn từ kho dữ liệu của tôi» on the documents step: Bà Hoa attaches the birth
certificate she keeps in her store instead of uploading it again, and the dossier records
that it was reused and from where."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from motcua.accounts.models import User
from motcua.documents.models import StoredDocument, StoredDocumentUse
from motcua.documents.services import store_add
from motcua.dossiers.models import Dossier, DossierDocument, Provision, Status
from tests.portal.conftest import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def birth_paper(citizen: User) -> StoredDocument:
    """A scan Bà Hoa put in her store last year."""
    return store_add(
        owner=citizen, name="Giấy chứng sinh của bé An", data=png(), filename="chung-sinh.png"
    )


def documents_url(dossier: Dossier) -> str:
    return f"/ho-so/{dossier.pk}/giay-to/"


def line(dossier: Dossier, code: str) -> DossierDocument:
    return DossierDocument.objects.get(dossier=dossier, required_document__code=code)


def pick(client: Client, dossier: Dossier, code: str, stored: object, **more: object) -> object:
    body = {
        "provision-to-khai": "upload",
        "provision-giay-chung-sinh": "upload",
        "provision-giay-ket-hon": "missing",
        f"store-{code}": str(stored),
        "reuse": code,
        **more,
    }
    return client.post(documents_url(dossier), body)


def test_the_checklist_offers_her_stored_documents_on_every_line(
    hoa: Client, draft: Dossier, birth_paper: StoredDocument
) -> None:
    html = hoa.get(documents_url(draft)).content.decode()

    assert html.count("Chọn từ kho dữ liệu của tôi") == 3
    assert f'<option value="{birth_paper.public_id}">Giấy chứng sinh của bé An' in html
    assert 'name="reuse" value="giay-chung-sinh"' in html


def test_without_stored_documents_there_is_nothing_to_pick(hoa: Client, draft: Dossier) -> None:
    assert "Chọn từ kho dữ liệu của tôi" not in hoa.get(documents_url(draft)).content.decode()


def test_picking_a_stored_document_records_the_line_as_reused(
    hoa: Client, draft: Dossier, birth_paper: StoredDocument, citizen: User
) -> None:
    response = pick(hoa, draft, "giay-chung-sinh", birth_paper.public_id)

    assert response.status_code == 200  # type: ignore[attr-defined]
    reused = line(draft, "giay-chung-sinh")
    assert reused.provision == Provision.REUSED
    assert reused.reused_reference == f"kho:{birth_paper.public_id}"
    [attachment] = reused.attachments.all()
    assert attachment.sha256 == birth_paper.sha256 and attachment.uploaded_by == citizen
    assert attachment.original_name == "Giấy chứng sinh của bé An"
    use = StoredDocumentUse.objects.get()
    assert use.stored_document == birth_paper and use.dossier == draft
    assert draft.events.filter(action="attach_reused").count() == 1
    # The other lines keep what she chose on the same page.
    assert line(draft, "giay-ket-hon").provision == Provision.MISSING


def test_the_page_shows_the_line_as_reused_and_saving_again_keeps_it(
    hoa: Client, draft: Dossier, birth_paper: StoredDocument
) -> None:
    pick(hoa, draft, "giay-chung-sinh", birth_paper.public_id)
    html = hoa.get(documents_url(draft)).content.decode()
    assert 'name="provision-giay-chung-sinh" value="reused" checked' in html

    hoa.post(
        documents_url(draft),
        {
            "provision-to-khai": "counter",
            "provision-giay-chung-sinh": "reused",
            "provision-giay-ket-hon": "missing",
            "save": "1",
        },
    )
    kept = line(draft, "giay-chung-sinh")
    assert kept.provision == Provision.REUSED
    assert kept.reused_reference == f"kho:{birth_paper.public_id}"


def test_a_reused_document_counts_as_provided_when_she_submits(
    hoa: Client, draft: Dossier, birth_paper: StoredDocument
) -> None:
    pick(hoa, draft, "giay-chung-sinh", birth_paper.public_id, **{"file-to-khai": pdf()})
    submitted = hoa.post(
        f"/ho-so/{draft.pk}/xem-lai/",
        {"expected_version": Dossier.objects.get(pk=draft.pk).version, "idempotency_key": "k1"},
    )

    assert submitted.status_code == 302, submitted.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.status == Status.NEW
    assert line(draft, "giay-chung-sinh").provision == Provision.REUSED
    assert line(draft, "to-khai").provision == Provision.UPLOAD


def test_uploading_a_new_file_for_a_reused_line_turns_it_into_an_upload(
    hoa: Client, draft: Dossier, birth_paper: StoredDocument
) -> None:
    pick(hoa, draft, "giay-chung-sinh", birth_paper.public_id)
    hoa.post(
        documents_url(draft),
        {
            "provision-to-khai": "upload",
            "provision-giay-chung-sinh": "reused",
            "provision-giay-ket-hon": "missing",
            "file-giay-chung-sinh": pdf("ban-moi.pdf"),
            "save": "1",
        },
    )
    changed = line(draft, "giay-chung-sinh")
    assert changed.provision == Provision.UPLOAD and changed.reused_reference == ""


def test_pressing_attach_without_choosing_a_document_is_named_on_the_line(
    hoa: Client, draft: Dossier, birth_paper: StoredDocument
) -> None:
    response = pick(hoa, draft, "giay-chung-sinh", "")
    html = response.content.decode()  # type: ignore[attr-defined]

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert 'id="doc-giay-chung-sinh-error">Hãy chọn một giấy tờ trong kho dữ liệu' in html
    assert not StoredDocumentUse.objects.exists()


@pytest.mark.parametrize("whose", ["other_citizen", "garbage"])
def test_a_document_not_in_her_store_is_refused_and_nothing_is_recorded(
    hoa: Client, draft: Dossier, other_citizen: User, whose: str
) -> None:
    if whose == "other_citizen":
        picked: object = store_add(
            owner=other_citizen, name="Giấy tờ của ông Bình", data=png(), filename="b.png"
        ).public_id
    else:
        picked = "không-phải-mã"
    response = pick(hoa, draft, "giay-chung-sinh", picked)

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Không tìm thấy giấy tờ trong kho dữ liệu của bạn" in response.content.decode()  # type: ignore[attr-defined]
    assert not StoredDocumentUse.objects.exists()
    assert not draft.attachments.exists()
    assert not DossierDocument.objects.filter(provision=Provision.REUSED).exists()


def test_another_citizens_draft_cannot_take_her_documents(
    web: Client, draft: Dossier, birth_paper: StoredDocument, other_citizen: User
) -> None:
    web.force_login(other_citizen)
    response = pick(web, draft, "giay-chung-sinh", birth_paper.public_id)

    assert response.status_code == 404  # type: ignore[attr-defined]
    assert not StoredDocumentUse.objects.exists()


def test_in_english_each_stored_document_says_its_kind_in_english(
    hoa: Client, draft: Dossier, birth_paper: StoredDocument
) -> None:
    from tests.portal.english import in_english, text

    vietnamese = hoa.get(documents_url(draft)).content.decode()
    assert "Giấy chứng sinh của bé An (giấy tờ công dân tải lên, " in vietnamese
    english = text(in_english(hoa).get(documents_url(draft)))
    assert "Giấy chứng sinh của bé An (document uploaded by the citizen, " in english
    assert "giấy tờ công dân tải lên" not in english
