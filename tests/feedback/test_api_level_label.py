"""A rating's level_label in the API's answers is in the reader's language: English for
a caller who chose it, and for everyone else the Vietnamese of the national form."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from tests.portal.english import readers

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("level", "english", "vietnamese"),
    [
        ("very_satisfied", "Very satisfied", "Rất hài lòng"),
        ("satisfied", "Satisfied", "Hài lòng"),
        ("not_satisfied", "Not satisfied", "Không hài lòng"),
    ],
)
def test_her_rating_is_read_back_in_the_reader_s_language(
    returned: Dossier, citizen: User, level: str, english: str, vietnamese: str
) -> None:
    in_english, in_vietnamese = readers(citizen)
    url = f"/api/v1/dossiers/{returned.code}/rating"

    rated = in_english.post(
        url, {"level": level, "reason": "Chờ lâu"}, content_type="application/json"
    )

    assert rated.status_code == 201, rated.content
    assert rated.json()["level_label"] == english
    assert in_english.get(url).json()["level_label"] == english
    assert in_vietnamese.get(url).json()["level_label"] == vietnamese
    assert in_english.get(url).json()["level"] == in_vietnamese.get(url).json()["level"] == level
