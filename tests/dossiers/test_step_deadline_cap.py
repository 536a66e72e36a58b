"""A step's deadline never runs past the dossier's legal deadline."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierEvent
from tests.dossiers.conftest import VN, submit_online

pytestmark = pytest.mark.django_db


def _at(hour: int, minute: int, day: int = 18) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=VN)


def _received_at(when: datetime, citizen: User, clerk: User, version: ProcedureVersion) -> Dossier:
    with time_machine.travel(when, tick=False):
        dossier = submit_online(citizen, version)
        return services.dossier_receive(dossier=dossier, actor=clerk, expected_version=1)


def test_a_same_day_dossier_received_in_the_afternoon_has_its_steps_due_that_day(
    citizen: User, clerk: User, specialist: User, birth_version: ProcedureVersion
) -> None:
    dossier = _received_at(_at(13, 39), citizen, clerk, birth_version)
    assert dossier.due_at == _at(17, 0)
    # The reception step's half hour fits before the deadline.
    assert dossier.current_step_due_at == _at(14, 9)

    with time_machine.travel(_at(14, 0), tick=False):
        dossier = services.dossier_forward(
            dossier=dossier, actor=clerk, expected_version=dossier.version, assignee=specialist
        )
    # Four hours from 14:00 would be 09:00 tomorrow; the dossier is due at 17:00 today.
    assert dossier.current_step_due_at == _at(17, 0)

    with time_machine.travel(_at(16, 30), tick=False):
        dossier = services.dossier_forward(
            dossier=dossier, actor=specialist, expected_version=dossier.version
        )
    assert dossier.current_step_due_at == _at(17, 0)
    # The specialist handed on before 17:00: on time against the capped deadline.
    event = DossierEvent.objects.filter(dossier=dossier, action="forward").latest("id")
    assert event.step_due_at == _at(17, 0)
    assert event.timeliness == "on_time"


def test_a_step_entered_after_the_deadline_keeps_its_budget(
    citizen: User, clerk: User, specialist: User, birth_version: ProcedureVersion
) -> None:
    dossier = _received_at(_at(9, 0), citizen, clerk, birth_version)
    assert dossier.due_at == _at(17, 0)
    # Handed on the next morning: the dossier is already late.
    with time_machine.travel(_at(8, 0, day=19), tick=False):
        dossier = services.dossier_forward(
            dossier=dossier, actor=clerk, expected_version=dossier.version, assignee=specialist
        )
    # Four working hours from 08:00: 3h30 before lunch, 30 minutes after 13:30.
    assert dossier.current_step_due_at == _at(14, 0, day=19)


def test_a_step_that_fits_keeps_its_own_deadline(received: Dossier, clerk: User) -> None:
    # Three working days to Monday 09:00; the specialist's four hours end on Wednesday.
    with time_machine.travel(_at(9, 10), tick=False):
        dossier = services.dossier_forward(
            dossier=received, actor=clerk, expected_version=received.version
        )
    assert dossier.current_step_due_at == _at(15, 10)
