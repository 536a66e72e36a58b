"""Load on loopback, bounded in time: ``wrk`` driven by one generic Lua script, or a small
threaded Python client when ``wrk`` is not installed.

A scenario is a list of requests (method, path, one header, body), written to a file one
per line. ``random`` picks a line at random for every request; ``once`` hands the lines
out in order, each to one request only (a workflow action must not be replayed).
Every answer's status is counted; a 503 without ``Retry-After`` is counted apart.
"""

from __future__ import annotations

import http.client
import json
import random
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

LUA = r"""
local threads, next_id = {}, 0
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end
function init(args)
  nthreads = tonumber(args[2])
  mode = args[3]
  reqs, statuses, used = {}, {}, 0
  for line in io.lines(args[1]) do
    local method, path, header, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {["Content-Type"] = "application/json"}
    local name, value = header:match("^([^:]+): (.*)$")
    if name then headers[name] = value end
    if body == "" then body = nil end
    table.insert(reqs, wrk.format(method, path, headers, body))
  end
end
function request()
  used = used + 1
  if mode == "once" then
    local n = (used - 1) * nthreads + id
    return reqs[((n - 1) % #reqs) + 1]
  end
  return reqs[math.random(#reqs)]
end
function response(status, headers, body)
  local key = tostring(status)
  if status == 503 and headers["Retry-After"] == nil and headers["retry-after"] == nil then
    key = "503-without-retry-after"
  end
  statuses[key] = (statuses[key] or 0) + 1
end
function done(summary, latency, requests)
  local merged = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do merged[k] = (merged[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(merged) do table.insert(parts, string.format('"%s": %d', k, v)) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "socket_errors": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect + e.read + e.write + e.timeout, table.concat(parts, ", ")))
end
"""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    header: str = ""  # one "Name: value" line, e.g. the bearer token or the session cookie
    body: str = ""


@dataclass
class Load:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    socket_errors: int
    statuses: dict[str, int] = field(default_factory=dict)
    # The share of the machine's CPU time the host took meanwhile (``harness.steal``);
    # None where it was not read.
    stolen: float | None = None

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def count(self, *codes: int) -> int:
        return sum(self.statuses.get(str(c), 0) for c in codes)


def run(
    base: str, requests: list[Request], *, connections: int, seconds: float, workdir: Path,
    mode: str = "random",
) -> Load:  # fmt: skip
    if shutil.which("wrk"):
        return _wrk(base, requests, connections, seconds, workdir, mode)
    return _python(base, requests, connections, seconds, mode)


def _wrk(
    base: str, requests: list[Request], connections: int, seconds: float, workdir: Path, mode: str
) -> Load:
    data = workdir / f"requests-{time.monotonic_ns()}.tsv"
    data.write_text("".join(f"{r.method}\t{r.path}\t{r.header}\t{r.body}\n" for r in requests))
    script = workdir / "scenario.lua"
    script.write_text(LUA)
    threads = max(1, min(2, connections))
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
        "--timeout", "10s", "-s", str(script), base, "--", str(data), str(threads), mode,
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=False, timeout=seconds + 60)
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {out.stdout[-500:]} {out.stderr[-500:]}")
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    return Load(
        requests=raw["requests"],
        seconds=raw["duration_us"] / 1e6,
        p50_ms=raw["p50_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        socket_errors=raw["socket_errors"],
        statuses=raw["statuses"],
    )


def _python(
    base: str, requests: list[Request], connections: int, seconds: float, mode: str
) -> Load:
    """The fallback: one thread per connection, keep-alive, same counting as the Lua."""
    host, port = base.removeprefix("http://").rstrip("/").split(":")
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors = [0]
    lock, cursor = threading.Lock(), [0]

    def pick() -> Request | None:
        with lock:
            if mode == "once":
                cursor[0] += 1
                return requests[(cursor[0] - 1) % len(requests)]
        return random.choice(requests)

    def worker() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        while time.monotonic() < deadline:
            r = pick()
            assert r is not None
            headers = {"Content-Type": "application/json"}
            if r.header:
                name, value = r.header.split(": ", 1)
                headers[name] = value
            started = time.monotonic()
            try:
                conn.request(r.method, r.path, body=r.body or None, headers=headers)
                answer = conn.getresponse()
                answer.read()
            except OSError:
                errors[0] += 1
                conn = http.client.HTTPConnection(host, int(port), timeout=10)
                continue
            key = str(answer.status)
            if answer.status == 503 and not answer.getheader("Retry-After"):
                key = "503-without-retry-after"
            with lock:
                latencies.append(time.monotonic() - started)
                statuses[key] = statuses.get(key, 0) + 1

    began = time.monotonic()
    pool = [threading.Thread(target=worker) for _ in range(connections)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    latencies.sort()

    def pct(p: float) -> float:
        return (
            latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else 0
        )

    return Load(len(latencies), time.monotonic() - began, pct(0.5), pct(0.99), errors[0], statuses)
