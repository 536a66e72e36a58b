"""The share of the CPU the host took from this machine during a load, from two readings
of ``/proc/stat``; each measured load keeps it, and a load that lost some says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bench.harness import scenarios, steal
from bench.harness.loadgen import Load, Request
from hypothesis import given
from hypothesis import strategies as st

LINE = "cpu  180901 0 26917 145199 2258 0 3395 8150 0 0"


def test_the_cpu_line_gives_all_ticks_and_the_stolen_ones() -> None:
    times = steal.parse(LINE)
    assert times == steal.CpuTimes(total=180901 + 26917 + 145199 + 2258 + 3395 + 8150, stolen=8150)


@pytest.mark.parametrize(
    "line",
    ["", "cpu0 1 2 3 4 5 6 7 8 0 0", "cpu 1 2 3", "cpu a b c d e f g h", "cpu -1 0 0 0 0 0 0 5"],
)
def test_anything_but_the_machine_s_cpu_line_is_no_reading(line: str) -> None:
    assert steal.parse(line) is None


def test_the_share_is_the_stolen_part_of_the_time_between_two_readings() -> None:
    before = steal.CpuTimes(total=1_000, stolen=10)
    after = steal.CpuTimes(total=3_000, stolen=110)
    assert steal.share(before, after) == pytest.approx(0.05)
    assert steal.share(before, before) is None  # no time passed
    assert steal.share(None, after) is None


@given(st.integers(0, 10**9), st.integers(0, 10**6), st.integers(1, 10**9), st.integers(0, 10**6))
def test_a_share_is_always_between_none_and_all(
    total: int, stolen: int, more: int, more_stolen: int
) -> None:
    found = steal.share(
        steal.CpuTimes(total, stolen), steal.CpuTimes(total + more, stolen + more_stolen)
    )
    assert found is not None and 0 <= found <= 1


def test_a_machine_without_proc_stat_reads_nothing(tmp_path: Path) -> None:
    assert steal.now(tmp_path / "absent") is None
    here = tmp_path / "stat"
    here.write_text(LINE + "\ncpu0 1 2 3 4 5 6 7 8 0 0\n")
    assert steal.now(here) == steal.parse(LINE)


def test_a_load_keeps_what_the_host_took_and_its_row_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    readings = iter([steal.CpuTimes(1_000, 0), steal.CpuTimes(2_000, 70)])
    monkeypatch.setattr(steal, "now", lambda: next(readings))

    def run(base: str, requests: list[Request], **kw: Any) -> Load:
        return Load(requests=10, seconds=1.0, p50_ms=1.0, p99_ms=2.0, socket_errors=0)

    monkeypatch.setattr(scenarios, "run", run)
    plan = scenarios.Plan("http://127.0.0.1:1", 1, 1, tmp_path, [])
    load = plan.load([Request("GET", "/x")], 4)
    assert load.stolen == pytest.approx(0.07)
    row = plan.add(scenarios.Row("1 look-up", 4, load), lambda text: None)
    assert row.notes == ["the host took 7% of the CPU"]

    quiet = Load(requests=10, seconds=1.0, p50_ms=1.0, p99_ms=2.0, socket_errors=0, stolen=0.002)
    assert plan.add(scenarios.Row("1 look-up", 16, quiet), lambda text: None).notes == []
