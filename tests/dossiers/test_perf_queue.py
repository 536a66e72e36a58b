"""Lists of dossiers count no further than a cap, and say so when they stop there."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import selectors
from tests.dossiers.conftest import intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_received(clerk: User, version: ProcedureVersion) -> None:
    for _ in range(3):
        intake(clerk, version)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_list_longer_than_the_cap_says_it_was_capped(
    three_received: None, clerk: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)

    body = logged_in(clerk).get("/api/v1/dossiers").json()

    assert body["count"] == 2
    assert body["count_capped"] is True
    assert len(body["items"]) == 3  # the page itself is not cut by the cap


def test_a_list_within_the_cap_gives_the_exact_count_and_no_flag(
    three_received: None, clerk: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)

    body = logged_in(clerk).get("/api/v1/dossiers").json()

    assert body["count"] == 3
    assert "count_capped" not in body


def test_the_count_reads_at_most_one_row_past_the_cap(three_received: None, clerk: User) -> None:
    visible = selectors.dossiers_visible_to(clerk)

    with CaptureQueriesContext(connection) as queries:
        assert selectors.count_capped(visible, cap=1) == (1, True)
        assert selectors.count_capped(visible, cap=3) == (3, False)

    assert "LIMIT 2" in queries.captured_queries[0]["sql"]
    assert "LIMIT 4" in queries.captured_queries[1]["sql"]


def test_the_queue_filters_still_apply_under_the_cap(
    three_received: None, clerk: User, specialist: User
) -> None:
    # Received dossiers wait at the reception step: the desk's, not the specialist's.
    assert logged_in(specialist).get("/api/v1/dossiers?queue=true").json()["count"] == 0
    assert logged_in(clerk).get("/api/v1/dossiers?status=2&limit=1").json()["count"] == 3


@pytest.mark.parametrize(("cap", "count", "capped"), [(1, 1, True), (2, 2, True), (3, 3, False)])
def test_the_queue_reads_its_page_and_capped_count_together_with_the_same_answer(
    three_received: None,
    clerk: User,
    monkeypatch: pytest.MonkeyPatch,
    cap: int,
    count: int,
    capped: bool,
) -> None:
    monkeypatch.setattr(selectors, "COUNT_CAP", cap)
    client = logged_in(clerk)

    statements: list[str] = []

    def record(execute: Any, sql: str, *args: Any) -> Any:
        statements.append(sql)
        return execute(sql, *args)

    # The request handler clears ``connection.queries`` as it starts, so a wrapper counts.
    with connection.execute_wrapper(record):
        body = client.get("/api/v1/dossiers?queue=true&limit=2").json()
    second = client.get("/api/v1/dossiers?queue=true&limit=2&offset=2").json()

    assert (body["count"], body.get("count_capped", False)) == (count, capped)
    assert len(body["items"]) == 2 and len(second["items"]) == 1
    assert {i["id"] for i in body["items"]}.isdisjoint(i["id"] for i in second["items"])
    assert statements and not any("COUNT(" in sql.upper() for sql in statements)
