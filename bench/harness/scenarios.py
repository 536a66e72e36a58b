"""The HTTP scenarios, run one after another against the live server, each followed by
its correctness check."""

from __future__ import annotations

import json
import re
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone

from bench.harness import checks, fixtures, steal
from bench.harness.loadgen import Load, Request, run
from bench.harness.profile import Profile, Recording
from motcua.organizations.models import Agency, Role

# A load during which the host took at least this share of the CPU says so in its notes.
STOLEN_NOTED = 0.01


@dataclass
class Row:
    scenario: str
    connections: int
    load: Load
    ok: tuple[int, ...] = (200,)
    target: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        good = sum(self.load.statuses.get(str(c), 0) for c in self.ok)
        return self.load.socket_errors + sum(self.load.statuses.values()) - good


@dataclass
class Plan:
    base: str
    seconds: float
    surge_seconds: float
    workdir: Path
    lookups: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    only: frozenset[str] = frozenset()  # scenario names to run; empty: all
    # Seconds of the same load first, not counted: a server that has run for a while has
    # prepared its statements on every pooled connection and filled its caches, and that
    # steady state is what the figures describe. The surge gets none: it comes unannounced.
    warmup: float = 0
    # Seconds between one load and the next. wrk stops at its deadline with a request in
    # flight on each connection, and the server finishes those after wrk has gone: the
    # next load's new connections arrived on top of them, up to twice the connections at
    # once for a moment, more than a process admits, and a few were answered 503. No
    # client does that; a second's pause lets the server finish what it was given.
    settle: float = 0
    # With ``--profile``: the server's process id and where the stacks go. Each measured
    # load is recorded; the row added after it names the file (see :meth:`add`).
    profile_pid: int | None = None
    profile_dir: Path | None = None
    _recorded: tuple[Path, Profile] | None = field(default=None, init=False, repr=False)
    _ended: float | None = field(default=None, init=False, repr=False)

    def wants(self, name: str) -> bool:
        return not self.only or name in self.only

    def load(
        self,
        requests: list[Request],
        connections: int,
        *,
        warm: bool = True,
        profile: bool = True,
        settle: bool = True,
        **kw: Any,
    ) -> Load:
        """``settle``: first let the server finish the last load's requests (False where
        the time since the last load is what is measured: the surge's recovery)."""
        seconds = kw.pop("seconds", self.seconds)
        if warm and self.warmup > 0:
            self.warm(requests, connections, **kw)
        if settle:
            self._settle()
        recording = None
        if profile and self.profile_pid is not None and self.profile_dir is not None:
            out = self.profile_dir / f"load-{len(self.rows) + 1}.txt"
            recording = Recording(self.profile_pid, seconds, out)
        before = steal.now()
        load = run(
            self.base,
            requests,
            connections=connections,
            seconds=seconds,
            workdir=self.workdir,
            **kw,
        )
        load.stolen = steal.share(before, steal.now())
        self._ended = time.monotonic()
        if recording is not None:
            found = recording.finish()
            self._recorded = (recording.out, found) if found else None
        return load

    def warm(self, requests: list[Request], connections: int, **kw: Any) -> Load:
        """The warm-up load, whose figures are dropped (its answers still count where a
        check needs them: see the forward scenario)."""
        kw.pop("seconds", None)
        self._settle()
        load = run(
            self.base,
            requests,
            connections=connections,
            seconds=self.warmup,
            workdir=self.workdir,
            **kw,
        )
        self._ended = time.monotonic()
        return load

    def _settle(self) -> None:
        if self._ended is not None:
            time.sleep(max(0.0, self.settle - (time.monotonic() - self._ended)))

    def add(self, row: Row, say: Any) -> Row:
        if row.load.stolen is not None and row.load.stolen >= STOLEN_NOTED:
            row.notes.append(f"the host took {row.load.stolen:.0%} of the CPU")
        self.rows.append(row)
        say(
            f"  {row.scenario:<34} c={row.connections:<3} {row.load.rate:8.0f}/s "
            f"p50 {row.load.p50_ms:7.1f} ms  p99 {row.load.p99_ms:7.1f} ms  errors {row.errors}"
            + ("  " + "; ".join(row.notes) if row.notes else "")
        )
        if self._recorded is not None:
            self._keep_profile(row, *self._recorded, say)
            self._recorded = None
        return row

    def _keep_profile(self, row: Row, raw: Path, found: Profile, say: Any) -> None:
        slug = re.sub(r"[^a-z0-9]+", "-", row.scenario.lower()).strip("-")
        named = raw.with_name(f"{slug}-c{row.connections}.txt")
        raw.rename(named)
        profiles = self.extra.setdefault("profiles", {})
        profiles[f"{row.scenario} c={row.connections}"] = {"file": str(named), **found.summary()}
        say(f"    py-spy, {found.samples:,} samples with the GIL: {found.packages_line()}")


