"""An official's list, newest submitted first, is read as two index ranges (received by,
decided by their agencies) merged: every page must be the page of the one list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from motcua.accounts.models import User
from motcua.backoffice import views as backoffice_views
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import cursor, selectors
from motcua.dossiers.cursor import Cursor
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


def _logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


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
    client = _logged_in(clerk)
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


def _walk(first: dict[str, object], fetch) -> list[int]:  # type: ignore[no-untyped-def]
    seen: list[int] = []
    body = first
    for _ in range(50):
        seen += [item["id"] for item in body["items"]]  # type: ignore[attr-defined]
        if body["next"] is None:
            return seen
        body = fetch(body["next"])
    raise AssertionError("the pages never ended")


@pytest.mark.parametrize("limit", [1, 2, 5, 11, 50])
def test_cursor_pages_walk_the_one_list(spread: list[int], clerk: User, limit: int) -> None:
    expected = _one_list(clerk)
    seen: list[int] = []
    after = None
    while True:
        page = selectors.official_newest_ids(clerk, selectors.DossierFilter(), 0, limit, after)
        seen += page
        if len(page) < limit:
            break
        last = Dossier.objects.get(pk=page[-1])
        assert last.submitted_at is not None
        after = Cursor(last.submitted_at, last.pk)
    assert seen == expected  # the two dossiers of one instant are both there, once


def test_the_api_pages_by_cursor_and_keeps_its_place(
    spread: list[int], clerk: User, version: ProcedureVersion
) -> None:
    client = _logged_in(clerk)
    expected = _one_list(clerk)
    first = client.get("/api/v1/dossiers?limit=4").json()
    assert [item["id"] for item in first["items"]] == expected[:4]
    # A dossier received while the official reads does not push a row onto the next page
    # twice, as an offset would.
    late = intake(clerk, version)
    Dossier.objects.filter(pk=late.pk).update(submitted_at=WEDNESDAY_9AM + timedelta(hours=1))
    assert client.get("/api/v1/dossiers?limit=4&offset=4").json()["items"][0]["id"] == expected[3]
    seen = _walk(
        first, lambda cursor: client.get(f"/api/v1/dossiers?limit=4&after={cursor}").json()
    )
    assert seen == expected


def test_the_cursor_pages_keep_the_filters(spread: list[int], clerk: User) -> None:
    wanted = [spread[0], spread[6], spread[9]]
    Dossier.objects.filter(pk__in=wanted).update(channel=2)
    client = _logged_in(clerk)
    fetch = lambda cursor: client.get(  # noqa: E731
        f"/api/v1/dossiers?channel=2&limit=1&after={cursor}"
    ).json()
    seen = _walk(client.get("/api/v1/dossiers?channel=2&limit=1").json(), fetch)
    assert sorted(seen) == sorted(wanted) and seen == [
        pk for pk in _one_list(clerk) if pk in wanted
    ]


@pytest.mark.parametrize(
    "bad", ["abc", "1.2.3", "-5.3", "999999999999999999.1", "1.99999999999999999999", "12.0", " . "]
)
def test_a_bad_cursor_is_refused_with_a_message(spread: list[int], clerk: User, bad: str) -> None:
    client = _logged_in(clerk)
    response = client.get("/api/v1/dossiers", {"after": bad})
    assert response.status_code == 422
    assert "next của trang trước" in response.json()["message"]


def test_the_cursor_is_only_for_an_officials_list(
    spread: list[int], clerk: User, citizen: User
) -> None:
    client = _logged_in(clerk)
    response = client.get("/api/v1/dossiers?queue=true&after=1.1")
    assert response.status_code == 422
    assert "queue" in response.json()["message"]
    assert "next" not in client.get("/api/v1/dossiers?queue=true").json()
    client.force_login(citizen)
    assert client.get("/api/v1/dossiers?after=1.1").status_code == 422


def test_the_desk_pages_all_dossiers_by_link(
    spread: list[int], clerk: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backoffice_views, "QUEUE_ROWS", 3)
    client = _logged_in(clerk)
    page = client.get("/can-bo/?pham_vi=tat-ca&tre_han=0")
    seen = [row[0].pk for row in page.context["rows"]]
    assert "first_page" not in page.context
    while "next_page" in page.context:
        page = client.get("/can-bo/" + page.context["next_page"])
        assert "tre_han=0" in page.context["first_page"]  # the filter stays on
        seen += [row[0].pk for row in page.context["rows"]]
    assert seen == _one_list(clerk)
    assert 'rel="next"' not in page.content.decode()


def test_a_hand_edited_page_link_shows_the_first_page(spread: list[int], clerk: User) -> None:
    client = _logged_in(clerk)
    page = client.get("/can-bo/?pham_vi=tat-ca&sau=not-a-page")
    assert page.status_code == 200
    assert [row[0].pk for row in page.context["rows"]] == _one_list(clerk)
    assert "Liên kết trang không hợp lệ" in page.content.decode()


@given(
    instant=st.datetimes(
        min_value=datetime(1970, 1, 1), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
    ),
    pk=st.integers(min_value=1, max_value=2**63 - 1),
)
def test_a_cursor_reads_back_as_written(instant: datetime, pk: int) -> None:
    assert cursor.parse(str(Cursor(instant, pk))) == Cursor(instant, pk)


@given(st.text(max_size=45))
def test_any_text_is_a_cursor_or_refused(text: str) -> None:
    try:
        parsed = cursor.parse(text)
    except cursor.BadCursor:
        return
    assert parsed.pk >= 1 and parsed.at.tzinfo is UTC


def test_a_full_last_page_offers_no_next_page(spread: list[int], clerk: User) -> None:
    client = _logged_in(clerk)
    assert client.get("/api/v1/dossiers?limit=11").json()["next"] is None  # exactly 11
    assert client.get("/api/v1/dossiers?limit=10").json()["next"] is not None


def test_the_desk_offers_no_empty_last_page(
    spread: list[int], clerk: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backoffice_views, "QUEUE_ROWS", 11)
    client = _logged_in(clerk)
    page = client.get("/can-bo/?pham_vi=tat-ca")
    assert len(page.context["rows"]) == 11 and "next_page" not in page.context


def test_filtering_in_place_starts_again_from_the_first_page(
    spread: list[int], clerk: User
) -> None:
    """The filter form asks the desk's own address with its own fields, so a filter
    chosen on page 2 does not keep page 2's cursor."""
    client = _logged_in(clerk)
    html = client.get("/can-bo/?pham_vi=tat-ca&sau=1.1").content.decode()
    assert 'hx-get="/can-bo/"' in html and 'action="/can-bo/"' in html
    assert 'name="sau"' not in html


