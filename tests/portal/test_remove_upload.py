"""Bà Hoa takes a wrong scan back out of her draft; once submitted, files stay."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidTransition, NotAllowed
from motcua.dossiers.models import Attachment, Dossier, DossierEvent
from tests.dossiers.conftest import GOOD_DECLARATION
from tests.portal.conftest import PDF

pytestmark = pytest.mark.django_db(transaction=True)  # the file goes after the commit


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def draft(citizen: User, version: ProcedureVersion) -> Dossier:
    return services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(GOOD_DECLARATION),
    )


def upload(draft: Dossier, actor: User) -> Attachment:
    return services.attachment_add(
        dossier=draft, actor=actor, data=PDF, name="nham-trang.pdf", document_code="giay-chung-sinh"
    )


def test_the_file_and_its_row_go_and_the_trail_says_so(draft: Dossier, citizen: User) -> None:
    wrong = upload(draft, citizen)
    stored = wrong.file.name
    assert default_storage.exists(stored)

    services.attachment_remove(dossier=draft, attachment_id=wrong.pk, actor=citizen)

    assert not Attachment.objects.filter(pk=wrong.pk).exists()
    assert not default_storage.exists(stored)
    event = DossierEvent.objects.get(dossier=draft, action="detach")
    assert event.changes["name"] == "nham-trang.pdf" and event.changes["sha256"] == wrong.sha256


def test_another_citizen_cannot_remove_it(
    draft: Dossier, citizen: User, other_citizen: User
) -> None:
    wrong = upload(draft, citizen)
    with pytest.raises(NotAllowed):
        services.attachment_remove(dossier=draft, attachment_id=wrong.pk, actor=other_citizen)
    assert Attachment.objects.filter(pk=wrong.pk).exists()


def test_a_submitted_dossier_keeps_its_files(draft: Dossier, citizen: User) -> None:
    kept = upload(draft, citizen)
    Dossier.objects.filter(pk=draft.pk).update(status=1)
    with pytest.raises(InvalidTransition, match="Hồ sơ đã nộp"):
        services.attachment_remove(dossier=draft, attachment_id=kept.pk, actor=citizen)
    assert Attachment.objects.filter(pk=kept.pk).exists()
    assert default_storage.exists(kept.file.name)


def test_the_documents_page_offers_it_and_says_it_is_done(draft: Dossier, citizen: User) -> None:
    web = Client(HTTP_HOST="127.0.0.1")
    web.force_login(citizen)
    wrong = upload(draft, citizen)
    page = web.get(f"/ho-so/{draft.pk}/giay-to/").content.decode()
    assert f"/ho-so/{draft.pk}/giay-to/{wrong.pk}/go/" in page and "Gỡ tệp" in page

    done = web.post(f"/ho-so/{draft.pk}/giay-to/{wrong.pk}/go/", follow=True)
    assert "Đã gỡ tệp khỏi hồ sơ" in done.content.decode()
    assert not Attachment.objects.filter(pk=wrong.pk).exists()
    assert web.post(f"/ho-so/{draft.pk}/giay-to/{wrong.pk}/go/").status_code == 302  # gone: said
    assert web.get(f"/ho-so/{draft.pk}/giay-to/{wrong.pk}/go/").status_code == 405
