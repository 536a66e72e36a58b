"""Deleting a draft: Bà Hoa gives up an application she started. Only her own, only while
it is a draft; the trail keeps who deleted what and when, and her files go with it,
except the copies in her store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.db import transaction

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.catalog.models import ProcedureVersion
from motcua.documents.models import StoredDocument, StoredDocumentUse
from motcua.documents.services import store_add
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidTransition, NotAllowed, NotFound, StaleDossier
from motcua.dossiers.models import Attachment, Dossier, DossierDocument, DossierEvent, Status
from tests.dossiers.conftest import (
    VN,
    complete_draft,
    race,
    saved_elsewhere,
)
from tests.portal.conftest import PDF
from tests.portal.test_store_reuse_page import png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def start_draft(citizen: User, version: ProcedureVersion) -> Dossier:
    return services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration={"child_name": "Nguyễn Minh An"},
    )


@pytest.fixture
def draft(citizen: User, version: ProcedureVersion) -> Dossier:
    """Bà Hoa's half-filled birth registration, with a scan attached."""
    draft = start_draft(citizen, version)
    services.attachment_add(
        dossier=draft, actor=citizen, data=PDF, name="chung-sinh.pdf", document_code="to-khai"
    )
    draft.refresh_from_db()
    return draft


def test_the_owner_deletes_her_draft_and_the_trail_says_who_and_when(
    draft: Dossier, citizen: User, django_capture_on_commit_callbacks: Any
) -> None:
    scan = Attachment.objects.get(dossier=draft)

    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_draft_delete(actor=citizen, draft=draft, expected_version=draft.version)

    assert not Dossier.objects.filter(pk=draft.pk).exists()
    assert not DossierDocument.objects.filter(dossier_id=draft.pk).exists()
    assert not DossierEvent.objects.filter(dossier_id=draft.pk).exists()
    row = AuditEvent.objects.get(action="draft_delete")
    assert (row.subject_type, row.subject_id) == ("dossiers.dossier", str(draft.pk))
    assert row.actor == citizen and row.actor_role == "citizen"
    assert row.at == datetime(2026, 11, 18, 9, tzinfo=VN)
    assert row.changes["procedure"] == "1.001193"
    assert row.changes["version"] == draft.version
    assert row.changes["files"] == [{"sha256": scan.sha256, "size": scan.size}]
    # What she typed and her files' names are what the deletion removes.
    assert "Nguyễn Minh An" not in str(row.changes) and "chung-sinh" not in str(row.changes)
    assert not default_storage.exists(scan.file.name)


def test_a_file_also_kept_in_her_store_stays_in_the_store(
    citizen: User, version: ProcedureVersion, django_capture_on_commit_callbacks: Any
) -> None:
    kept = store_add(owner=citizen, name="Giấy chứng sinh", data=png(), filename="cs.png")
    draft = start_draft(citizen, version)
    copy = services.attachment_add_reused(
        dossier=draft, actor=citizen, stored_document_id=kept.pk, document_code="giay-chung-sinh"
    )
    draft.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_draft_delete(actor=citizen, draft=draft)

    assert not default_storage.exists(copy.file.name)
    kept.refresh_from_db()
    assert default_storage.exists(kept.file.name)
    assert StoredDocumentUse.objects.get(stored_document=kept).dossier is None


def test_a_file_a_row_still_names_is_not_deleted(
    draft: Dossier, citizen: User, django_capture_on_commit_callbacks: Any
) -> None:
    """Were the store ever to share an attachment's file (as it shares a result's), the
    file would stay for the store."""
    scan = Attachment.objects.get(dossier=draft)
    shared = StoredDocument.objects.create(
        owner=citizen,
        kind=StoredDocument.Kind.UPLOADED,
        name="Giấy chứng sinh",
        content_type=scan.content_type,
        size=scan.size,
        sha256=scan.sha256,
        file=scan.file.name,
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_draft_delete(actor=citizen, draft=draft)

    assert default_storage.exists(shared.file.name)


def test_nothing_is_deleted_when_the_change_rolls_back(
    draft: Dossier, citizen: User, django_capture_on_commit_callbacks: Any
) -> None:
    scan = Attachment.objects.get(dossier=draft)

    def delete_then_fail() -> None:
        with transaction.atomic():
            services.dossier_draft_delete(actor=citizen, draft=draft)
            raise RuntimeError("a later step of the same change failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        delete_then_fail()
    assert Dossier.objects.filter(pk=draft.pk).exists()
    assert default_storage.exists(scan.file.name)
    assert not AuditEvent.objects.filter(action="draft_delete").exists()


def test_another_citizen_cannot_delete_it(draft: Dossier, other_citizen: User, clerk: User) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_draft_delete(actor=other_citizen, draft=draft)
    with pytest.raises(NotAllowed):
        services.dossier_draft_delete(actor=clerk, draft=draft)
    assert Dossier.objects.filter(pk=draft.pk).exists()
    assert not AuditEvent.objects.filter(action="draft_delete").exists()


def test_a_submitted_dossier_cannot_be_deleted_only_withdrawn(
    new_dossier: Dossier, citizen: User
) -> None:
    with pytest.raises(InvalidTransition, match="rút hồ sơ"):
        services.dossier_draft_delete(actor=citizen, draft=new_dossier)
    new_dossier.refresh_from_db()
    assert new_dossier.status == Status.NEW


def test_a_draft_changed_since_she_looked_is_not_deleted_blind(
    draft: Dossier, citizen: User
) -> None:
    seen = draft.version
    saved_elsewhere(draft, citizen)
    with pytest.raises(StaleDossier):
        services.dossier_draft_delete(actor=citizen, draft=draft, expected_version=seen)
    assert Dossier.objects.filter(pk=draft.pk).exists()


def test_a_draft_already_deleted_is_not_found(draft: Dossier, citizen: User) -> None:
    services.dossier_draft_delete(actor=citizen, draft=draft)
    with pytest.raises(NotFound):
        services.dossier_draft_delete(actor=citizen, draft=draft)
    with pytest.raises(NotFound):
        services.attachment_add(dossier=draft, actor=citizen, data=PDF, name="muon.pdf")


@pytest.mark.no_freeze
@pytest.mark.django_db(transaction=True)
def test_deleting_and_submitting_at_once_one_wins(citizen: User, version: ProcedureVersion) -> None:
    with time_machine.travel(datetime(2026, 11, 18, 9, tzinfo=VN), tick=True):
        draft = complete_draft(citizen, version)
        outcomes = race(
            lambda: services.dossier_draft_delete(
                actor=citizen, draft=draft, expected_version=draft.version
            ),
            lambda: services.dossier_submit(
                actor=citizen, draft=draft, expected_version=draft.version
            ),
        )
    deleted, submitted = outcomes
    if isinstance(deleted, AuditEvent):
        assert isinstance(submitted, NotFound), outcomes
        assert not Dossier.objects.exists()
    else:
        assert isinstance(submitted, Dossier) and isinstance(deleted, StaleDossier), outcomes
        assert Dossier.objects.get().status == Status.NEW
        assert not AuditEvent.objects.filter(action="draft_delete").exists()
