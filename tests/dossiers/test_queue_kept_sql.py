"""The work queue's page through SQL kept per official's roles and filters
(``selectors.queue_page_ids``): the same rows as the queue built anew, fresh rows on
every call, and a new shape when the roles or the filters change."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db.models import QuerySet

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.core.compiled import CompiledByKey
from motcua.dossiers import selectors, services
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.selectors import DossierFilter, queue_page_ids
from motcua.organizations.models import Agency, Role, StaffRole
from tests.dossiers.conftest import intake

pytestmark = pytest.mark.django_db


def built_anew(
    user: User, f: DossierFilter, offset: int, limit: int, cap: int | None = None
) -> tuple[list[int], int, bool]:
    found = selectors.dossiers_filter(selectors.work_queue(user), f)
    return selectors.page_ids_counted(found, offset, limit, cap)


@pytest.fixture
def five_received(clerk: User, version: ProcedureVersion) -> list[Dossier]:
    return [intake(clerk, version) for _ in range(5)]


@pytest.mark.parametrize(
    "f",
    [
        DossierFilter(),
        DossierFilter(status=[Status.RECEIVED]),
        DossierFilter(status=[Status.NEW, Status.PROCESSING]),
        DossierFilter(code="000"),
        DossierFilter(assignee=None, channel=1),
    ],
    ids=["none", "received", "two-statuses", "code", "channel"],
)
def test_the_kept_page_is_the_page_built_anew(
    five_received: list[Dossier], clerk: User, f: DossierFilter
) -> None:
    for offset, limit in [(0, 50), (0, 2), (2, 2), (4, 10)]:
        expected = built_anew(clerk, f, offset, limit)
        assert queue_page_ids(clerk, f, offset, limit) == expected
        assert queue_page_ids(clerk, f, offset, limit) == expected  # from the kept SQL


def test_rows_are_read_anew_on_every_call(
    five_received: list[Dossier], clerk: User, specialist: User
) -> None:
    ids, count, _ = queue_page_ids(clerk, DossierFilter(), 0, 50)
    assert count == 5

    moved = five_received[0]
    services.dossier_forward(
        dossier=moved, actor=clerk, expected_version=moved.version, assignee=specialist
    )

    ids, count, _ = queue_page_ids(clerk, DossierFilter(), 0, 50)
    assert count == 4
    assert moved.pk not in ids
    assert queue_page_ids(specialist, DossierFilter(), 0, 50)[0] == [moved.pk]


def test_a_role_granted_or_taken_away_changes_the_queue_at_once(
    five_received: list[Dossier], clerk: User, outsider: User, commune_agency: Agency
) -> None:
    assert queue_page_ids(outsider, DossierFilter(), 0, 50) == ([], 0, False)

    granted = StaffRole.objects.create(user=outsider, agency=commune_agency, role=Role.CLERK)
    assert queue_page_ids(outsider, DossierFilter(), 0, 50) == built_anew(
        clerk, DossierFilter(), 0, 50
    )

    granted.delete()
    assert queue_page_ids(outsider, DossierFilter(), 0, 50) == ([], 0, False)


def test_a_filter_on_the_clock_is_asked_at_the_time_of_asking(
    five_received: list[Dossier], clerk: User
) -> None:
    late = DossierFilter(late=True)
    assert queue_page_ids(clerk, late, 0, 50)[1] == 0

    due = max(d.due_at for d in five_received if d.due_at is not None)
    with time_machine.travel(due + timedelta(days=1), tick=False):
        assert queue_page_ids(clerk, late, 0, 50) == built_anew(clerk, late, 0, 50)
        assert queue_page_ids(clerk, late, 0, 50)[1] == 5


def test_a_page_past_the_cap_is_built_anew(five_received: list[Dossier], clerk: User) -> None:
    expected = built_anew(clerk, DossierFilter(), 3, 10, cap=2)
    assert queue_page_ids(clerk, DossierFilter(), 3, 10, cap=2) == expected
    assert expected[1:] == (2, True)


def test_kept_sql_keeps_the_most_recent_keys_only(five_received: list[Dossier]) -> None:
    kept = CompiledByKey("test_kept_sql", size=2)
    builds: list[str] = []

    def read(status: int) -> Any:
        def build() -> QuerySet[Dossier, int]:
            builds.append(str(status))
            return Dossier.objects.filter(status=status).order_by("id").values_list("pk", flat=True)

        return kept.rows(status, build)

    received = [(d.pk,) for d in five_received]
    assert read(Status.RECEIVED) == received
    assert read(Status.NEW) == []
    assert read(Status.RECEIVED) == received  # kept
    assert read(Status.RETURNED) == []  # a third key: NEW, the least recently used, goes
    assert read(Status.NEW) == []
    assert builds == [str(Status.RECEIVED), str(Status.NEW), str(Status.RETURNED), str(Status.NEW)]
