"""GET /api/v1/workdays/due: the same deadline as the engine, as JSON; bad input → 4xx."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.organizations.models import Agency

URL = "/api/v1/workdays/due"
pytestmark = pytest.mark.django_db


def _get(client: Client, **params: str) -> Any:
    return client.get(URL, params)


def test_due_date_over_tet_2027(client: Client, commune_agency: Agency) -> None:
    response = _get(
        client, agency=commune_agency.code, start="2027-02-03T16:10:00+07:00", duration="5d"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2027-02-17T16:10:00+07:00"
    assert body["start"] == "2027-02-03T16:10:00+07:00"
    assert body["effective_start"] == "2027-02-03T16:10:00+07:00"
    assert body["duration"] == "5d"
    assert body["duration_text"] == "5 ngày làm việc"
    assert body["explanation"] is None


def test_cutoff_and_explanation(client: Client, commune_agency: Agency) -> None:
    response = _get(
        client,
        agency=commune_agency.code,
        start="2027-03-01T15:01:00+07:00",
        duration="sd",
        cutoff="15:00",
        explain="true",
    )

    body = response.json()
    assert body["due"] == "2027-03-02T17:00:00+07:00"
    assert body["effective_start"] == "2027-03-02T07:00:00+07:00"
    assert body["cutoff"] == "15:00"
    assert body["explanation"][0]["status"] == "skipped"
    assert "sau 15:00" in body["explanation"][0]["reason"]
    assert body["explanation_text"][-1] == "Hạn giải quyết: Thứ Ba 02/03/2027 17:00"


def test_start_in_utc_is_answered_in_vietnamese_time(
    client: Client, commune_agency: Agency
) -> None:
    response = _get(client, agency=commune_agency.code, start="2027-02-03T09:10:00Z", duration="5d")
    assert response.json()["due"] == "2027-02-17T16:10:00+07:00"


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"start": "2027-02-03T16:10:00"}, 400, "thiếu múi giờ"),
        ({"start": "2027-02-03T16:10:00 07:00"}, 400, "%2B"),
        ({"start": "hôm qua"}, 400, "'start'"),
        ({"duration": "5w"}, 400, "Không đọc được thời hạn"),
        ({"duration": "-5d"}, 400, "Không đọc được thời hạn"),
        ({"duration": "0d"}, 400, "lớn hơn 0"),
        ({"duration": "4000cd"}, 400, "vượt quá 10 năm"),
        ({"duration": "2611d"}, 400, "vượt quá 10 năm"),
        ({"cutoff": "3pm"}, 400, "'cutoff'"),
        ({"agency": "000.00.00.X99"}, 404, "không tìm thấy cơ quan"),
        ({"start": "2050-01-03T09:00:00+07:00"}, 400, "2015–2040"),
        ({"start": "2040-12-20T09:00:00+07:00", "duration": "60d"}, 400, "2015–2040"),
    ],
)
def test_bad_input_gets_a_clear_message(
    client: Client, commune_agency: Agency, params: dict[str, str], status: int, message: str
) -> None:
    query = {
        "agency": commune_agency.code,
        "start": "2027-02-03T16:10:00+07:00",
        "duration": "5d",
        **params,
    }
    response = _get(client, **query)

    assert response.status_code == status
    assert message in response.json()["message"]


def test_missing_parameter_is_named(client: Client, commune_agency: Agency) -> None:
    response = _get(client, agency=commune_agency.code, duration="5d")
    assert response.status_code == 422
    assert "start" in response.json()["message"]
