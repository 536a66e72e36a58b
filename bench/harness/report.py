"""The table printed at the end of a run and the JSON kept under ``bench/results/``."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.harness.jobs import JobsResult
from bench.harness.scenarios import Row

RESULTS = Path(__file__).resolve().parents[1] / "results"


def machine() -> dict[str, Any]:
    cpu = next(
        (
            x.split(":", 1)[1].strip()
            for x in Path("/proc/cpuinfo").read_text().splitlines()
            if x.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")
    )
    return {
        "nproc": os.cpu_count(),
        "ram_gb": round(int(mem.split()[1]) / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "wrk": _version(["wrk", "-v"]),
    }


def _version(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:
        return "absent"
    return (out.stdout or out.stderr).splitlines()[0] if (out.stdout or out.stderr) else ""


def table(rows: list[Row], jobs: JobsResult | None, rss: list[float]) -> str:
    base = {r.connections: r.load.rate for r in rows if r.scenario.startswith("baseline")}
    lines = [
        "| scenario | conns | req/s | p50 ms | p99 ms | errors | × baseline | target | notes |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        ref = base.get(r.connections) or base.get(16)
        ratio = f"{r.load.rate / ref:.2f}" if ref and not r.scenario.startswith("baseline") else ""
        lines.append(
            f"| {r.scenario} | {r.connections} | {r.load.rate:,.0f} | {r.load.p50_ms:.1f} | "
            f"{r.load.p99_ms:.1f} | {r.errors} | {ratio} | {r.target} | {'; '.join(r.notes)} |"
        )
    if jobs is not None:
        lines.append(
            f"| 7 background jobs ({jobs.jobs:,} no-op, 4 workers) | | "
            f"{jobs.drain_per_s:,.0f} | | | {len(jobs.problems)} | | ≥1000 jobs/s, 0 twice | "
            f"enqueued {jobs.enqueue_per_s:,.0f}/s; ran twice: {jobs.ran_twice}"
            + "".join(f"; {note}" for note in [*jobs.problems, *jobs.notes])
            + " |"
        )
    if rss:
        sizes = ", ".join(f"{x:.0f}" for x in rss)
        lines.append(f"| memory: app worker RSS (MB) | | | | | | | ≤250 MB each | {sizes} |")
    return "\n".join(lines)


def save(summary: dict[str, Any], rows: list[Row], jobs: JobsResult | None) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{datetime.now():%Y%m%d-%H%M%S}.json"
    body = {
        **summary,
        "machine": machine(),
        "scenarios": [{**asdict(r), "rate": r.load.rate, "errors": r.errors} for r in rows],
        "jobs": asdict(jobs) if jobs else None,
    }
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False, default=str))
    return path
