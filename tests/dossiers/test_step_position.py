"""The dossier carries its current step's role and unit kind, which the work queue filters
on; every move between steps keeps them equal to the step's own, and the database refuses
a row where they disagree with being at a step."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from tests.dossiers.conftest import submit_online

pytestmark = pytest.mark.django_db


def position(dossier: Dossier) -> tuple[str, str, str, str]:
    fresh = Dossier.objects.select_related("current_step").get(pk=dossier.pk)
    step = fresh.current_step
    return (
        fresh.current_step_role,
        fresh.current_step_unit_kind,
        step.role if step else "",
        step.unit_kind if step else "",
    )


def test_each_move_copies_the_steps_role_and_unit_kind(
    birth_version: ProcedureVersion, citizen: User, clerk: User, specialist: User, leader: User
) -> None:
    dossier = submit_online(citizen, birth_version)
    assert position(dossier) == ("", "", "", "")

    dossier = services.dossier_receive(dossier=dossier, actor=clerk, expected_version=1)
    assert position(dossier) == ("clerk", "reception", "clerk", "reception")

    dossier = services.dossier_forward(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    assert position(dossier) == ("specialist", "specialist", "specialist", "specialist")

    dossier = services.dossier_forward(
        dossier=dossier, actor=specialist, expected_version=dossier.version
    )
    assert position(dossier) == ("leader", "leadership", "leader", "leadership")

    dossier = services.dossier_approve(
        dossier=dossier, actor=leader, expected_version=dossier.version
    )
    dossier = services.dossier_resolve(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    role, kind, step_role, step_kind = position(dossier)
    assert (role, kind) == (step_role, step_kind) != ("", "")

    dossier = services.dossier_return_result(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    assert position(dossier) == ("", "", "", "")


def test_the_database_refuses_a_step_without_its_role_or_a_role_without_a_step(
    birth_version: ProcedureVersion, citizen: User, clerk: User
) -> None:
    dossier = submit_online(citizen, birth_version)
    dossier = services.dossier_receive(dossier=dossier, actor=clerk, expected_version=1)
    at_step = Dossier.objects.filter(pk=dossier.pk)

    with pytest.raises(IntegrityError), transaction.atomic():
        at_step.update(current_step_role="")
    with pytest.raises(IntegrityError), transaction.atomic():
        at_step.update(current_step=None)
    assert position(dossier)[:2] == ("clerk", "reception")
