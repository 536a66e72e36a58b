"""The working-calendar API's own words (a duration, a working time, a kind of day)
follow the language the caller chose; without the choice they stay the Vietnamese they
always were. Reasons are the calendar's data and stay as written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.organizations.models import Agency
from tests.portal.english import in_english

pytestmark = pytest.mark.django_db


def both(path: str, params: dict[str, str]) -> tuple[Any, Any]:
    """The same question's answer to a reader of English and to anyone else."""
    english = in_english(Client()).get(path, params)
    vietnamese = Client().get(path, params)
    assert english.status_code == vietnamese.status_code == 200
    return english.json(), vietnamese.json()


@pytest.mark.parametrize(
    ("duration", "english", "vietnamese"),
    [
        ("5d", "5 working days", "5 ngày làm việc"),
        ("0.5d", "0.5 working days", "0,5 ngày làm việc"),
        ("1h", "1 working hour", "1 giờ làm việc"),
        ("3cd", "3 calendar days", "3 ngày"),
        ("sd", "Within the same working day", "Trong ngày làm việc"),
    ],
)
def test_a_deadline_s_duration_is_worded_in_the_reader_s_language(
    commune_agency: Agency, duration: str, english: str, vietnamese: str
) -> None:
    params = {"agency": commune_agency.code, "start": "2027-02-03T16:10:00+07:00"}
    read_in_english, read_in_vietnamese = both(
        "/api/v1/workdays/due", params | {"duration": duration}
    )

    assert read_in_english["duration_text"] == english
    assert "ngày" not in read_in_english["duration_text"]
    assert read_in_vietnamese["duration_text"] == vietnamese
    assert read_in_english["due"] == read_in_vietnamese["due"]


@pytest.mark.parametrize(
    ("end", "minutes", "english", "vietnamese"),
    [
        ("2027-03-08T08:30:00+07:00", 150, "2 hours 30 minutes", "2 giờ 30 phút"),
        ("2027-03-08T07:01:00+07:00", 61, "1 hour 1 minute", "1 giờ 1 phút"),
        ("2027-03-08T07:00:00+07:00", 60, "1 hour", "1 giờ"),
        ("2027-03-05T16:45:00+07:00", 45, "45 minutes", "45 phút"),
        ("2027-03-05T16:00:00+07:00", 0, "0 minutes", "0 phút"),
    ],
)
def test_a_working_time_is_worded_in_the_reader_s_language(
    commune_agency: Agency, end: str, minutes: int, english: str, vietnamese: str
) -> None:
    params = {"agency": commune_agency.code, "start": "2027-03-05T16:00:00+07:00", "end": end}
    read_in_english, read_in_vietnamese = both("/api/v1/workdays/elapsed", params)

    assert read_in_english["working_minutes"] == read_in_vietnamese["working_minutes"] == minutes
    assert read_in_english["text"] == english
    assert "giờ" not in read_in_english["text"] and "phút" not in read_in_english["text"]
    assert read_in_vietnamese["text"] == vietnamese


def test_the_kinds_of_special_days_are_named_in_the_reader_s_language(
    commune_agency: Agency,
) -> None:
    params = {"agency": commune_agency.code, "year": "2026"}
    read_in_english, read_in_vietnamese = both("/api/v1/workdays/calendar", params)

    english = {d["date"]: d for d in read_in_english["days"]}
    vietnamese = {d["date"]: d for d in read_in_vietnamese["days"]}
    assert english["2026-08-22"]["kind_text"] == "make-up working day"
    assert vietnamese["2026-08-22"]["kind_text"] == "ngày làm việc bù"
    assert english["2026-09-02"]["kind_text"] == "public holiday or Tết"
    assert vietnamese["2026-09-02"]["kind_text"] == "ngày nghỉ lễ, Tết"
    assert not any("ngày" in day["kind_text"] for day in english.values())
    # The reason is what the government or the agency wrote: it is not translated.
    assert english["2026-08-22"]["reason"] == vietnamese["2026-08-22"]["reason"]
