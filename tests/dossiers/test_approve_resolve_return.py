"""Approval by the leader, resolution (status 9, the clock stops) and returning the result."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidTransition, NotAllowed
from motcua.dossiers.models import Dossier, DossierEvent, Status
from tests.dossiers.conftest import VN

pytestmark = pytest.mark.django_db


def test_the_leader_approves_and_the_dossier_goes_to_the_return_step(
    at_leader: Dossier, leader: User
) -> None:
    dossier = services.dossier_approve(
        dossier=at_leader, actor=leader, expected_version=at_leader.version
    )
    assert dossier.approved_at == datetime(2026, 11, 18, 9, tzinfo=VN)
    assert dossier.status == Status.PROCESSING
    assert dossier.current_step is not None and dossier.current_step.order == 4


def test_a_specialist_cannot_approve(at_leader: Dossier, specialist: User) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_approve(
            dossier=at_leader, actor=specialist, expected_version=at_leader.version
        )


def test_nothing_to_approve_before_the_leader_step(at_specialist: Dossier, leader: User) -> None:
    with pytest.raises(InvalidTransition, match="chưa đến bước"):
        services.dossier_approve(
            dossier=at_specialist, actor=leader, expected_version=at_specialist.version
        )


def test_resolving_stops_the_clock_and_judges_the_whole_dossier(
    approved: Dossier, clerk: User
) -> None:
    with time_machine.travel(datetime(2026, 11, 19, 10, tzinfo=VN), tick=False):
        dossier = services.dossier_resolve(
            dossier=approved, actor=clerk, expected_version=approved.version
        )
    assert dossier.status == Status.RESOLVED
    assert dossier.finished_at == datetime(2026, 11, 19, 10, tzinfo=VN)
    event = DossierEvent.objects.get(dossier=dossier, action="resolve")
    # Due Monday 23/11 09:00: more than a working day to spare.
    assert event.changes["timeliness"] == "early"


def test_an_unapproved_dossier_cannot_be_resolved(at_specialist: Dossier, specialist: User) -> None:
    with pytest.raises(InvalidTransition, match="chưa được lãnh đạo phê duyệt"):
        services.dossier_resolve(
            dossier=at_specialist, actor=specialist, expected_version=at_specialist.version
        )


def test_the_desk_returns_the_result(resolved: Dossier, clerk: User) -> None:
    dossier = services.dossier_return_result(
        dossier=resolved, actor=clerk, expected_version=resolved.version
    )
    assert dossier.status == Status.RETURNED
    assert dossier.returned_at is not None and dossier.current_step is None
    event = DossierEvent.objects.get(dossier=dossier, action="return_result")
    assert event.from_step is not None and event.from_step.order == 4


def test_only_the_desk_returns_results(resolved: Dossier, specialist: User) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_return_result(
            dossier=resolved, actor=specialist, expected_version=resolved.version
        )


def test_an_unresolved_dossier_has_no_result_to_return(approved: Dossier, clerk: User) -> None:
    with pytest.raises(InvalidTransition):
        services.dossier_return_result(
            dossier=approved, actor=clerk, expected_version=approved.version
        )
