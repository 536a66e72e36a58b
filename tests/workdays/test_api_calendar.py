"""GET /api/v1/workdays/calendar: a year's days off and extra working days, with reasons."""

from __future__ import annotations

from datetime import date

import holidays
import pytest
from django.test import Client

from motcua.organizations.models import Agency
from motcua.workdays.models import CalendarOverride
from motcua.workdays.services import calendar_override_save

URL = "/api/v1/workdays/calendar"
pytestmark = pytest.mark.django_db


def test_2026_lists_holidays_and_the_swap(client: Client, commune_agency: Agency) -> None:
    response = client.get(URL, {"agency": commune_agency.code, "year": "2026"})

    assert response.status_code == 200
    body = response.json()
    days = {d["date"]: d for d in body["days"]}
    assert days["2026-08-22"]["working"] is True
    assert days["2026-08-22"]["kind"] == "extra_working"
    assert "làm bù" in days["2026-08-22"]["reason"]
    assert days["2026-08-31"]["working"] is False
    assert "nghỉ bù" in days["2026-08-31"]["reason"]
    package = holidays.country_holidays("VN", years=2026)
    assert {d for d, v in days.items() if not v["working"]} == {d.isoformat() for d in package}
    assert not any(d["reason"] in ("Thứ Bảy", "Chủ nhật") for d in body["days"])


def test_agency_overrides_are_listed(client: Client, commune_agency: Agency) -> None:
    calendar_override_save(
        override=CalendarOverride(
            agency=commune_agency,
            date=date(2027, 3, 2),
            kind="changed_hours",
            hours=[["07:00", "11:30"]],
            reason="Chiều nghỉ họp",
        ),
        actor=None,
    )

    body = client.get(URL, {"agency": commune_agency.code, "year": "2027"}).json()

    entry = next(d for d in body["days"] if d["date"] == "2027-03-02")
    assert entry == {
        "date": "2027-03-02",
        "kind": "changed_hours",
        "kind_text": "ngày đổi giờ làm việc",
        "working": True,
        "hours": [["07:00", "11:30"]],
        "reason": "Chiều nghỉ họp",
    }


def test_year_outside_the_calendar_names_the_supported_years(
    client: Client, commune_agency: Agency
) -> None:
    response = client.get(URL, {"agency": commune_agency.code, "year": "2099"})
    assert response.status_code == 400
    assert "2015–2040" in response.json()["message"]


def test_unknown_agency(client: Client, db: None) -> None:
    response = client.get(URL, {"agency": "000.00.00.X99", "year": "2027"})
    assert response.status_code == 404
    assert "000.00.00.X99" in response.json()["message"]


def test_year_that_is_not_a_number(client: Client, commune_agency: Agency) -> None:
    response = client.get(URL, {"agency": commune_agency.code, "year": "năm nay"})
    assert response.status_code == 422
    assert "year" in response.json()["message"]
