"""A birth registration from the citizen's phone to the returned result, across Tết 2027.

Bà Hoa submits online on Wednesday 3 February 2027, the last working day before the Tết
holiday (4–10 February). Lan receives it at 15:30, after the 15:00 cut-off, so the
same-working-day deadline runs on the first working day after Tết. Minh asks for a
clearer birth certificate, Bà Hoa supplies it the next day, Hùng approves late, and the
result is returned. Every date is checked against the working-time engine.
"""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.db.models import F

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import DossierEvent, Status
from motcua.workdays.durations import Duration
from motcua.workdays.engine import timeliness
from motcua.workdays.selectors import calendar_for_agency
from tests.dossiers.conftest import GOOD_DECLARATION, VN, submit_online

pytestmark = [pytest.mark.django_db, pytest.mark.no_freeze]


def at(day: int, hour: int, minute: int = 0, month: int = 2) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=VN)


def test_birth_registration_across_tet(
    birth_version: ProcedureVersion,
    citizen: User,
    clerk: User,
    specialist: User,
    leader: User,
) -> None:
    cal = calendar_for_agency(birth_version.procedure.agencies.get())

    with time_machine.travel(at(3, 14), tick=False):
        dossier = submit_online(citizen, birth_version)
    assert dossier.status == Status.NEW

    # Given reception at 15:30, after the cut-off, on the last working day before Tết,
    with time_machine.travel(at(3, 15, 30), tick=False):
        dossier = services.dossier_receive(
            dossier=dossier, actor=clerk, expected_version=dossier.version
        )
    # then the clock starts when the office reopens after Tết, and the same-day
    # deadline is that day's closing.
    assert dossier.code == "000.01.01.H26-270203-0001"
    assert (
        dossier.clock_started_at
        == at(11, 7)
        == cal.effective_start(at(3, 15, 30), cutoff=birth_version.cutoff_time)
    )
    assert (
        dossier.due_at
        == at(11, 17)
        == cal.due(at(3, 15, 30), Duration.parse("sd"), cutoff=birth_version.cutoff_time)
    )

    with time_machine.travel(at(3, 15, 45), tick=False):
        dossier = services.dossier_forward(
            dossier=dossier, actor=clerk, expected_version=dossier.version, assignee=specialist
        )
    # The specialist's four hours start with the clock, not during Tết.
    assert dossier.current_step_due_at == at(11, 11)

    with time_machine.travel(at(11, 8), tick=False):
        dossier = services.dossier_request_supplement(
            dossier=dossier,
            actor=specialist,
            expected_version=dossier.version,
            reason="Giấy chứng sinh chụp mờ, đề nghị bổ sung bản rõ nét",
        )
    assert dossier.status == Status.SUPPLEMENT_REQUESTED and dossier.paused_at == at(11, 8)

    with time_machine.travel(at(12, 10), tick=False):
        dossier = services.dossier_supplement(
            dossier=dossier,
            actor=citizen,
            expected_version=dossier.version,
            declaration=dict(GOOD_DECLARATION),
            note="Đã gửi lại giấy chứng sinh bản rõ nét.",
        )
    waited = cal.elapsed(at(11, 8), at(12, 10))
    assert waited == dossier.paused_minutes == 600  # 7 h on the 11th, 3 h on the 12th
    assert dossier.due_at == cal.add_working_minutes(at(11, 17), waited) == at(15, 9)
    assert dossier.current_step_due_at == cal.add_working_minutes(at(11, 11), waited)
    assert dossier.current_step_due_at == at(12, 15)
    assert dossier.status == Status.PROCESSING

    with time_machine.travel(at(12, 14), tick=False):
        dossier = services.dossier_forward(
            dossier=dossier, actor=specialist, expected_version=dossier.version
        )
    assert dossier.current_step_due_at == at(12, 16)

    # Hùng approves on Monday morning: his two hours ran out on Friday at 16:00.
    with time_machine.travel(at(15, 8), tick=False):
        dossier = services.dossier_approve(
            dossier=dossier, actor=leader, expected_version=dossier.version
        )
    with time_machine.travel(at(15, 8, 30), tick=False):
        dossier = services.dossier_resolve(
            dossier=dossier, actor=clerk, expected_version=dossier.version
        )
    assert dossier.status == Status.RESOLVED and dossier.finished_at == at(15, 8, 30)
    with time_machine.travel(at(15, 9), tick=False):
        dossier = services.dossier_return_result(
            dossier=dossier, actor=clerk, expected_version=dossier.version
        )
    assert dossier.status == Status.RETURNED

    # The process control slip: one row per hand-off, early / on time / late.
    handoffs = list(
        DossierEvent.objects.filter(dossier=dossier)
        .exclude(timeliness="")
        .order_by("at", "id")
        .values_list("action", "from_unit__kind", "timeliness", "timeliness_minutes")
    )
    assert handoffs == [
        ("forward", "reception", "on_time", 30),  # before its step even began
        ("forward", "specialist", "on_time", 60),
        ("approve", "leadership", "late", -120),  # 16:00–17:00 Fri + 07:00–08:00 Mon
        # Its hour and a half would end at 10:00; the dossier is due at 09:00, and so is
        # the step: returned on the minute.
        ("return_result", "reception", "on_time", 0),
    ]
    # Lateness is the leadership's; the dossier as a whole was still resolved on time.
    resolve = DossierEvent.objects.get(dossier=dossier, action="resolve")
    overall = timeliness(now_or_finished=at(15, 8, 30), due=at(15, 9), calendar=cal)
    assert resolve.changes["timeliness"] == str(overall.status) == "on_time"
    statuses = list(
        DossierEvent.objects.filter(dossier=dossier)
        .exclude(from_status=F("to_status"))
        .values_list("to_status", flat=True)
    )
    assert statuses == [1, 2, 4, 5, 4, 9, 10]
