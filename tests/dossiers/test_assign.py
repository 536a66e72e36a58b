"""Assigning the current step to one official."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Dossier, DossierEvent

pytestmark = pytest.mark.django_db


def test_the_unit_head_assigns_a_specialist(
    at_specialist: Dossier, unit_head: User, second_specialist: User, specialist: User
) -> None:
    dossier = services.dossier_assign(
        dossier=at_specialist,
        actor=unit_head,
        assignee=second_specialist,
        expected_version=at_specialist.version,
    )
    assert dossier.assignee == second_specialist
    event = DossierEvent.objects.get(dossier=dossier, action="assign")
    assert (event.from_user, event.to_user, event.actor_role) == (
        specialist,
        second_specialist,
        "unit_head",
    )
    assert event.timeliness == ""  # not a hand-off between steps


def test_a_specialist_takes_an_unassigned_dossier_for_himself(
    received: Dossier, clerk: User, specialist: User, second_specialist: User
) -> None:
    dossier = services.dossier_forward(
        dossier=received, actor=clerk, expected_version=received.version
    )
    dossier = services.dossier_assign(
        dossier=dossier,
        actor=second_specialist,
        assignee=second_specialist,
        expected_version=dossier.version,
    )
    assert dossier.assignee == second_specialist
    with pytest.raises(NotAllowed):
        services.dossier_assign(
            dossier=dossier,
            actor=second_specialist,
            assignee=specialist,
            expected_version=dossier.version,
        )


def test_a_leader_cannot_be_given_the_specialist_step(
    at_specialist: Dossier, unit_head: User, leader: User
) -> None:
    with pytest.raises(InvalidInput):
        services.dossier_assign(
            dossier=at_specialist,
            actor=unit_head,
            assignee=leader,
            expected_version=at_specialist.version,
        )


def test_an_outsider_cannot_assign(at_specialist: Dossier, outsider: User) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_assign(
            dossier=at_specialist,
            actor=outsider,
            assignee=outsider,
            expected_version=at_specialist.version,
        )


def test_a_new_dossier_has_no_step_to_assign(
    new_dossier: Dossier, unit_head: User, specialist: User
) -> None:
    with pytest.raises(InvalidTransition):
        services.dossier_assign(
            dossier=new_dossier,
            actor=unit_head,
            assignee=specialist,
            expected_version=new_dossier.version,
        )
