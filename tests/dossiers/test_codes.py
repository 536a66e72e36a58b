"""Dossier codes: per agency per local day, unique and gapless under concurrency."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.db import connection, connections, transaction
from hypothesis import given
from hypothesis import strategies as st

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier, DossierCounter
from motcua.dossiers.services.codes import (
    READABLE_ALPHABET,
    code_allocate,
    code_format,
    secret_generate,
)
from motcua.organizations.models import Agency
from tests.dossiers.conftest import VN, intake, sqlite_in_memory


@pytest.mark.django_db
def test_the_day_is_the_local_day_in_vietnam(commune_agency: Agency) -> None:
    # 23:30 UTC on the 18th is 06:30 on the 19th in Hà Nội.
    with transaction.atomic():
        code = code_allocate(agency=commune_agency, at=datetime(2026, 11, 18, 23, 30, tzinfo=UTC))
    assert code == "000.01.01.H26-261119-0001"


@pytest.mark.django_db
def test_each_agency_counts_on_its_own(commune_agency: Agency, other_agency: Agency) -> None:
    at = datetime(2026, 11, 18, 9, tzinfo=VN)
    with transaction.atomic():
        codes = [
            code_allocate(agency=a, at=at) for a in (commune_agency, other_agency, commune_agency)
        ]
    assert codes == [
        "000.01.01.H26-261118-0001",
        "000.01.02.H26-261118-0001",
        "000.01.01.H26-261118-0002",
    ]


def _allocate_then_jam(agency: Agency) -> None:
    with transaction.atomic():
        code_allocate(agency=agency, at=datetime(2026, 11, 18, 9, tzinfo=VN))
        raise RuntimeError("the clerk's printer jammed")


@pytest.mark.django_db
def test_a_rolled_back_reception_gives_its_number_back(commune_agency: Agency) -> None:
    with pytest.raises(RuntimeError):
        _allocate_then_jam(commune_agency)
    with transaction.atomic():
        code = code_allocate(agency=commune_agency, at=datetime(2026, 11, 18, 9, tzinfo=VN))
    assert code.endswith("-0001")


@pytest.mark.django_db(transaction=True)
def test_codes_need_the_reception_transaction(commune_agency: Agency) -> None:
    with pytest.raises(RuntimeError):
        code_allocate(agency=commune_agency, at=datetime(2026, 11, 18, tzinfo=VN))


def test_secrets_use_the_unambiguous_alphabet() -> None:
    secrets = {secret_generate() for _ in range(200)}
    assert len(secrets) == 200
    assert all(len(s) == 8 and set(s) <= set(READABLE_ALPHABET) for s in secrets)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(min_value=1, max_value=99_999),
    st.integers(min_value=1, max_value=99_999),
)
def test_codes_read_back_and_sort_by_sequence(day: date, a: int, b: int) -> None:
    first, second = code_format("000.01.01.H26", day, a), code_format("000.01.01.H26", day, b)
    agency, yymmdd, sequence = first.rsplit("-", 2)
    assert (agency, yymmdd, int(sequence)) == ("000.01.01.H26", day.strftime("%y%m%d"), a)
    assert len(sequence) >= 4
    if max(a, b) < 10_000:  # fixed width: text order is number order
        assert (first < second) == (a < b)


def _receive_many(
    clerk: User,
    version: ProcedureVersion,
    count: int,
    errors: list[BaseException],
    start: threading.Barrier,
    fail_every: int,
) -> None:
    try:
        start.wait()
        for n in range(count):
            try:
                with transaction.atomic():
                    intake(clerk, version)
                    if fail_every and n % fail_every == fail_every - 1:
                        raise _Abandoned
            except _Abandoned:
                pass
    except BaseException as exc:  # reported by the main thread
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.fixture
def jobs_not_run(settings: Any) -> None:
    """Codes are what these runs test: the receipt each reception asks for (a PDF, a
    third of a second of CPU each, under the GIL) would only slow them down. The jobs are
    still enqueued, just not run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class _Abandoned(Exception):
    """A reception rolled back after its code was allocated."""


def _run_concurrent_receptions(
    clerk: User, version: ProcedureVersion, threads: int, per_thread: int, fail_every: int
) -> list[str]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads)
    workers = [
        threading.Thread(
            target=_receive_many, args=(clerk, version, per_thread, errors, barrier, fail_every)
        )
        for _ in range(threads)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    codes = Dossier.objects.filter(code__isnull=False).values_list("code", flat=True)
    return [code for code in codes if code is not None]


def _assert_gapless(codes: list[str], expected: int) -> None:
    assert len(codes) == expected
    assert len(set(codes)) == expected
    numbers = sorted(int(c.rsplit("-", 1)[1]) for c in codes)
    assert numbers == list(range(1, expected + 1))
    assert {c.rsplit("-", 1)[0] for c in codes} == {"000.01.01.H26-261118"}


@pytest.mark.postgres
@pytest.mark.no_freeze
@pytest.mark.django_db(transaction=True)
def test_eight_clerks_receiving_at_once_get_1600_gapless_codes(
    clerk: User, version: ProcedureVersion, jobs_not_run: None
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the full-size run is for PostgreSQL; SQLite runs the smaller one below")
    with time_machine.travel(datetime(2026, 11, 18, 9, tzinfo=VN), tick=True):
        codes = _run_concurrent_receptions(clerk, version, threads=8, per_thread=200, fail_every=0)
    _assert_gapless(codes, 1600)
    assert DossierCounter.objects.get().last == 1600


@pytest.mark.no_freeze
@pytest.mark.django_db(transaction=True)
def test_concurrent_receptions_with_rollbacks_stay_gapless(
    clerk: User, version: ProcedureVersion, jobs_not_run: None
) -> None:
    if sqlite_in_memory():
        pytest.skip("threads need a file database to share (see conftest)")
    threads, per_thread = (8, 40) if connection.vendor == "postgresql" else (4, 15)
    with time_machine.travel(datetime(2026, 11, 18, 9, tzinfo=VN), tick=True):
        codes = _run_concurrent_receptions(
            clerk, version, threads=threads, per_thread=per_thread, fail_every=5
        )
    kept = threads * per_thread - threads * (per_thread // 5)
    _assert_gapless(codes, kept)
