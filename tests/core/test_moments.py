"""Instants in the API and the audit trail are Vietnam's time with its offset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from motcua.core.moments import local_iso


@given(
    st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    )
)
def test_an_instant_is_written_in_vietnam_time_and_reads_back_the_same(moment: datetime) -> None:
    written = local_iso(moment)
    assert written is not None and written.endswith("+07:00")
    assert datetime.fromisoformat(written) == moment


def test_none_stays_none_and_a_zone_can_be_given() -> None:
    assert local_iso(None) is None
    moment = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)
    assert local_iso(moment) == "2026-11-18T09:00:00+07:00"
    assert local_iso(moment, timezone(timedelta(hours=0))) == "2026-11-18T02:00:00+00:00"
