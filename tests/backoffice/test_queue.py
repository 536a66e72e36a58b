"""Lan's queue counts everything she may act on, overdue and due today, even past the
rows shown, and says when the list is cut."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier
from tests.dossiers.conftest import WEDNESDAY_9AM, intake

pytestmark = pytest.mark.django_db


def counts(web: Client) -> dict[str, str]:
    html = web.get("/can-bo/").content.decode()
    found = {}
    for name in ("total", "overdue", "today"):
        start = html.index(f'data-testid="count-{name}">') + len(f'data-testid="count-{name}">')
        found[name] = html[start : html.index("<", start)]
    found["truncated"] = "yes" if 'data-testid="queue-truncated"' in html else "no"
    return found


@pytest.fixture
def three_at_the_desk(clerk: User, version: ProcedureVersion) -> list[Dossier]:
    """Received at the counter at 09:00; the reception step is due half an hour later."""
    return [intake(clerk, version) for _ in range(3)]


def test_due_today_then_overdue(web: Client, clerk: User, three_at_the_desk: list[Dossier]) -> None:
    web.force_login(clerk)
    with time_machine.travel(WEDNESDAY_9AM + timedelta(minutes=15), tick=False):
        assert counts(web) == {"total": "3", "overdue": "0", "today": "3", "truncated": "no"}
    with time_machine.travel(WEDNESDAY_9AM + timedelta(hours=1), tick=False):
        assert counts(web) == {"total": "3", "overdue": "3", "today": "0", "truncated": "no"}


def test_counts_cover_rows_beyond_the_page_and_stop_at_the_cap(
    web: Client,
    clerk: User,
    three_at_the_desk: list[Dossier],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from motcua.backoffice import views

    web.force_login(clerk)
    monkeypatch.setattr(views, "QUEUE_ROWS", 1)
    with time_machine.travel(WEDNESDAY_9AM + timedelta(hours=1), tick=False):
        assert counts(web) == {"total": "3", "overdue": "3", "today": "0", "truncated": "yes"}
        monkeypatch.setattr(selectors, "COUNT_CAP", 2)
        assert counts(web) == {"total": "2+", "overdue": "2+", "today": "0", "truncated": "yes"}
