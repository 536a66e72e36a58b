"""Supplement requests stop the clock; the citizen's answer moves both deadlines."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.catalog.models import RequiredDocument
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Dossier, DossierEvent, Provision, Status
from motcua.dossiers.services import DocumentInput
from motcua.workdays.selectors import calendar_for_agency
from tests.dossiers.conftest import GOOD_DECLARATION, VN
from tests.dossiers.test_attachments import PDF

pytestmark = pytest.mark.django_db


def test_specialist_asks_for_a_supplement_and_the_clock_stops(
    at_specialist: Dossier, specialist: User
) -> None:
    dossier = services.dossier_request_supplement(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Bổ sung bản sao giấy chứng nhận kết hôn",
    )
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    assert dossier.paused_at == datetime(2026, 11, 18, 9, tzinfo=VN)
    assert dossier.status_before_pause == Status.PROCESSING


def test_the_citizen_supplements_and_the_deadlines_move_by_the_waiting_time(
    at_specialist: Dossier, specialist: User, citizen: User
) -> None:
    due, step_due = at_specialist.due_at, at_specialist.current_step_due_at
    assert due is not None and step_due is not None
    waiting = services.dossier_request_supplement(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Bổ sung giấy chứng sinh bản rõ nét",
    )
    # Back on Friday 20/11 at 10:00: Wednesday 09:00 → Friday 10:00 is 17 working hours.
    with time_machine.travel(datetime(2026, 11, 20, 10, tzinfo=VN), tick=False):
        dossier = services.dossier_supplement(
            dossier=waiting,
            actor=citizen,
            expected_version=waiting.version,
            declaration={**GOOD_DECLARATION, "father_name": "Trần Văn Nam"},
        )
    cal = calendar_for_agency(dossier.deciding_agency)
    assert dossier.status == Status.PROCESSING
    assert dossier.paused_at is None
    assert dossier.paused_minutes == 17 * 60
    assert dossier.due_at == cal.add_working_minutes(due, 17 * 60)
    assert dossier.current_step_due_at == cal.add_working_minutes(step_due, 17 * 60)
    assert dossier.declaration["father_name"] == "Trần Văn Nam"
    event = DossierEvent.objects.get(dossier=dossier, action="supplement")
    assert event.changes["paused_minutes"] == 17 * 60


def test_the_desk_asks_for_a_supplement_before_reception_without_a_clock(
    new_dossier: Dossier, clerk: User, citizen: User
) -> None:
    waiting = services.dossier_request_supplement(
        dossier=new_dossier,
        actor=clerk,
        expected_version=new_dossier.version,
        reason="Ảnh giấy chứng sinh bị mờ",
    )
    assert waiting.paused_at is None and waiting.code is None
    dossier = services.dossier_supplement(
        dossier=waiting,
        actor=citizen,
        expected_version=waiting.version,
        note="Đã nộp bản giấy chứng sinh rõ nét tại quầy.",
    )
    assert dossier.status == Status.NEW and dossier.paused_minutes == 0


def test_before_reception_only_a_file_sent_after_the_request_answers_it(
    new_dossier: Dossier, clerk: User, citizen: User
) -> None:
    services.attachment_add(dossier=new_dossier, actor=citizen, data=PDF, name="mo.pdf")
    with time_machine.travel(datetime(2026, 11, 18, 9, 30, tzinfo=VN), tick=False):
        waiting = services.dossier_request_supplement(
            dossier=new_dossier,
            actor=clerk,
            expected_version=Dossier.objects.get(pk=new_dossier.pk).version,
            reason="Ảnh giấy chứng sinh bị mờ",
        )
    assert waiting.paused_at is None  # no clock runs before reception
    # The blurry file sent with the dossier does not answer the request.
    with pytest.raises(InvalidInput, match="Chưa có gì để bổ sung"):
        services.dossier_supplement(
            dossier=waiting, actor=citizen, expected_version=waiting.version
        )
    with time_machine.travel(datetime(2026, 11, 18, 10, tzinfo=VN), tick=False):
        services.attachment_add(dossier=waiting, actor=citizen, data=PDF, name="ro.pdf")
        dossier = services.dossier_supplement(
            dossier=waiting,
            actor=citizen,
            expected_version=Dossier.objects.get(pk=waiting.pk).version,
        )
    assert dossier.status == Status.NEW


def test_a_supplement_with_nothing_in_it_is_refused_and_the_clock_stays_stopped(
    at_specialist: Dossier, specialist: User, citizen: User
) -> None:
    waiting = services.dossier_request_supplement(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Bổ sung giấy chứng sinh bản rõ nét",
    )
    # The files sent with the dossier, the declaration as it stands and a blank note
    # answer nothing that was asked.
    codes = list(
        RequiredDocument.objects.filter(version=waiting.procedure_version).values_list(
            "code", flat=True
        )
    )
    with pytest.raises(InvalidInput, match="Chưa có gì để bổ sung") as refused:
        services.dossier_supplement(
            dossier=waiting,
            actor=citizen,
            expected_version=waiting.version,
            declaration=dict(waiting.declaration),
            documents=[DocumentInput(code, Provision.UPLOAD) for code in codes],
            note="   ",
        )
    assert refused.value.field == "supplement"
    after = Dossier.objects.get(pk=waiting.pk)
    assert (after.status, after.version) == (Status.SUPPLEMENT_REQUESTED, waiting.version)
    assert after.paused_at == waiting.paused_at
    # Paper handed in at the desk is something.
    resumed = services.dossier_supplement(
        dossier=waiting,
        actor=citizen,
        expected_version=waiting.version,
        documents=[DocumentInput(codes[0], Provision.AT_COUNTER)],
    )
    assert resumed.status == Status.PROCESSING


def test_a_specialist_cannot_ask_before_reception(new_dossier: Dossier, specialist: User) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_request_supplement(
            dossier=new_dossier, actor=specialist, expected_version=new_dossier.version, reason="x"
        )


def test_a_request_needs_its_content(at_specialist: Dossier, specialist: User) -> None:
    with pytest.raises(InvalidInput):
        services.dossier_request_supplement(
            dossier=at_specialist,
            actor=specialist,
            expected_version=at_specialist.version,
            reason="",
        )


def test_another_citizen_cannot_supplement(
    at_specialist: Dossier, specialist: User, other_citizen: User
) -> None:
    waiting = services.dossier_request_supplement(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Bổ sung",
    )
    with pytest.raises(NotAllowed):
        services.dossier_supplement(
            dossier=waiting, actor=other_citizen, expected_version=waiting.version
        )


def test_nothing_to_supplement_when_nothing_was_asked(
    at_specialist: Dossier, citizen: User
) -> None:
    with pytest.raises(InvalidTransition):
        services.dossier_supplement(
            dossier=at_specialist, actor=citizen, expected_version=at_specialist.version
        )


def test_a_resolved_dossier_cannot_be_sent_for_supplement(resolved: Dossier, clerk: User) -> None:
    with pytest.raises(InvalidTransition):
        services.dossier_request_supplement(
            dossier=resolved, actor=clerk, expected_version=resolved.version, reason="x"
        )
