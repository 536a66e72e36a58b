"""Ratings: Bà Hoa's birth registration at Hoàn Kiếm, taken through the dossier services
to each state a rating cares about. Time is frozen on a working Wednesday morning."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency
from tests.dossiers.conftest import WEDNESDAY_9AM, make_version, submit_online


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(WEDNESDAY_9AM, tick=False):
        yield


@pytest.fixture
def version(commune_agency: Agency) -> ProcedureVersion:
    return make_version(commune_agency)


def resolve(dossier: Dossier, clerk: User, specialist: User, leader: User) -> Dossier:
    """Received by Lan, checked by Minh, approved by Hùng, resolved at the desk."""
    dossier = services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    dossier = services.dossier_forward(
        dossier=dossier, actor=clerk, expected_version=dossier.version, assignee=specialist
    )
    dossier = services.dossier_forward(
        dossier=dossier, actor=specialist, expected_version=dossier.version
    )
    dossier = services.dossier_approve(
        dossier=dossier, actor=leader, expected_version=dossier.version
    )
    return services.dossier_resolve(dossier=dossier, actor=clerk, expected_version=dossier.version)


def return_result(dossier: Dossier, clerk: User) -> Dossier:
    return services.dossier_return_result(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )


@pytest.fixture
def new_dossier(citizen: User, version: ProcedureVersion) -> Dossier:
    """Submitted online by Bà Hoa, still waiting at the desk."""
    return submit_online(citizen, version)


@pytest.fixture
def resolved(new_dossier: Dossier, clerk: User, specialist: User, leader: User) -> Dossier:
    return resolve(new_dossier, clerk, specialist, leader)


@pytest.fixture
def returned(resolved: Dossier, clerk: User) -> Dossier:
    """Bà Hoa has her birth certificate back (status 10)."""
    return return_result(resolved, clerk)
