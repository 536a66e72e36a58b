"""A number too large for the database, typed into an address or sent to the API, is the
person's mistake: a 400 that says so (SQLite's driver refuses it), or simply nothing
found (PostgreSQL compares it as a numeric); never the 500 page."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db

HUGE = 99999999999999999999999


def test_a_page_filter_too_large_is_a_400_page_that_says_so(clerk: User) -> None:
    web = Client()
    web.force_login(clerk)
    answer = web.get("/can-bo/", {"trang_thai": str(HUGE)})
    assert answer.status_code in (200, 400)
    if answer.status_code == 400:
        assert "Một số trong yêu cầu quá lớn" in answer.content.decode()


def test_an_api_version_too_large_is_json_not_the_500_page(
    new_dossier: Dossier, clerk: User
) -> None:
    api = Client()
    api.force_login(clerk)
    answer = api.post(
        f"/api/v1/dossiers/{new_dossier.pk}/actions/receive",
        json.dumps({"expected_version": HUGE}),
        content_type="application/json",
    )
    assert answer.status_code in (400, 409)
    assert answer["Content-Type"].startswith("application/json")
    if answer.status_code == 400:
        assert answer.json()["message"].startswith("Một số trong yêu cầu quá lớn")
    new_dossier.refresh_from_db()
    assert new_dossier.status == 1  # nothing moved


def test_an_api_filter_too_large_is_json(clerk: User) -> None:
    api = Client()
    api.force_login(clerk)
    answer = api.get("/api/v1/dossiers", {"status": str(HUGE), "unit": str(HUGE)})
    assert answer.status_code in (200, 400, 422)
    assert answer["Content-Type"].startswith("application/json")


def test_only_the_database_s_overflow_is_the_person_s_mistake() -> None:
    from django.test import RequestFactory

    from motcua.core.middleware import NumbersTooLarge, from_the_database

    page = RequestFactory().get("/")
    pages = NumbersTooLarge(lambda request: None)  # type: ignore[arg-type,return-value]
    if connection.vendor == "sqlite":  # its driver cannot bind the number
        with pytest.raises(OverflowError) as refused, connection.cursor() as cursor:
            cursor.execute("SELECT %s", [HUGE])
        assert from_the_database(refused.value)
        assert pages.process_exception(page, refused.value) is not None
    with pytest.raises(OverflowError) as ours:
        float(HUGE) ** 100
    assert not from_the_database(ours.value)
    assert pages.process_exception(page, ours.value) is None


def test_an_overflow_in_the_application_s_own_arithmetic_is_not_called_the_person_s(
    clerk: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from motcua.dossiers import selectors

    def broken(*args: object, **kwargs: object) -> object:
        raise OverflowError("math range error")

    monkeypatch.setattr(selectors, "queue_page_ids", broken)
    api = Client(raise_request_exception=False)
    api.force_login(clerk)
    answer = api.get("/api/v1/dossiers", {"queue": "true"})
    assert answer.status_code == 500
