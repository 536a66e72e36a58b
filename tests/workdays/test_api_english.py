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
