"""A reader who chose English reads a procedure's legal duration in English in the
catalog API; without the choice it stays the Vietnamese the portal and slips show."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.catalog import search
from motcua.organizations.models import Agency
from tests.catalog.factories import procedure
from tests.portal.english import in_english

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index() -> None:
    search.invalidate()


def duration_of(body: dict[str, Any]) -> dict[str, str]:
    """The duration of a procedure's detail, or of the first one in a list."""
    return body["items"][0]["duration"] if "items" in body else body["duration"]


@pytest.mark.parametrize(
    ("duration", "english", "vietnamese"),
    [
        (("5", "d"), "5 working days", "5 ngày làm việc"),
        (("0.5", "d"), "0.5 working days", "0,5 ngày làm việc"),
        (("1", "h"), "1 working hour", "1 giờ làm việc"),
        (("10", "cd"), "10 calendar days", "10 ngày"),
    ],
)
def test_a_procedure_s_duration_follows_the_reader_s_language(
    commune_agency: Agency, duration: tuple[str, str], english: str, vietnamese: str
) -> None:
    procedure("1.001193", "Thủ tục đăng ký khai sinh", agencies=[commune_agency], duration=duration)
    english_reader = in_english(Client(HTTP_HOST="127.0.0.1"))
    vietnamese_reader = Client(HTTP_HOST="127.0.0.1")

    for url in ("/api/v1/procedures", "/api/v1/procedures/1.001193"):
        read_in_english = duration_of(english_reader.get(url).json())
        read_in_vietnamese = duration_of(vietnamese_reader.get(url).json())

        assert read_in_english["text"] == english
        assert "ngày" not in read_in_english["text"] and "giờ" not in read_in_english["text"]
        assert read_in_vietnamese["text"] == vietnamese
        assert read_in_english["value"] == read_in_vietnamese["value"] == duration[0]
