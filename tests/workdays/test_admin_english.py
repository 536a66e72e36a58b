"""An administrator who chose English picks a special day's kind among English names in
the calendar admin, sees it in the list and its filter, and is told which kind to pick
by the name she sees; everyone else reads the Vietnamese as before. Field names stay the
models' Vietnamese, as across the admin, and the audit row keeps the kind in Vietnamese."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.organizations.models import Agency
from motcua.workdays.models import CalendarOverride
from tests.portal.english import readers, text

pytestmark = pytest.mark.django_db

ADD = "/quan-tri/workdays/calendaroverride/add/"
LIST = "/quan-tri/workdays/calendaroverride/"
KINDS_IN_ENGLISH = ("Day off", "Make-up working day", "Changed working hours")
KINDS_IN_VIETNAMESE = ("Ngày nghỉ", "Ngày làm việc (làm bù)", "Đổi giờ làm việc")


@pytest.fixture
def administrators() -> tuple[Client, Client]:
    """The same administrator, once having chosen English and once not."""
    return readers(User.objects.create_superuser(username="quantri", password="motcua-test"))


def option(value: str, label: str) -> str:
    return f'<option value="{value}">{label}</option>'


def test_the_kinds_to_pick_are_named_in_the_reader_s_language(
    administrators: tuple[Client, Client],
) -> None:
    english, vietnamese = (text(client.get(ADD)) for client in administrators)

    values = [kind.value for kind in CalendarOverride.Kind]
    for value, label in zip(values, KINDS_IN_ENGLISH, strict=True):
        assert option(value, label) in english
    for value, label in zip(values, KINDS_IN_VIETNAMESE, strict=True):
        assert option(value, label) in vietnamese
    assert '<option value="" selected>---------</option>' in english
    assert not any(label in english for label in KINDS_IN_VIETNAMESE)


def test_the_list_and_its_filter_name_the_kind_in_the_reader_s_language(
    administrators: tuple[Client, Client], commune_agency: Agency
) -> None:
    CalendarOverride.objects.create(
        agency=commune_agency,
        date="2027-03-02",
        kind=CalendarOverride.Kind.DAY_OFF,
        reason="Đại hội Đảng bộ phường",
    )
    english, vietnamese = administrators

    read_in_english = text(english.get(LIST))
    read_in_vietnamese = text(vietnamese.get(LIST))
    filtered = text(english.get(LIST, {"kind": "working_day"}))

    assert '<td class="field-kind_shown">Day off</td>' in read_in_english
    assert '<td class="field-kind_shown">Ngày nghỉ</td>' in read_in_vietnamese
    for in_english, in_vietnamese in zip(KINDS_IN_ENGLISH, KINDS_IN_VIETNAMESE, strict=True):
        assert f"{in_english}</a></li>" in read_in_english  # the filter
        assert f"{in_vietnamese}</a></li>" in read_in_vietnamese
        assert f">{in_vietnamese}</" not in read_in_english
    assert "Đại hội Đảng bộ phường" not in filtered
    assert "Đại hội Đảng bộ phường" in read_in_english  # the reason is the agency's words


def test_the_mistake_names_the_kind_as_the_reader_sees_it(
    administrators: tuple[Client, Client], commune_agency: Agency
) -> None:
    form = {
        "agency": commune_agency.pk,
        "date": "2027-03-02",
        "kind": "changed_hours",
        "hours": "[]",
        "reason": "Họp",
        "source": "",
        "effective_from": "2027-02-20",
    }
    english, vietnamese = administrators

    read_in_english = text(english.post(ADD, form))
    read_in_vietnamese = text(vietnamese.post(ADD, form))

    assert "for a whole day off choose the kind 'Day off'." in read_in_english
    assert "Ngày nghỉ" not in read_in_english
    assert "nghỉ cả ngày thì chọn loại 'Ngày nghỉ'." in read_in_vietnamese
    assert not CalendarOverride.objects.exists()


def test_the_audit_row_keeps_the_kind_in_vietnamese(
    administrators: tuple[Client, Client], commune_agency: Agency
) -> None:
    english, _ = administrators
    saved = english.post(
        ADD,
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

    assert saved.status_code == 302
    event = AuditEvent.objects.get(action="workdays.override_created")
    assert event.summary == "02/03/2027 Ngày nghỉ: Đại hội Đảng bộ phường"
