"""The look-up reads through SQL compiled once per connection; what it reads must be what
the ORM would read, row for row and value for value (dates included, on SQLite and
PostgreSQL alike), and a read that cannot be compiled safely is refused."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.core.compiled import CompiledRead
from motcua.dossiers import services
from motcua.dossiers.lookup import _LOOKUP_FIELDS, lookup_query
from motcua.dossiers.models import Dossier
from tests.dossiers.conftest import intake, submit_online

pytestmark = pytest.mark.django_db


def orm_row(code: str) -> dict[str, Any] | None:
    row = next(iter(lookup_query(code)), None)
    return dict(zip(_LOOKUP_FIELDS, row, strict=True)) if row else None


@pytest.fixture
def codes(citizen: User, clerk: User, version: ProcedureVersion) -> list[str]:
    """Codes of dossiers with and without a step, a due date and a finish."""
    waiting = intake(clerk, version)
    moved = intake(clerk, version)
    moved = services.dossier_forward(dossier=moved, actor=clerk, expected_version=moved.version)
    online = submit_online(citizen, version)
    return [waiting.code or "", moved.code or "", online.code or ""]


def test_the_compiled_read_gives_what_the_orm_gives(codes: list[str]) -> None:
    read = CompiledRead("test_lookup", lookup_query)

    for code in [*codes, "KHONG-CO", "", "' OR 1=1 --"]:
        assert read.first(code) == orm_row(code)
    found = read.first(codes[1])
    assert found is not None and found["due_at"] is not None
    assert found["due_at"].utcoffset() is not None  # aware, converted as the ORM does
    assert found["current_step__name"]
    Dossier.objects.filter(code=codes[2]).update(status=0)
    assert read.first(codes[2]) is None  # a draft is never looked up


def test_it_compiles_once_per_connection_and_each_thread_has_its_own(codes: list[str]) -> None:
    read = CompiledRead("test_lookup_threads", lookup_query)
    read.first(codes[0])
    compiled = connection._motcua_compiled_test_lookup_threads  # type: ignore[attr-defined]
    read.first(codes[1])
    assert connection._motcua_compiled_test_lookup_threads is compiled  # type: ignore[attr-defined]

    seen: list[object] = []

    def other_thread() -> None:
        try:
            read.first("KHONG-CO")
            seen.append(connections["default"]._motcua_compiled_test_lookup_threads)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert seen and seen[0] is not compiled


def test_a_read_that_cannot_be_compiled_safely_is_refused(codes: list[str]) -> None:
    twice = CompiledRead(
        "twice",
        lambda v: Dossier.objects.filter(code=v, applicant_name=v).values_list("code")[:1],
    )
    never = CompiledRead("never", lambda v: Dossier.objects.filter(code="x").values_list("code"))
    instances = CompiledRead("instances", lambda v: Dossier.objects.filter(code=v))

    with pytest.raises(ValueError, match="once"):
        twice.first("a")
    with pytest.raises(ValueError, match="once"):
        never.first("a")
    with pytest.raises(ValueError, match="values_list"):
        instances.first("a")
