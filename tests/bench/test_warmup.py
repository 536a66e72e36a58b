"""Each steady scenario is warmed up with the same load before it is measured, and only the
measured part gives the figures; the surge is not warmed; the forward scenario never sends
a dossier in both parts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bench.harness import scenarios
from bench.harness.loadgen import Load, Request

from bench import suite


def fake_load(rate: int) -> Load:
    return Load(
        requests=rate,
        seconds=1.0,
        p50_ms=1.0,
        p99_ms=float(rate),
        socket_errors=0,
        statuses={"200": rate},
    )


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    made: list[dict[str, Any]] = []

    def run(base: str, requests: list[Request], **kw: Any) -> Load:
        made.append({"requests": requests, **kw})
        return fake_load(len(made))

    monkeypatch.setattr(scenarios, "run", run)
    return made


def plan(warmup: float, tmp_path: Path) -> scenarios.Plan:
    return scenarios.Plan("http://127.0.0.1:1", 20, 60, tmp_path, [], warmup=warmup)


REQUESTS = [Request("GET", f"/x/{i}", "") for i in range(10)]


def test_a_steady_scenario_is_warmed_then_measured(
    calls: list[dict[str, Any]], tmp_path: Path
) -> None:
    load = plan(3, tmp_path).load(REQUESTS, 16)

    assert [(c["seconds"], c["connections"]) for c in calls] == [(3, 16), (20, 16)]
    assert all(c["requests"] is REQUESTS for c in calls)
    assert load.p99_ms == 2  # the figures are the measured load's, not the warm-up's


def test_no_warm_up_when_asked_for_none_or_for_the_surge(
    calls: list[dict[str, Any]], tmp_path: Path
) -> None:
    plan(0, tmp_path).load(REQUESTS, 4)
    plan(3, tmp_path).load(REQUESTS, 256, seconds=60, warm=False)

    assert [(c["seconds"], c["connections"]) for c in calls] == [(20, 4), (60, 256)]


def test_each_load_waits_for_the_last_ones_requests_except_the_recovery_windows(
    calls: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """wrk leaves a request in flight on each connection when it stops; the next load
    starts once the server has had time to finish them, save the surge's recovery
    windows, whose point is how soon after the surge the service is back."""
    slept: list[float] = []

    class Clock:
        @staticmethod
        def monotonic() -> float:
            return 100.0  # no time passes between loads

        @staticmethod
        def sleep(seconds: float) -> None:
            slept.append(seconds)

    monkeypatch.setattr(scenarios, "time", Clock)
    steady = scenarios.Plan("http://127.0.0.1:1", 20, 60, tmp_path, [], warmup=3, settle=1.0)
    steady.load(REQUESTS, 16)  # the first load: nothing before it but its warm-up
    assert slept == [1.0]
    steady.load(REQUESTS, 16)
    assert slept == [1.0, 1.0, 1.0]
    steady.load(REQUESTS, 4, seconds=1, warm=False, settle=False)
    assert slept == [1.0, 1.0, 1.0]
    assert len(calls) == 5


@pytest.mark.parametrize("warmup", [0, 0.5, 3, 1000])
def test_the_forward_pool_is_split_without_overlap(warmup: float) -> None:
    head, rest = scenarios.split_pool(REQUESTS, warmup, per_second=4)

    assert head + rest == REQUESTS
    assert len(rest) >= len(REQUESTS) // 2
    assert len(head) == min(int(warmup * 4), 5)


def test_the_command_line_warm_up() -> None:
    assert suite.parse([]).warmup == 3
    assert suite.parse(["--quick"]).warmup == 0
    assert suite.parse(["--warmup", "0"]).warmup == 0
    with pytest.raises(SystemExit):
        suite.parse(["--warmup", "-1"])
