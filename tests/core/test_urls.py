"""A list's addresses, reversed once, are the ones ``reverse`` gives row by row."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.urls import pk_urls

ids = st.integers(min_value=1, max_value=10**15)


@given(pk=ids)
def test_a_dossier_address_is_the_one_reverse_gives(pk: int) -> None:
    assert pk_urls("portal:my_dossier")(pk) == reverse("portal:my_dossier", args=[pk])


@given(pk=ids, step=st.integers(min_value=1, max_value=9))
def test_arguments_after_the_id_stay_in_place(pk: int, step: int) -> None:
    assert pk_urls("portal:dossier_step", step)(pk) == reverse(
        "portal:dossier_step", args=[pk, step]
    )


def test_an_address_holding_the_id_twice_is_refused() -> None:
    # The step after the id cannot be the id again: there would be two places to fill.
    from motcua.core import urls

    with pytest.raises(ValueError, match="once"):
        pk_urls("portal:dossier_step", urls._PLACEHOLDER)
