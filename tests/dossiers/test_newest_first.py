"""An official's list, newest submitted first, is read as two index ranges (received by,
decided by their agencies) merged: every page must be the page of the one list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency, Role, StaffRole
from tests.dossiers.conftest import WEDNESDAY_9AM, intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(clerk: User, version: ProcedureVersion, other_agency: Agency) -> list[int]:
    """Twelve dossiers received at the clerk's ward; some are decided elsewhere, some were
    submitted out of id order, two share an instant, and one belongs to another agency
    entirely (received and decided there)."""
    ids = [intake(clerk, version).pk for _ in range(12)]
    minutes = [5, 1, 9, 9, 3, 0, 11, 2, 8, 7, 4, 6]
    for pk, minute in zip(ids, minutes, strict=True):
        Dossier.objects.filter(pk=pk).update(submitted_at=WEDNESDAY_9AM + timedelta(minutes=minute))
    Dossier.objects.filter(pk__in=ids[::3]).update(deciding_agency=other_agency)
    Dossier.objects.filter(pk=ids[5]).update(receiving_agency=other_agency)
    Dossier.objects.filter(pk=ids[4]).update(
        receiving_agency=other_agency, deciding_agency=other_agency
    )
    return ids


def _one_list(user: User) -> list[int]:
    ordered = selectors.dossiers_visible_to(user).order_by(*selectors.NEWEST_FIRST)
    return list(ordered.values_list("pk", flat=True))


@pytest.mark.parametrize("limit", [1, 2, 5, 50])
def test_every_page_is_the_page_of_the_one_list(spread: list[int], clerk: User, limit: int) -> None:
    expected = _one_list(clerk)
    assert len(expected) == 11  # the dossier only the other agency knows is not there
    parts = selectors.official_parts(clerk)
    for offset in range(len(expected) + 1):
        page = selectors.newest_page_ids(parts, offset, limit)
        assert page == expected[offset : offset + limit], (offset, limit)


@pytest.mark.parametrize("limit", [1, 5])
def test_deep_pages_are_merged_by_the_database_to_the_same_pages(
    spread: list[int],
    clerk: User,
    other_agency: Agency,
    limit: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    StaffRole.objects.create(user=clerk, agency=other_agency, role=Role.CLERK)
    monkeypatch.setattr(selectors, "MERGE_DEPTH", 3)
    expected = _one_list(clerk)
    parts = selectors.official_parts(clerk)
    for offset in range(len(expected) + 1):
        page = selectors.newest_page_ids(parts, offset, limit)
        assert page == expected[offset : offset + limit], (offset, limit)


def test_a_dossier_seen_through_both_agencies_appears_once(
    spread: list[int], clerk: User, other_agency: Agency
) -> None:
    StaffRole.objects.create(user=clerk, agency=other_agency, role=Role.CLERK)
    expected = _one_list(clerk)
    assert len(expected) == 12
    assert selectors.newest_page_ids(selectors.official_parts(clerk), 0, 50) == expected


def test_the_api_and_the_desk_list_follow_that_order(spread: list[int], clerk: User) -> None:
    client = Client()
    client.force_login(clerk)
    body = client.get("/api/v1/dossiers?limit=4&offset=2").json()
    assert [item["id"] for item in body["items"]] == _one_list(clerk)[2:6]
    assert body["count"] == 11
    page = client.get("/can-bo/?pham_vi=tat-ca")
    assert [row[0].pk for row in page.context["rows"]] == _one_list(clerk)


def test_filters_apply_to_both_parts(spread: list[int], clerk: User) -> None:
    wanted = [spread[0], spread[6]]  # decided elsewhere, and decided at the ward
    Dossier.objects.filter(pk__in=wanted).update(channel=2)
    parts = [
        selectors.dossiers_filter(part, selectors.DossierFilter(channel=2))
        for part in selectors.official_parts(clerk)
    ]
    assert selectors.newest_page_ids(parts, 0, 50) == [spread[6], spread[0]]


def test_citizens_have_no_official_parts(spread: list[int], citizen: User) -> None:
    assert selectors.newest_page_ids(selectors.official_parts(citizen), 0, 50) == []
