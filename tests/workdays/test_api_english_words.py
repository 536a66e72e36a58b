"""The working-calendar API's own words (a duration, a working time, a kind of day, a
deadline's explanation) follow the language the caller chose; without the choice they
stay the Vietnamese they always were. What the calendar's data says (a holiday's name, a
swap the government announced) stays as written."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.organizations.models import Agency
from tests.portal.english import readers, vietnamese_letters

pytestmark = pytest.mark.django_db


def both(path: str, params: dict[str, str]) -> tuple[Any, Any]:
    """The same question's answer to a reader of English and to anyone else."""
    english_reader, vietnamese_reader = readers(None)
    english = english_reader.get(path, params)
    vietnamese = vietnamese_reader.get(path, params)
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


def explained(agency: Agency, start: str, duration: str, cutoff: str = "") -> tuple[Any, Any]:
    params = {"agency": agency.code, "start": start, "duration": duration, "explain": "true"}
    return both("/api/v1/workdays/due", params | ({"cutoff": cutoff} if cutoff else {}))


def test_a_deadline_s_explanation_is_worded_in_the_reader_s_language(
    commune_agency: Agency,
) -> None:
    # Received on a Friday afternoon with one working day: the weekend is skipped.
    read_in_english, read_in_vietnamese = explained(
        commune_agency, "2027-03-05T16:10:00+07:00", "1d"
    )

    assert read_in_english["explanation_text"] == [
        "Received: Friday 05/03/2027 16:10",
        "Counting starts: Friday 05/03/2027 16:10",
        "Time limit: 1 working day",
        "Friday 05/03/2027: 50 minutes counted — from 16:10",
        "Saturday 06/03/2027: not counted — Saturday",
        "Sunday 07/03/2027: not counted — Sunday",
        "Monday 08/03/2027: 7 hours 10 minutes counted — until 16:10",
        "Deadline: Monday 08/03/2027 16:10",
    ]
    assert read_in_vietnamese["explanation_text"] == [
        "Tiếp nhận: Thứ Sáu 05/03/2027 16:10",
        "Bắt đầu tính: Thứ Sáu 05/03/2027 16:10",
        "Thời hạn: 1 ngày làm việc",
        "Thứ Sáu 05/03/2027: tính 50 phút — từ 16:10",
        "Thứ Bảy 06/03/2027: không tính — Thứ Bảy",
        "Chủ nhật 07/03/2027: không tính — Chủ nhật",
        "Thứ Hai 08/03/2027: tính 7 giờ 10 phút — đến 16:10",
        "Hạn giải quyết: Thứ Hai 08/03/2027 16:10",
    ]


def test_each_day_of_the_explanation_is_worded_in_the_reader_s_language(
    commune_agency: Agency,
) -> None:
    read_in_english, read_in_vietnamese = explained(
        commune_agency, "2027-03-05T16:10:00+07:00", "1d"
    )

    english, vietnamese = read_in_english["explanation"], read_in_vietnamese["explanation"]
    assert [(d["weekday"], d["reason"]) for d in english] == [
        ("Friday", "from 16:10"),
        ("Saturday", "Saturday"),
        ("Sunday", "Sunday"),
        ("Monday", "until 16:10"),
    ]
    assert [(d["weekday"], d["reason"]) for d in vietnamese] == [
        ("Thứ Sáu", "từ 16:10"),
        ("Thứ Bảy", "Thứ Bảy"),
        ("Chủ nhật", "Chủ nhật"),
        ("Thứ Hai", "đến 16:10"),
    ]
    assert english[3]["text"] == "Monday 08/03/2027: 7 hours 10 minutes counted — until 16:10"
    assert vietnamese[3]["text"] == "Thứ Hai 08/03/2027: tính 7 giờ 10 phút — đến 16:10"
    # The figures are the same whatever the language.
    for field in ("date", "status", "counted_minutes"):
        assert [d[field] for d in english] == [d[field] for d in vietnamese]


@pytest.mark.parametrize(
    ("start", "duration", "cutoff", "english", "vietnamese"),
    [
        (
            "2027-03-05T15:01:00+07:00",
            "sd",
            "15:00",
            "Friday 05/03/2027: not counted — after 15:00, counted from the next working day",
            "Thứ Sáu 05/03/2027: không tính — sau 15:00, tính từ ngày làm việc tiếp theo",
        ),
        (
            "2027-03-05T18:00:00+07:00",
            "1h",
            "",
            "Counting starts: Monday 08/03/2027 07:00 (outside office hours)",
            "Bắt đầu tính: Thứ Hai 08/03/2027 07:00 (ngoài giờ làm việc)",
        ),
        (
            "2027-03-06T09:00:00+07:00",
            "1h",
            "",
            "Counting starts: Monday 08/03/2027 07:00 (received on a day off: Saturday)",
            "Bắt đầu tính: Thứ Hai 08/03/2027 07:00 (nhận vào ngày nghỉ: Thứ Bảy)",
        ),
        (
            "2027-03-04T10:00:00+07:00",
            "3cd",
            "",
            "Thursday 04/03/2027: not counted — the day the count starts from is not counted "
            "(Civil Code, Article 147)",
            "Thứ Năm 04/03/2027: không tính — ngày bắt đầu tính không được tính "
            "(Điều 147 Bộ luật Dân sự)",
        ),
        (
            "2027-03-04T10:00:00+07:00",
            "3cd",
            "",
            "Saturday 06/03/2027: 1 calendar day counted — Saturday",
            "Thứ Bảy 06/03/2027: tính 1 ngày lịch — Thứ Bảy",
        ),
        (
            "2027-03-04T10:00:00+07:00",
            "3cd",
            "",
            "Monday 08/03/2027: deadline moved to the end of this working day — the deadline "
            "fell on a day off (Civil Code, Article 148)",
            "Thứ Hai 08/03/2027: hạn chuyển sang cuối ngày làm việc này — hạn rơi vào ngày "
            "nghỉ (Điều 148 Bộ luật Dân sự)",
        ),
    ],
    ids=[
        "after the cut-off",
        "outside office hours",
        "received on a day off",
        "the day the count starts from",
        "a calendar day on a weekend",
        "moved off a day off",
    ],
)
def test_every_kind_of_explained_day_has_english_words(
    commune_agency: Agency, start: str, duration: str, cutoff: str, english: str, vietnamese: str
) -> None:
    read_in_english, read_in_vietnamese = explained(commune_agency, start, duration, cutoff)

    assert english in read_in_english["explanation_text"]
    assert vietnamese in read_in_vietnamese["explanation_text"]
    assert not vietnamese_letters(" ".join(read_in_english["explanation_text"]))
    for day in read_in_english["explanation"]:
        assert not vietnamese_letters(day["weekday"] + day["reason"] + day["text"]), day
    assert read_in_english["due"] == read_in_vietnamese["due"]


def test_a_holiday_s_name_stays_as_the_calendar_writes_it(commune_agency: Agency) -> None:
    read_in_english, read_in_vietnamese = explained(
        commune_agency, "2027-02-03T16:10:00+07:00", "5d"
    )

    english = {d["date"]: d for d in read_in_english["explanation"]}
    vietnamese = {d["date"]: d for d in read_in_vietnamese["explanation"]}
    tet = "2027-02-04"
    assert english[tet]["reason"] == vietnamese[tet]["reason"]
    assert "Tết Nguyên Đán" in english[tet]["reason"]
    assert english[tet]["text"].startswith("Thursday 04/02/2027: not counted — Tết")
    assert english["2027-02-13"]["reason"] == "Saturday"