def get_json(base: str, path: str, header: str = "") -> Any:
    request = urllib.request.Request(base + path)
    if header:
        name, _, value = header.partition(": ")
        request.add_header(name, value)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def run_all(plan: Plan, say: Any) -> None:
    busy = Agency.objects.get(code=fixtures.BUSY_AGENCY)
    look = fixtures.lookups(plan.lookups)
    plan.add(Row("baseline (bare view by pk)", 16, plan.load(fixtures.baseline(20_000), 16)), say)
    plan.add(Row("baseline (bare view by pk)", 4, plan.load(fixtures.baseline(20_000), 4)), say)
    if plan.wants("lookup"):
        plan.add(Row("1 look-up", 16, plan.load(look, 16), target="≥2000/s, p99≤50ms"), say)
        plan.add(Row("1 look-up", 4, plan.load(look, 4), target="p99≤10ms"), say)
    if plan.wants("search"):
        _search(plan, say)
    if plan.wants("queue"):
        specialists = fixtures.tokens(Role.SPECIALIST, [busy])
        queue = [fixtures.queue_request(specialists, busy)]
        page = get_json(plan.base, queue[0].path, queue[0].header)
        row = Row("3 work queue (page of 50)", 16, plan.load(queue, 16), target="p99≤100ms")
        row.notes.append(f"{len(page['items'])} dossiers a page, {page['count']} in the queue")
        plan.add(row, say)
    if plan.wants("submission"):
        _submissions(plan, say, busy)
    if plan.wants("forward"):
        _forward(plan, say)
    if plan.wants("mine"):
        mine, count = fixtures.citizen_cookie()
        row = Row("6 my dossiers", 16, plan.load([mine], 16), target="p99≤100ms")
        plan.add(row, say).notes.append(f"citizen with {count} dossiers")
    if plan.wants("surge"):
        _surge(plan, say, look)


def _search(plan: Plan, say: Any) -> None:
    pairs = fixtures.query_pairs()
    same, misses = fixtures.recall(pairs, lambda path: get_json(plan.base, path))
    plan.extra["recall"] = {"pairs": len(pairs), "same_first_result": same, "misses": misses}
    row = Row("2 catalog search (no accents)", 4, plan.load(fixtures.searches(pairs), 4))
    row.target = "≥1000/s, p99≤20ms, recall 100%"
    row.notes.append(f"recall {same}/{len(pairs)} pairs ({100 * same / len(pairs):.0f}%)")
    plan.add(row, say)


def _submissions(plan: Plan, say: Any, busy: Agency) -> None:
    submission = fixtures.submission()
    plan.extra["submission_tokens"] = submission.tokens
    spread = submission.requests(submission.agencies)
    row = Row("4 submission, across agencies", 16, plan.load(spread, 16), ok=(201,))
    plan.add(row, say).target = "≥500/s, p99≤100ms, 0 errors"
    one = submission.requests([busy])
    row = Row("4 submission, one agency", 16, plan.load(one, 16), ok=(201,))
    plan.add(row, say).target = "≥300/s, p99≤100ms, 0 errors"
    checks.settle()
    problems = checks.codes_gapless(timezone.localdate())
    plan.extra["codes_gapless_problems"] = problems
    row.notes.append("codes unique and gapless" if not problems else f"CODES: {problems[:3]}")


def _forward(plan: Plan, say: Any) -> None:
    clerks = fixtures.tokens(Role.CLERK, list(Agency.objects.all()))
    per_second = 1500
    limit = int((plan.warmup + plan.seconds) * per_second) + 100
    requests, before = fixtures.forward_pool(clerks, limit=limit)
    warm_up, measured = split_pool(requests, plan.warmup, per_second)
    warm_load = plan.warm(warm_up, 16, mode="once") if warm_up else None
    warmed = warm_load.count(200) if warm_load else 0
    load = plan.load(measured, 16, mode="once", warm=False)
    row = Row("5 workflow action (forward)", 16, load, target="≥500/s, 0 lost updates")
    checks.settle()
    problems = checks.no_lost_updates(before, warmed + load.count(200))
    plan.extra["lost_update_problems"] = problems
    used = load.requests
    row.notes.append(
        f"pool {len(requests)}, used {used} (+{warm_load.requests if warm_load else 0} to warm up)"
    )
    row.notes.append("0 lost updates" if not problems else f"LOST: {problems}")
    plan.add(row, say)


def split_pool(
    requests: list[Request], warmup: float, per_second: int
) -> tuple[list[Request], list[Request]]:
    """Each dossier is forwarded once with the version it had: the warm-up takes the head
    of the pool, never more than half, and the measured load the rest; the answers of
    both count in the lost-update check."""
    head = min(int(warmup * per_second), len(requests) // 2) if warmup > 0 else 0
    return requests[:head], requests[head:]


def _surge(plan: Plan, say: Any, look: list[Request]) -> None:
    normal = plan.load(look, 4, seconds=3, profile=False)
    load = plan.load(look, 256, seconds=plan.surge_seconds, warm=False)
    row = Row("8 surge on look-up", 256, load, ok=(200, 503))
    row.target = "200 or 503+Retry-After, p99≤1s, recover≤10s"
    shed = load.statuses.get("503", 0)
    row.notes.append(f"{shed} shed with 503")
    ended = time.monotonic()
    recovered = None
    while time.monotonic() - ended < 30:
        window = plan.load(look, 4, seconds=1, warm=False, profile=False, settle=False)
        good = window.count(200) == window.requests and window.requests > 0
        if good and window.p99_ms <= max(2 * normal.p99_ms, 20):
            recovered = time.monotonic() - ended
            break
    plan.extra["surge_recovery_s"] = recovered
    row.notes.append(
        f"recovered in {recovered:.1f} s" if recovered is not None else "NOT recovered in 30 s"
    )
    plan.add(row, say)
