"""Counts of ratings for reports, by deciding agency and by procedure, limited to the
dossiers the asker may see."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier
from motcua.feedback.selectors import (
    rating_counts_by_agency,
    rating_counts_by_procedure,
    ratings_visible_to,
)
from motcua.feedback.services import rating_submit
from motcua.organizations.models import Agency
from tests.dossiers.conftest import make_version, submit_online
from tests.feedback.conftest import resolve, return_result

pytestmark = pytest.mark.django_db


def returned_for(
    applicant: User, version: ProcedureVersion, clerk: User, specialist: User, leader: User
) -> Dossier:
    dossier = submit_online(applicant, version)
    return return_result(resolve(dossier, clerk, specialist, leader), clerk)


@pytest.fixture
def three_ratings(
    version: ProcedureVersion,
    commune_agency: Agency,
    citizen: User,
    other_citizen: User,
    clerk: User,
    specialist: User,
    leader: User,
) -> None:
    """Birth registration rated very satisfied and not satisfied; a marriage registration
    rated satisfied, all at Hoàn Kiếm."""
    marriage = make_version(commune_agency, code="1.000894", name="Đăng ký kết hôn")
    rating_submit(
        dossier=returned_for(citizen, version, clerk, specialist, leader),
        actor=citizen,
        level="very_satisfied",
    )
    rating_submit(
        dossier=returned_for(other_citizen, version, clerk, specialist, leader),
        actor=other_citizen,
        level="not_satisfied",
        reason="Chờ lâu",
    )
    rating_submit(
        dossier=returned_for(citizen, marriage, clerk, specialist, leader),
        actor=citizen,
        level="satisfied",
    )


@pytest.mark.usefixtures("three_ratings")
def test_the_agency_sees_its_ratings_counted_by_level(leader: User) -> None:
    [hoan_kiem] = rating_counts_by_agency(leader)

    assert hoan_kiem.code == "000.01.01.H26" and hoan_kiem.name == "UBND Phường Hoàn Kiếm"
    assert (hoan_kiem.very_satisfied, hoan_kiem.satisfied, hoan_kiem.not_satisfied) == (1, 1, 1)
    assert hoan_kiem.total == 3 and hoan_kiem.satisfied_percent == 66.7


@pytest.mark.usefixtures("three_ratings")
def test_ratings_are_counted_per_procedure(leader: User) -> None:
    rows = {row.code: row for row in rating_counts_by_procedure(leader)}

    assert set(rows) == {"1.000894", "1.001193"}
    birth, marriage = rows["1.001193"], rows["1.000894"]
    assert (birth.very_satisfied, birth.satisfied, birth.not_satisfied) == (1, 0, 1)
    assert (marriage.very_satisfied, marriage.satisfied, marriage.not_satisfied) == (0, 1, 0)
    assert birth.name == "Đăng ký khai sinh"


@pytest.mark.usefixtures("three_ratings")
def test_an_official_of_another_agency_counts_nothing_of_hoan_kiem(outsider: User) -> None:
    assert rating_counts_by_agency(outsider) == []
    assert rating_counts_by_procedure(outsider) == []


@pytest.mark.usefixtures("three_ratings")
def test_a_citizen_sees_only_her_own_ratings(citizen: User, other_citizen: User) -> None:
    assert ratings_visible_to(citizen).count() == 2
    assert [r.level for r in ratings_visible_to(other_citizen)] == ["not_satisfied"]


def test_no_ratings_no_rows_and_no_division_by_zero(leader: User) -> None:
    assert rating_counts_by_agency(leader) == []
