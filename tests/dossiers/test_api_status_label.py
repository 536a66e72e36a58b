"""A dossier's status_label in the API's answers (list, detail, write, timeline and the
public lookup) is in the reader's language: English for a caller who chose it, and the
national list's Vietnamese for everyone else, as before."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from tests.portal.english import readers

pytestmark = pytest.mark.django_db


def test_a_dossier_s_status_in_the_list_and_the_detail(
    at_specialist: Dossier, specialist: User
) -> None:
    english, vietnamese = readers(specialist)
    for url in ("/api/v1/dossiers", f"/api/v1/dossiers/{at_specialist.code}"):
        read_in_english, read_in_vietnamese = english.get(url).json(), vietnamese.get(url).json()
        if "items" in read_in_english:
            read_in_english, read_in_vietnamese = (
                read_in_english["items"][0],
                read_in_vietnamese["items"][0],
            )

        assert read_in_english["status"] == read_in_vietnamese["status"] == 4
        assert read_in_english["status_label"] == "Being processed", url
        assert read_in_vietnamese["status_label"] == "Đang xử lý", url


def test_an_action_answers_with_the_new_status_in_the_reader_s_language(
    new_dossier: Dossier, clerk: User
) -> None:
    english, _ = readers(clerk)
    answer = english.post(
        f"/api/v1/dossiers/{new_dossier.pk}/actions/receive",
        json.dumps({"expected_version": new_dossier.version}),
        content_type="application/json",
    )

    assert answer.status_code == 200, answer.content
    assert answer.json()["status_label"] == "Received"


def test_each_step_of_the_timeline_names_its_status_in_the_reader_s_language(
    at_specialist: Dossier, citizen: User
) -> None:
    english, vietnamese = readers(citizen)
    url = f"/api/v1/dossiers/{at_specialist.code}/timeline"

    labels_in_english = [e["status_label"] for e in english.get(url).json()["items"]]
    labels_in_vietnamese = [e["status_label"] for e in vietnamese.get(url).json()["items"]]

    assert labels_in_english == ["Newly submitted", "Received", "Being processed"]
    assert labels_in_vietnamese == ["Mới đăng ký", "Đã tiếp nhận", "Đang xử lý"]


@pytest.fixture
def no_lookup_blocks() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()  # leave no block on this address for the tests that run next


def test_the_public_lookup_names_the_status_in_the_reader_s_language(
    received: Dossier, no_lookup_blocks: None
) -> None:
    english, vietnamese = readers(None)
    asked: dict[str, Any] = {"code": received.code, "secret": received.lookup_secret}

    read_in_english = english.post("/api/v1/lookup", asked, content_type="application/json")
    read_in_vietnamese = vietnamese.post("/api/v1/lookup", asked, content_type="application/json")

    assert read_in_english.json()["status_label"] == "Received"
    assert read_in_vietnamese.json()["status_label"] == "Đã tiếp nhận"
