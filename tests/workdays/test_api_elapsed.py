"""GET /api/v1/workdays/elapsed: working time between two instants."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.organizations.models import Agency

URL = "/api/v1/workdays/elapsed"
pytestmark = pytest.mark.django_db


def test_working_time_over_a_weekend(client: Client, commune_agency: Agency) -> None:
    response = client.get(
        URL,
        {
            "agency": commune_agency.code,
            "start": "2027-03-05T16:00:00+07:00",
            "end": "2027-03-08T08:30:00+07:00",
        },
    )
    assert response.status_code == 200
    assert response.json()["working_minutes"] == 150
    assert response.json()["text"] == "2 giờ 30 phút"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2027-03-08T08:30:00+07:00", "2027-03-05T16:00:00+07:00", "trước thời điểm bắt đầu"),
        ("2027-03-05T16:00:00+07:00", "2027-03-08T08:30:00", "'end'"),
    ],
)
def test_bad_instants_are_refused(
    client: Client, commune_agency: Agency, start: str, end: str, message: str
) -> None:
    response = client.get(URL, {"agency": commune_agency.code, "start": start, "end": end})
    assert response.status_code == 400
    assert message in response.json()["message"]