def test_an_officials_list_reads_their_agencies_once(spread: list[int], clerk: User) -> None:
    client = _logged_in(clerk)
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/dossiers?limit=4").json()
    assert [item["id"] for item in body["items"]] == _one_list(clerk)[:4]
    role_reads = [q for q in queries.captured_queries if "organizations_staffrole" in q["sql"]]
    assert len(role_reads) == 1


def test_one_officials_scope_cannot_serve_another(
    spread: list[int], clerk: User, outsider: User
) -> None:
    theirs = selectors.official_scope(outsider)
    with pytest.raises(ValueError, match="that official only"):
        selectors.dossiers_visible_to(clerk, theirs)
    with pytest.raises(ValueError, match="that official only"):
        selectors.official_newest_ids(clerk, selectors.DossierFilter(), 0, 5, None, theirs)
    mine = selectors.official_scope(clerk)
    assert selectors.official_newest_ids(clerk, selectors.DossierFilter(), 0, 50, None, mine) == (
        _one_list(clerk)
    )


@given(
    st.one_of(st.text(max_size=45), st.builds(str, st.integers(0, 10**18)).map(lambda n: f"{n}.7"))
)
def test_a_link_gives_its_cursor_says_it_was_bad_or_has_none(text: str) -> None:
    found, bad = cursor.from_link(text)
    if not text:
        assert (found, bad) == (None, False)
        return
    try:
        expected = cursor.parse(text[:40])
    except cursor.BadCursor:
        assert (found, bad) == (None, True)
    else:
        assert (found, bad) == (expected, False)
