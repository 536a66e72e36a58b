"""Where the server's Python time goes under a scenario's load: py-spy samples every
worker of the running server (``--subprocesses``), only threads that hold the GIL, for
the measured seconds of the load, and keeps the stacks as collapsed text (one line per
stack and its sample count; flamegraph.pl or speedscope.app draw it).

``python -m bench suite --profile`` turns it on. Sampling pauses a worker for a few
microseconds each time, so a profiled run's rates are not the table to quote.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

RATE = 100  # samples a second per process
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^():]+)(?::\d+)?\)$")


def py_spy() -> str:
    """The py-spy beside this interpreter (the dev extra installs it), else on PATH."""
    found = Path(sys.executable).with_name("py-spy")
    if found.exists():
        return str(found)
    on_path = shutil.which("py-spy")
    if on_path is None:
        raise RuntimeError("py-spy is not installed: make install (the dev extra) adds it")
    return on_path


@dataclass
class Profile:
    """Counts of a collapsed profile: samples, self samples by package (the first part of
    the leaf frame's file), and inclusive samples by frame (function and file, any line)."""

    samples: int = 0
    by_package: Counter[str] = field(default_factory=Counter)
    by_frame: Counter[str] = field(default_factory=Counter)

    def share(self, count: int) -> float:
        return 100 * count / self.samples if self.samples else 0.0

    def summary(self, top: int = 25) -> dict[str, object]:
        return {
            "samples": self.samples,
            "self_by_package_pct": {
                k: round(self.share(v), 1) for k, v in self.by_package.most_common(12)
            },
            "inclusive_pct": {
                k: round(self.share(v), 1) for k, v in self.by_frame.most_common(top)
            },
        }

    def packages_line(self, top: int = 8) -> str:
        parts = [f"{k} {self.share(v):.0f}%" for k, v in self.by_package.most_common(top)]
        return " · ".join(parts)


def parse(text: str) -> Profile:
    """Read py-spy's collapsed output. Process frames (``process N:"…"``) are dropped, as
    are frames shared by every sample, so what is left starts at the request."""
    profile = Profile()
    for line in text.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [f for f in stack.split(";") if not f.startswith("process ")]
        if not frames:
            continue
        profile.samples += count
        profile.by_package[_package(frames[-1])] += count
        for name in {_frame(f) for f in frames}:
            profile.by_frame[name] += count
    for name, count in list(profile.by_frame.items()):
        if count == profile.samples:
            del profile.by_frame[name]
    return profile


def _frame(text: str) -> str:
    match = _FRAME.match(text)
    return f"{match['function']} ({match['file']})" if match else text


def _package(text: str) -> str:
    match = _FRAME.match(text)
    if not match:
        return text
    path = match["file"]
    return path.split("/", 1)[0] if "/" in path else path.removesuffix(".py")


class Recording:
    """One py-spy run over the server's processes for a known number of seconds."""

    def __init__(self, pid: int, seconds: float, out: Path):
        self.out = out
        command = [
            py_spy(), "record", "--pid", str(pid), "--subprocesses", "--gil",
            "--rate", str(RATE), "--duration", str(max(1, round(seconds))),
            "--format", "raw", "--output", str(out),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def finish(self) -> Profile | None:
        try:
            _, err = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return None
        if self.process.returncode != 0 or not self.out.exists():
            print(f"  py-spy failed: {err.decode(errors='replace').strip()[-300:]}", flush=True)
            return None
        return parse(self.out.read_text(errors="replace"))
