"""The agency administrator edits calendars in the admin; mistakes come back as form errors."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.organizations.models import Agency
from motcua.workdays.models import AgencyCalendar, CalendarOverride

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, db: None) -> Client:
    admin = User.objects.create_superuser(username="quantri", password="motcua-test")
    client.force_login(admin)
    return client


def test_calendar_without_working_time_is_refused_in_the_admin(
    admin_client: Client, commune_agency: Agency
) -> None:
    response = admin_client.post(
        "/quan-tri/workdays/agencycalendar/add/",
        {
            "agency": commune_agency.pk,
            "effective_from": "2027-01-01",
            "hours": '{"0": [], "5": []}',
            "minutes_per_day": "480",
        },
    )

    assert response.status_code == 200
    assert "không có giờ làm việc nào" in response.content.decode()
    assert not AgencyCalendar.objects.exists()


def test_override_saved_in_the_admin_is_audited(
    admin_client: Client, commune_agency: Agency
) -> None:
    response = admin_client.post(
        "/quan-tri/workdays/calendaroverride/add/",
        {
            "agency": commune_agency.pk,
            "date": "2027-03-02",
            "kind": "day_off",
            "hours": "[]",
            "reason": "Đại hội Đảng bộ phường",
            "source": "",
            "effective_from": "2027-02-20",
        },
    )

    assert response.status_code == 302
    override = CalendarOverride.objects.get()
    assert override.reason == "Đại hội Đảng bộ phường"
    assert AuditEvent.objects.filter(action="workdays.override_created").count() == 1


def test_admin_lists_render(admin_client: Client, commune_agency: Agency) -> None:
    for url in ("/quan-tri/workdays/agencycalendar/", "/quan-tri/workdays/calendaroverride/"):
        assert admin_client.get(url).status_code == 200
