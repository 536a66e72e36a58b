"""Instants in the API and the audit trail are Vietnam's time with its offset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from django.test import override_settings
from django.utils.timezone import override as tz_activate
from hypothesis import example, given
from hypothesis import strategies as st

from motcua.core.moments import LocalTime, local_iso, steady_offset


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


ZONES = ["Asia/Ho_Chi_Minh", "Europe/Paris", "America/New_York", "Asia/Bangkok", "UTC"]


def test_vietnam_is_taken_as_a_fixed_offset_and_summer_time_is_not() -> None:
    assert steady_offset(ZoneInfo("Asia/Ho_Chi_Minh")) == timezone(timedelta(hours=7))
    assert steady_offset(ZoneInfo("Europe/Paris")) is None
    assert steady_offset(ZoneInfo("America/New_York")) is None
    fixed = timezone(timedelta(hours=-3))
    assert steady_offset(fixed) is fixed


def test_before_the_checked_century_the_zone_itself_answers() -> None:
    # South Vietnam kept +08:00 from 1959 to 1975: a fixed +07:00 would be an hour off.
    moment = datetime(1970, 1, 1, tzinfo=UTC)
    local = LocalTime(ZoneInfo("Asia/Ho_Chi_Minh")).of(moment)
    assert local is not None and local.utcoffset() == timedelta(hours=8)
    assert LocalTime(ZoneInfo("Asia/Ho_Chi_Minh")).iso(moment) == "1970-01-01T08:00:00+08:00"


@given(
    st.datetimes(
        min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
    ),
    st.sampled_from(ZONES),
)
# The hour New York's clocks repeat: Python compares such a local time with another zone's
# as unequal, whatever instant it stands for (PEP 495), so the instants are compared.
@example(datetime(2173, 11, 7, 5, 0, tzinfo=UTC), "America/New_York")
def test_an_instant_reads_as_the_zone_itself_would_write_it(moment: datetime, key: str) -> None:
    zone = ZoneInfo(key)
    local = LocalTime(zone)
    converted = local.of(moment)
    assert converted is not None and converted.astimezone(UTC) == moment
    assert converted is not None and converted.utcoffset() == moment.astimezone(zone).utcoffset()
    assert local.iso(moment) == moment.astimezone(zone).isoformat()
    assert local.minute(moment) == moment.astimezone(zone).strftime("%H:%M %d/%m/%Y")


def test_the_current_zone_is_the_default_and_none_stays_empty() -> None:
    moment = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)
    assert LocalTime().minute(moment) == "09:00 18/11/2026"
    assert LocalTime().minute(None) == ""
    assert LocalTime().of(None) is None
    with override_settings(TIME_ZONE="Europe/Paris"), tz_activate(ZoneInfo("Europe/Paris")):
        assert LocalTime().iso(moment) == "2026-11-18T03:00:00+01:00"
