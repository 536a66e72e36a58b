"""CPU time the host took from this machine while a load ran.

On a virtual machine the host may run other guests on the same cores; Linux counts the
time a core was ready to run this machine's work but was given to someone else as
"steal" (the eighth figure of the ``cpu`` line in ``/proc/stat``). Benchmarks on such a
machine swing with it: the seventeenth session saw the bare view give 563 to 1,521
requests a second with nothing else running. Each measured load records the share of
the machine's CPU time that was stolen, so two runs can be told apart by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

STAT = Path("/proc/stat")


@dataclass(frozen=True)
class CpuTimes:
    """Clock ticks since boot, all cores together: in all, and stolen by the host."""

    total: int
    stolen: int


def parse(line: str) -> CpuTimes | None:
    """The ``cpu`` line of ``/proc/stat`` (user nice system idle iowait irq softirq steal
    guest guest_nice); guest time is already inside user and nice, so it is not added
    twice. None for anything else."""
    fields = line.split()
    if len(fields) < 9 or fields[0] != "cpu":
        return None
    try:
        ticks = [int(x) for x in fields[1:9]]
    except ValueError:
        return None
    if any(t < 0 for t in ticks):
        return None
    return CpuTimes(total=sum(ticks), stolen=ticks[7])


def now(stat: Path = STAT) -> CpuTimes | None:
    """The machine's CPU times now; None where ``/proc/stat`` cannot tell."""
    try:
        with stat.open() as lines:
            return parse(lines.readline())
    except OSError:
        return None


def share(before: CpuTimes | None, after: CpuTimes | None) -> float | None:
    """The share (0–1) of the CPU time between the two readings that the host took."""
    if before is None or after is None or after.total <= before.total:
        return None
    stolen = max(0, after.stolen - before.stolen)
    return min(1.0, stolen / (after.total - before.total))
