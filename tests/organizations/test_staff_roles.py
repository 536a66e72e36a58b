"""What an official holds, read in one compiled statement (organizations.selectors), and
the permission questions answered from it: the role at an agency, and whether they may
act on a step (its role, in a unit of its kind or in none)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from pytest_django import DjangoAssertNumQueries

from motcua.accounts.models import User
from motcua.catalog.models import ProcessStep
from motcua.dossiers.permissions import holds_step, roles_at
from motcua.organizations.models import Agency, Role, StaffRole, Unit
from motcua.organizations.selectors import staff_roles

pytestmark = pytest.mark.django_db


def step(role: str, unit_kind: str) -> ProcessStep:
    return ProcessStep(order=1, name="Thẩm định", role=role, unit_kind=unit_kind)


def test_every_role_comes_with_its_unit_in_one_statement(
    specialist: User,
    commune_agency: Agency,
    other_agency: Agency,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    StaffRole.objects.create(user=specialist, agency=other_agency, role=Role.LEADER)

    with django_assert_num_queries(1):
        held = staff_roles(specialist)
        seen = [(r.agency_id, r.role, r.unit.kind if r.unit else None) for r in held]

    assert seen == [
        (commune_agency.pk, Role.SPECIALIST, Unit.Kind.SPECIALIST),
        (other_agency.pk, Role.LEADER, None),
    ]


def test_nobody_signed_in_holds_nothing(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    with django_assert_num_queries(0):
        assert staff_roles(AnonymousUser()) == []  # type: ignore[arg-type]


def test_a_step_is_held_by_its_role_in_a_unit_of_its_kind_or_in_none(
    specialist: User, commune_agency: Agency, other_agency: Agency
) -> None:
    here = commune_agency.pk
    assert holds_step(specialist, here, step(Role.SPECIALIST, Unit.Kind.SPECIALIST))
    assert not holds_step(specialist, here, step(Role.SPECIALIST, Unit.Kind.RECEPTION))
    assert not holds_step(specialist, here, step(Role.LEADER, Unit.Kind.SPECIALIST))
    assert not holds_step(specialist, other_agency.pk, step(Role.SPECIALIST, Unit.Kind.SPECIALIST))

    # A role in no particular unit holds the step whatever its unit kind.
    StaffRole.objects.create(user=specialist, agency=other_agency, role=Role.SPECIALIST)
    assert holds_step(specialist, other_agency.pk, step(Role.SPECIALIST, Unit.Kind.RECEPTION))


def test_a_role_granted_or_taken_away_counts_at_the_next_question(
    specialist: User, commune_agency: Agency
) -> None:
    assert roles_at(specialist, commune_agency) == {Role.SPECIALIST}

    granted = StaffRole.objects.create(user=specialist, agency=commune_agency, role=Role.CLERK)
    assert roles_at(specialist, commune_agency) == {Role.SPECIALIST, Role.CLERK}

    granted.delete()
    StaffRole.objects.filter(user=specialist, role=Role.SPECIALIST).delete()
    assert roles_at(specialist, commune_agency) == set()
    assert not holds_step(
        specialist, commune_agency.pk, step(Role.SPECIALIST, Unit.Kind.SPECIALIST)
    )


def test_a_citizen_holds_no_role_even_with_a_stray_row(
    citizen: User, commune_agency: Agency
) -> None:
    StaffRole.objects.create(user=citizen, agency=commune_agency, role=Role.CLERK)

    assert roles_at(citizen, commune_agency) == set()
