"""Public look-up: code plus secret (or phone); dates and status only; guesses limited."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from motcua.dossiers.errors import RateLimited
from motcua.dossiers.lookup import FAILURE_LIMIT, dossier_lookup
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def test_code_and_secret_show_status_step_and_dates(received: Dossier) -> None:
    result = dossier_lookup(
        code=received.code or "", secret=received.lookup_secret, client="203.0.113.5"
    )
    assert result is not None
    assert result.status_label == "Đã tiếp nhận"
    assert result.step == "Tiếp nhận hồ sơ"
    assert result.due_at == received.due_at
    assert result.procedure == received.procedure_version.procedure.name
    assert not hasattr(result, "applicant_name")
    assert "Nguyễn Thị Hoa" not in repr(result) and "0912345678" not in repr(result)


def test_the_secret_is_case_insensitive_and_the_phone_works_too(received: Dossier) -> None:
    assert (
        dossier_lookup(code=received.code or "", secret=received.lookup_secret.lower(), client="a")
        is not None
    )
    assert dossier_lookup(code=received.code or "", secret="0912 345 678", client="a")


@pytest.mark.parametrize(
    "typed", ["+84912345678", "0912 345 678", "0912.345.678", "(+84) 912-345-678", "84912345678"]
)
def test_the_phone_is_found_however_it_is_written(received: Dossier, typed: str) -> None:
    assert dossier_lookup(code=received.code or "", secret=typed, client="a") is not None


def test_the_code_is_found_in_lower_case_and_with_spaces_around(received: Dossier) -> None:
    code = received.code or ""
    for typed in [code.lower(), f"  {code}  ", f" {code.lower()}\n"]:
        result = dossier_lookup(code=typed, secret=received.lookup_secret, client="a")
        assert result is not None and result.code == code


@pytest.mark.parametrize("typed", ["+84912345679", "0912 345 67", "+85912345678"])
def test_a_phone_that_only_looks_alike_is_refused(received: Dossier, typed: str) -> None:
    assert dossier_lookup(code=received.code or "", secret=typed, client="a") is None


def test_written_differently_the_guesses_still_count_against_the_limit(
    received: Dossier,
) -> None:
    code = (received.code or "").lower()
    for n in range(FAILURE_LIMIT):
        dossier_lookup(code=code, secret=f"+84 912 000 {n:03d}", client="198.51.100.8")
    with pytest.raises(RateLimited):
        dossier_lookup(code=code, secret="+84912345678", client="198.51.100.8")


def test_unknown_code_and_wrong_secret_look_the_same(received: Dossier) -> None:
    assert dossier_lookup(code=received.code or "", secret="WRONG123", client="a") is None
    assert (
        dossier_lookup(code="000.01.01.H26-261118-9999", secret=received.lookup_secret, client="a")
        is None
    )


def test_too_many_wrong_guesses_are_refused_even_the_right_one(received: Dossier) -> None:
    for _ in range(FAILURE_LIMIT):
        dossier_lookup(code=received.code or "", secret="WRONG123", client="198.51.100.7")
    with pytest.raises(RateLimited) as caught:
        dossier_lookup(
            code=received.code or "", secret=received.lookup_secret, client="198.51.100.7"
        )
    assert 0 < caught.value.retry_after <= 15 * 60
    assert (
        dossier_lookup(
            code=received.code or "", secret=received.lookup_secret, client="203.0.113.9"
        )
        is not None
    )
