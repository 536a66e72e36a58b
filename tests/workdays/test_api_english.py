"""The working-calendar API's own refusals follow the language the caller chose."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from motcua.organizations.models import Agency

URL = "/api/v1/workdays/calendar"


def in_english() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_an_unknown_agency_is_told_in_english(client: Client) -> None:
    query = {"agency": "000.00.00.X99", "year": "2027"}
    english = in_english().get(URL, query).json()["message"]
    vietnamese = client.get(URL, query).json()["message"]

    assert english == "'agency': no agency has the code '000.00.00.X99'."
    assert vietnamese == "'agency': không tìm thấy cơ quan có mã '000.00.00.X99'."


def test_a_year_outside_the_calendar_is_told_in_english(
    client: Client, commune_agency: Agency
) -> None:
    query = {"agency": commune_agency.code, "year": "2099"}
    english = in_english().get(URL, query).json()["message"]
    vietnamese = client.get(URL, query).json()["message"]

    assert english == "'year': the working calendar covers only the years 2015–2040."
    assert "chỉ tính được các năm 2015–2040" in vietnamese


DUE = "/api/v1/workdays/due"
ELAPSED = "/api/v1/workdays/elapsed"
START = "2027-02-03T16:10:00+07:00"


@pytest.mark.parametrize(
    ("params", "english", "vietnamese"),
    [
        (
            {"start": "03/02/2027"},
            "'start': cannot read the date and time '03/02/2027'; "
            "write it as 2027-02-03T16:10:00+07:00.",
            "'start': không đọc được thời điểm '03/02/2027'; viết dạng 2027-02-03T16:10:00+07:00.",
        ),
        (
            {"start": "2027-02-03T16:10:00 07:00"},
            "'start': cannot read the date and time '2027-02-03T16:10:00 07:00'; write it as "
            "2027-02-03T16:10:00+07:00 (in a URL, the + of the time zone must be written %2B).",
            "(trong địa chỉ URL, dấu + của múi giờ phải viết là %2B).",
        ),
        (
            {"start": "2027-02-03T16:10:00"},
            "'start': the date and time '2027-02-03T16:10:00' has no time zone; "
            "write it as, for example, 2027-02-03T16:10:00+07:00.",
            "'start': thời điểm '2027-02-03T16:10:00' thiếu múi giờ;",
        ),
        (
            {"duration": "5w"},
            "'duration': Cannot read the duration '5w': write, for example, 5d (working days), "
            "0.5d, 4h (working hours), 3cd (calendar days) or sd (same working day).",
            "'duration': Không đọc được thời hạn '5w': viết ví dụ 5d (ngày làm việc),",
        ),
        (
            {"duration": "0d"},
            "'duration': The duration must be greater than 0.",
            "'duration': Thời hạn phải lớn hơn 0.",
        ),
        (
            {"duration": "2611d"},
            "'duration': The duration 2611d is longer than 10 years.",
            "'duration': Thời hạn 2611d vượt quá 10 năm.",
        ),
        (
            {"duration": "1.5cd"},
            "'duration': A duration in calendar days must be a whole number.",
            "'duration': Thời hạn tính theo ngày lịch phải là số nguyên.",
        ),
        (
            {"duration": "0.3d"},
            "'duration': A duration in working days must be a multiple of half a day.",
            "'duration': Thời hạn theo ngày làm việc phải là bội số của nửa ngày.",
        ),
        (
            {"duration": "0.001h"},
            "'duration': A duration in working hours must be a whole number of minutes.",
            "'duration': Thời hạn theo giờ làm việc phải là số phút nguyên.",
        ),
        (
            {"cutoff": "3pm"},
            "'cutoff': the cut-off time '3pm' must be written as HH:MM, for example 15:00.",
            "'cutoff': giờ chốt '3pm' phải viết dạng HH:MM, ví dụ 15:00.",
        ),
        (
            {"cutoff": "15:00+07:00"},
            "'cutoff': the cut-off time is local time, without a time zone.",
            "'cutoff': giờ chốt là giờ địa phương, không kèm múi giờ.",
        ),
        (
            {"start": "2050-01-03T09:00:00+07:00"},
            "The working calendar covers only the years 2015–2040.",
            "Lịch làm việc chỉ tính được các năm 2015–2040.",
        ),
    ],
    ids=[
        "unreadable start",
        "unescaped plus",
        "no time zone",
        "unreadable duration",
        "zero duration",
        "over ten years",
        "fractional calendar days",
        "not a half day",
        "not whole minutes",
        "unreadable cutoff",
        "cutoff with a zone",
        "outside the calendar",
    ],
)
@pytest.mark.django_db
def test_a_deadline_s_bad_input_is_told_in_english(
    client: Client,
    commune_agency: Agency,
    params: dict[str, str],
    english: str,
    vietnamese: str,
) -> None:
    query = {"agency": commune_agency.code, "start": START, "duration": "5d", **params}
    in_en = in_english().get(DUE, query)
    in_vi = client.get(DUE, query)

    assert in_en.status_code == in_vi.status_code == 400
    assert in_en.json()["message"] == english
    assert vietnamese in in_vi.json()["message"]


@pytest.mark.django_db
def test_an_end_before_the_start_is_told_in_english(client: Client, commune_agency: Agency) -> None:
    query = {
        "agency": commune_agency.code,
        "start": "2027-03-08T08:30:00+07:00",
        "end": "2027-03-05T16:00:00+07:00",
    }
    english = in_english().get(ELAPSED, query).json()["message"]
    vietnamese = client.get(ELAPSED, query).json()["message"]

    assert english == (
        "The end 2027-03-05T16:00:00+07:00 is before the start 2027-03-08T08:30:00+07:00."
    )
    assert vietnamese == (
        "Thời điểm kết thúc 2027-03-05T16:00:00+07:00 trước thời điểm bắt đầu "
        "2027-03-08T08:30:00+07:00."
    )
