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
    assert not hasattr(result, "applicant_name")


def test_the_secret_is_case_insensitive_and_the_phone_works_too(received: Dossier) -> None:
    assert (
        dossier_lookup(code=received.code or "", secret=received.lookup_secret.lower(), client="a")
        is not None
    )
    assert dossier_lookup(code=received.code or "", secret="0912 345 678", client="a")


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
