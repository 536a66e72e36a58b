"""A document's kind_label in the API's list is in the reader's language: English for a
caller who chose it, and for everyone else the Vietnamese name the form prints."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.documents.models import DocumentKind
from motcua.documents.services import slip_generate
from motcua.dossiers.models import Dossier
from tests.portal.english import readers, vietnamese_letters

pytestmark = pytest.mark.django_db


def kind_labels(client: Client, dossier: Dossier) -> dict[str, str]:
    answer = client.get(f"/api/v1/dossiers/{dossier.code}/documents")
    assert answer.status_code == 200, answer.content
    return {item["kind"]: item["kind_label"] for item in answer.json()["items"]}


def test_the_receipt_s_kind_in_the_reader_s_language(received: Dossier, clerk: User) -> None:
    slip_generate(
        dossier_id=received.pk,
        kind=DocumentKind.RECEIPT,
        event_id=received.events.get(action="intake").pk,
    )
    english, vietnamese = readers(clerk)

    assert kind_labels(english, received) == {"receipt": "Receipt and result appointment slip"}
    assert kind_labels(vietnamese, received) == {
        "receipt": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    }


def test_a_signed_result_is_one_result_in_english(signed_result: Any, leader: User) -> None:
    dossier = signed_result.dossier
    english, vietnamese = readers(leader)

    read_in_english = kind_labels(english, dossier)
    read_in_vietnamese = kind_labels(vietnamese, dossier)

    assert read_in_english["result"] == "Result"
    assert read_in_vietnamese["result"] == "Kết quả giải quyết"
    assert read_in_english.keys() == read_in_vietnamese.keys()
    assert not vietnamese_letters(" ".join(read_in_english.values()))
