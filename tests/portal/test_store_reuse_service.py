"""``attachment_add_reused``: the dossiers service behind «Chọn từ kho dữ liệu của tôi».
Only the applicant, only while she may still add files, and all or nothing: a refused
attachment leaves no record of a use in the store either."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.catalog.models import ProcedureVersion
from motcua.documents.models import StoredDocument, StoredDocumentUse
from motcua.documents.services import store_add
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed, NotFound
from motcua.dossiers.models import Dossier, Provision
from tests.dossiers.conftest import submit_online
from tests.feedback.conftest import resolve, return_result
from tests.portal.test_store_reuse_page import png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def birth_paper(citizen: User) -> StoredDocument:
    return store_add(owner=citizen, name="Giấy chứng sinh", data=png(), filename="cs.png")


def nothing_recorded(dossier: Dossier) -> bool:
    return (
        not StoredDocumentUse.objects.exists()
        and not AuditEvent.objects.filter(action="store_reuse").exists()
        and not dossier.attachments.exists()
        and not dossier.documents.filter(provision=Provision.REUSED).exists()
        and not dossier.events.filter(action="attach_reused").exists()
    )


def test_the_applicant_attaches_by_the_stores_public_id_or_its_number(
    draft: Dossier, birth_paper: StoredDocument, citizen: User
) -> None:
    by_uuid = services.attachment_add_reused(
        dossier=draft,
        actor=citizen,
        stored_document_id=str(birth_paper.public_id),
        document_code="giay-chung-sinh",
    )
    by_pk = services.attachment_add_reused(
        dossier=draft, actor=citizen, stored_document_id=birth_paper.pk, document_code="to-khai"
    )

    assert by_uuid.document is not None and by_pk.document is not None
    assert by_uuid.document.provision == by_pk.document.provision == Provision.REUSED
    assert by_uuid.content_type == "image/png" and by_uuid.size == birth_paper.size
    assert StoredDocumentUse.objects.filter(dossier=draft).count() == 2


def test_the_clerk_cannot_take_documents_from_a_citizens_store(
    citizen: User, version: ProcedureVersion, clerk: User, birth_paper: StoredDocument
) -> None:
    dossier = submit_online(citizen, version)
    with pytest.raises(NotAllowed):
        services.attachment_add_reused(
            dossier=dossier,
            actor=clerk,
            stored_document_id=birth_paper.pk,
            document_code="giay-chung-sinh",
        )
    assert nothing_recorded(dossier)


def test_nothing_can_be_attached_once_the_result_is_returned(
    citizen: User,
    version: ProcedureVersion,
    clerk: User,
    specialist: User,
    leader: User,
    birth_paper: StoredDocument,
) -> None:
    dossier = return_result(
        resolve(submit_online(citizen, version), clerk, specialist, leader), clerk
    )
    with pytest.raises(InvalidTransition):
        services.attachment_add_reused(
            dossier=dossier,
            actor=citizen,
            stored_document_id=birth_paper.pk,
            document_code="giay-chung-sinh",
        )
    assert nothing_recorded(dossier)


def test_an_unknown_checklist_line_is_named(
    draft: Dossier, birth_paper: StoredDocument, citizen: User
) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.attachment_add_reused(
            dossier=draft,
            actor=citizen,
            stored_document_id=birth_paper.pk,
            document_code="so-ho-khau",
        )
    assert refused.value.field == "document" and "so-ho-khau" in refused.value.message
    assert nothing_recorded(draft)


def test_someone_elses_document_is_not_found(
    draft: Dossier, citizen: User, other_citizen: User
) -> None:
    theirs = store_add(owner=other_citizen, name="Của ông Bình", data=png(), filename="b.png")
    with pytest.raises(NotFound) as refused:
        services.attachment_add_reused(
            dossier=draft,
            actor=citizen,
            stored_document_id=theirs.pk,
            document_code="giay-chung-sinh",
        )
    assert refused.value.field == "stored_document"
    assert nothing_recorded(draft)


def test_over_the_file_limit_the_use_in_the_store_is_rolled_back_too(
    draft: Dossier, birth_paper: StoredDocument, citizen: User, settings: Any
) -> None:
    settings.MAX_FILES_PER_DOSSIER = 0
    with pytest.raises(InvalidInput) as refused:
        services.attachment_add_reused(
            dossier=draft,
            actor=citizen,
            stored_document_id=birth_paper.pk,
            document_code="giay-chung-sinh",
        )
    assert refused.value.field == "file"
    assert nothing_recorded(draft)
