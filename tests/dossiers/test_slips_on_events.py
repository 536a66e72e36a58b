"""A receipt is printed by itself when a clerk receives a dossier, and only if the
reception commits."""

from __future__ import annotations

import pytest
from django.db import transaction
from pypdf import PdfReader

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.documents.models import DocumentKind, GeneratedDocument
from tests.dossiers.conftest import intake


@pytest.mark.django_db(transaction=True)
def test_reception_at_the_counter_makes_the_receipt(clerk: User, version: ProcedureVersion) -> None:
    dossier = intake(clerk, version)
    receipt = GeneratedDocument.objects.get(dossier=dossier, kind=DocumentKind.RECEIPT)
    with receipt.file.open("rb") as fh:
        text = "".join(page.extract_text() for page in PdfReader(fh).pages)
    assert dossier.code is not None
    assert dossier.code in text
    assert "Nguyễn Thị Hoa" in text


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_reception_prints_nothing(clerk: User, version: ProcedureVersion) -> None:
    class Abort(Exception):
        pass

    def receive_then_fail() -> None:
        with transaction.atomic():
            intake(clerk, version)
            raise Abort

    with pytest.raises(Abort):
        receive_then_fail()
    assert not GeneratedDocument.objects.exists()
