"""Files left under dossiers/ by a rolled-back upload are swept once old enough; files a
dossier refers to, and fresh ones, are never touched."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.services.orphans import attachments_sweep_orphans
from tests.dossiers.conftest import GOOD_DECLARATION
from tests.portal.conftest import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def age(name: str, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(default_storage.path(name), (then, then))


def test_a_rolled_back_upload_leaves_a_file_that_the_sweep_removes(
    citizen: User, version: ProcedureVersion
) -> None:
    draft = services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(GOOD_DECLARATION),
    )
    kept = services.attachment_add(dossier=draft, actor=citizen, data=PDF, name="giu.pdf")
    orphan = _upload_then_roll_back(draft, citizen)
    assert orphan and default_storage.exists(orphan)  # the row is gone, the file is not
    age(orphan, 25)
    age(kept.file.name, 25)

    assert attachments_sweep_orphans() == 1

    assert not default_storage.exists(orphan)
    assert default_storage.exists(kept.file.name)


def _upload_then_roll_back(draft: Any, citizen: User) -> str:
    """An upload whose surrounding transaction then fails: the row goes, the file stays."""
    uploaded: list[str] = []

    def upload_then_fail() -> None:
        with transaction.atomic():
            lost = services.attachment_add(dossier=draft, actor=citizen, data=PDF, name="mat.pdf")
            uploaded.append(lost.file.name)
            raise RuntimeError("the submission failed a later check")

    with pytest.raises(RuntimeError, match="later check"):
        upload_then_fail()
    return uploaded[0]


def test_a_fresh_unreferenced_file_is_left_for_its_transaction() -> None:
    name = default_storage.save("dossiers/ab/dang-ghi", ContentFile(PDF))
    assert attachments_sweep_orphans() == 0
    assert default_storage.exists(name)
    age(name, 25)
    assert attachments_sweep_orphans() == 1


def test_nothing_to_sweep_on_a_new_installation() -> None:
    assert attachments_sweep_orphans() == 0
