"""Apology and new appointment: once, before the deadline, by the deciding agency."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Dossier, DossierEvent
from tests.dossiers.conftest import VN

pytestmark = pytest.mark.django_db

NEW_DATE = datetime(2026, 11, 26, 16, tzinfo=VN)


def test_the_leader_apologizes_and_sets_a_new_date(at_specialist: Dossier, leader: User) -> None:
    dossier = services.dossier_apologize(
        dossier=at_specialist,
        actor=leader,
        expected_version=at_specialist.version,
        reason="Cần xác minh thông tin nơi sinh",
        new_due_at=NEW_DATE,
    )
    assert dossier.due_at == NEW_DATE and dossier.rescheduled
    event = DossierEvent.objects.get(dossier=dossier, action="apologize")
    assert event.changes["due_at"][0] == "2026-11-23T09:00:00+07:00"
    assert event.changes["short_notice"] is False


def test_only_once(at_specialist: Dossier, leader: User) -> None:
    dossier = services.dossier_apologize(
        dossier=at_specialist,
        actor=leader,
        expected_version=at_specialist.version,
        reason="Xác minh",
        new_due_at=NEW_DATE,
    )
    with pytest.raises(InvalidTransition, match="một lần"):
        services.dossier_apologize(
            dossier=dossier,
            actor=leader,
            expected_version=dossier.version,
            reason="Lại",
            new_due_at=datetime(2026, 11, 30, 16, tzinfo=VN),
        )


def test_not_after_the_deadline(at_specialist: Dossier, leader: User) -> None:
    with (
        time_machine.travel(datetime(2026, 11, 23, 9, 1, tzinfo=VN), tick=False),
        pytest.raises(InvalidTransition, match="quá hạn"),
    ):
        services.dossier_apologize(
            dossier=at_specialist,
            actor=leader,
            expected_version=at_specialist.version,
            reason="Muộn",
            new_due_at=NEW_DATE,
        )


def test_a_late_notice_is_accepted_but_marked(at_specialist: Dossier, leader: User) -> None:
    with time_machine.travel(datetime(2026, 11, 20, 16, tzinfo=VN), tick=False):
        services.dossier_apologize(
            dossier=at_specialist,
            actor=leader,
            expected_version=at_specialist.version,
            reason="Xác minh",
            new_due_at=NEW_DATE,
        )
    event = DossierEvent.objects.get(dossier=at_specialist, action="apologize")
    assert event.changes["short_notice"] is True


def test_the_new_date_must_be_later(at_specialist: Dossier, leader: User) -> None:
    with pytest.raises(InvalidInput):
        services.dossier_apologize(
            dossier=at_specialist,
            actor=leader,
            expected_version=at_specialist.version,
            reason="x",
            new_due_at=datetime(2026, 11, 20, 16, tzinfo=VN),
        )


def test_specialists_and_clerks_do_not_apologize(
    at_specialist: Dossier, specialist: User, clerk: User, outsider: User
) -> None:
    for someone in (specialist, clerk, outsider):
        with pytest.raises(NotAllowed):
            services.dossier_apologize(
                dossier=at_specialist,
                actor=someone,
                expected_version=at_specialist.version,
                reason="x",
                new_due_at=NEW_DATE,
            )


def test_the_unit_head_may_apologize(at_specialist: Dossier, unit_head: User) -> None:
    dossier = services.dossier_apologize(
        dossier=at_specialist,
        actor=unit_head,
        expected_version=at_specialist.version,
        reason="Xác minh",
        new_due_at=NEW_DATE,
    )
    assert dossier.rescheduled
