"""An administrator who chose English reads the mistakes in office hours in English,
in the admin and wherever a calendar is validated; everyone else reads the Vietnamese
as before."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from motcua.accounts.models import User
from motcua.organizations.models import Agency
from motcua.workdays.models import AgencyCalendar, CalendarOverride
from tests.portal.english import readers, text

pytestmark = pytest.mark.django_db


def refusal(record: AgencyCalendar | CalendarOverride, language: str) -> str:
    with translation.override(language), pytest.raises(ValidationError) as refused:
        record.clean()
    return " ".join(refused.value.message_dict["hours"])


@pytest.mark.parametrize(
    ("hours", "english", "vietnamese"),
    [
        (
            {"0": [["7:00", "11:30"]]},
            "Office hours on Monday: the time '7:00' must be written as HH:MM, for example 07:30.",
            "Giờ làm việc Thứ Hai: giờ '7:00' phải viết dạng HH:MM, ví dụ 07:30.",
        ),
        (
            {"6": [["07:00", "24:30"]]},
            "Office hours on Sunday: the time 24:30 is past 24:00.",
            "Giờ làm việc Chủ nhật: giờ 24:30 vượt quá 24:00.",
        ),
        (
            {"1": "07:00-11:30"},
            "Office hours on Tuesday: must be a list of time ranges, for example "
            '[["07:00", "11:30"]].',
            'Giờ làm việc Thứ Ba: phải là danh sách khoảng giờ, ví dụ [["07:00", "11:30"]].',
        ),
        (
            {"2": [["07:00"]]},
            "Office hours on Wednesday: each time range has exactly two times [start, end].",
            "Giờ làm việc Thứ Tư: mỗi khoảng giờ gồm đúng hai mốc [bắt đầu, kết thúc].",
        ),
        (
            {"3": [["11:30", "07:00"]]},
            "Office hours on Thursday: the range 11:30–07:00 must end after it starts.",
            "Giờ làm việc Thứ Năm: khoảng 11:30–07:00 phải kết thúc sau khi bắt đầu.",
        ),
        (
            {"4": [["07:00", "12:00"], ["11:00", "17:00"]]},
            "Office hours on Friday: the time ranges must be in order and must not overlap.",
            "Giờ làm việc Thứ Sáu: các khoảng giờ phải theo thứ tự và không chồng lên nhau.",
        ),
        (
            {"5": [["07:00", "11:00"]], "7": [["07:00", "11:00"]], "x": []},
            "Not a weekday: 7, x (the keys are 0 = Monday … 6).",
            "Khóa 7, x không phải thứ trong tuần (0 = Thứ Hai … 6).",
        ),
        (
            [["07:00", "11:00"]],
            'Office hours must be a table by weekday, keys "0" (Monday)…"6".',
            'Giờ làm việc phải là bảng theo thứ trong tuần, khóa "0" (Thứ Hai)…"6".',
        ),
        (
            {"0": [], "5": []},
            "The calendar has no working hours in the whole week: enter the opening hours.",
            "Lịch làm việc không có giờ làm việc nào trong tuần: hãy nhập giờ mở cửa.",
        ),
    ],
)
def test_a_week_s_hours_are_refused_in_the_reader_s_language(
    commune_agency: Agency, hours: object, english: str, vietnamese: str
) -> None:
    def calendar() -> AgencyCalendar:
        return AgencyCalendar(agency=commune_agency, effective_from=date(2027, 1, 1), hours=hours)

    assert refusal(calendar(), "en") == english
    assert refusal(calendar(), "vi") == vietnamese


@pytest.mark.parametrize(
    ("kind", "hours", "english", "vietnamese"),
    [
        (
            "changed_hours",
            [["7h", "11h"]],
            "Office hours: the time '7h' must be written as HH:MM, for example 07:30.",
            "Giờ làm việc: giờ '7h' phải viết dạng HH:MM, ví dụ 07:30.",
        ),
        (
            "changed_hours",
            [],
            "A day with changed working hours must have working hours; for a whole day off "
            "choose the kind 'Day off'.",
            "Ngày đổi giờ làm việc phải có giờ làm việc; nghỉ cả ngày thì chọn loại 'Ngày nghỉ'.",
        ),
        (
            "day_off",
            [["07:00", "11:30"]],
            "A day off has no working hours.",
            "Ngày nghỉ không có giờ làm việc.",
        ),
    ],
)
def test_a_special_day_s_hours_are_refused_in_the_reader_s_language(
    commune_agency: Agency, kind: str, hours: list[list[str]], english: str, vietnamese: str
) -> None:
    def override() -> CalendarOverride:
        return CalendarOverride(
            agency=commune_agency, date=date(2027, 3, 2), kind=kind, hours=hours, reason="Họp"
        )

    assert refusal(override(), "en") == english
    assert refusal(override(), "vi") == vietnamese


def test_the_admin_form_shows_the_mistake_in_english(commune_agency: Agency) -> None:
    admin = User.objects.create_superuser(username="quantri", password="motcua-test")
    form = {
        "agency": commune_agency.pk,
        "effective_from": "2027-01-01",
        "hours": '{"0": [["07:00", "11:30"], ["11:00", "17:00"]]}',
        "minutes_per_day": "480",
    }
    english, vietnamese = readers(admin)

    read_in_english = text(english.post("/quan-tri/workdays/agencycalendar/add/", form))
    read_in_vietnamese = text(vietnamese.post("/quan-tri/workdays/agencycalendar/add/", form))

    assert "Office hours on Monday: the time ranges must be in order" in read_in_english
    assert "chồng lên nhau" not in read_in_english and "Thứ Hai:" not in read_in_english
    assert "Giờ làm việc Thứ Hai: các khoảng giờ phải theo thứ tự" in read_in_vietnamese
    assert not AgencyCalendar.objects.exists()
