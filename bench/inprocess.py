"""`python -m bench inprocess SCENARIO`: one scenario's request, in process, on the bench
database the suite generated: milliseconds, this process's CPU milliseconds and SQL
statements per request, the CPU milliseconds of its PostgreSQL backend (the server runs
on this machine), and with ``--pyinstrument`` where the time goes. On a machine
whose disk stalls, wall time swings with the page cache and the CPU figure does not.

No server, no load generator and no other thread: what is left is the CPU one request
costs in Django, the statements it sends and the database's share of it, so a change to
a request path can be judged on a machine too noisy for the HTTP figures. The requests
are the suite's own (``bench.harness.fixtures``); like the suite, ``submission`` and
``forward`` change the database (new dossiers, dossiers moved on a step).

    make bench BENCH_ARGS="inprocess forward"
    make bench BENCH_ARGS="inprocess submission --requests 500 --pyinstrument"
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.harness.loadgen import Request

SCENARIOS = (
    "lookup",
    "search",
    "queue",
    "submission",
    "submission-one-agency",
    "forward",
    "mine",
)
WARM = 20  # requests run first and not counted: statements prepared, caches filled


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench inprocess", description=__doc__)
    parser.add_argument("scenario", nargs="?", choices=(*SCENARIOS, "deep"))
    parser.add_argument("--requests", type=_positive, default=300)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/motcua_bench",
    )
    parser.add_argument(
        "--pyinstrument", action="store_true", help="print a call tree (its own cost is timed too)"
    )
    parser.add_argument(
        "--sql", action="store_true", help="first print the statements of one request, warmed"
    )
    args = parser.parse_args(sys.argv[1:])
    if args.scenario is None:
        print("Name a scenario to profile: " + ", ".join(SCENARIOS) + ", or deep")
        return 0
    _setup(args.database_url)
    if args.scenario == "deep":
        return deep_pages()
    extra = 1 if args.sql else 0  # the request whose statements are printed is not timed
    requests = requests_for(args.scenario, args.requests + WARM + extra)
    if len(requests) < WARM + extra + 1:
        print(f"Only {len(requests)} requests could be prepared; generate the database first")
        return 1
    call = caller()
    for request in requests[:WARM]:
        call(request)
    if args.sql:
        print_statements(call, requests[WARM])
    measured = requests[WARM + extra : WARM + extra + args.requests]
    with CounterHold() as hold:
        cost = measure(call, measured, tree=args.pyinstrument)
    database = (
        "" if cost.db_cpu_ms is None else f", {cost.db_cpu_ms:.2f} ms of its PostgreSQL backend's"
    )
    print(
        f"{args.scenario}: {len(measured)} requests, {cost.ms:.2f} ms each "
        f"({cost.cpu_ms:.2f} ms of this process's CPU{database}), "
        f"{cost.statements:.1f} SQL statements each"
    )
    if hold.held:
        held = sorted(hold.held)
        print(
            f"  an agency's code counter held from its increment to the commit: "
            f"median {held[len(held) // 2]:.2f} ms, p90 {held[len(held) * 9 // 10]:.2f} ms "
            f"({len(held)} receptions; the ceiling at one agency is 1000 / that per second)"
        )
    return 0


def print_statements(call: Callable[[Request], Any], request: Request, width: int = 200) -> None:
    """The statements one request sends, in order, each cut to ``width`` characters."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call(request)
    print(f"{request.method} {request.path}: {len(captured)} statements")
    for number, query in enumerate(captured.captured_queries, 1):
        sql = " ".join(query["sql"].split())
        print(f"  {number:2}. {sql[:width]}{'…' if len(sql) > width else ''}")


class CounterHold:
    """How long each request held an agency's code counter: from the statement that
    increments it (the row stays locked) to the commit. Receptions at one agency cannot
    go faster than one per hold."""

    def __init__(self) -> None:
        self.held: list[float] = []
        self._taken: float | None = None

    def __enter__(self) -> CounterHold:
        from django.db import connection

        from motcua.dossiers.models import DossierCounter

        table = DossierCounter._meta.db_table
        commit = connection._commit  # type: ignore[attr-defined]

        def take(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
            if self._taken is None and table in sql:
                self._taken = time.perf_counter()
            return execute(sql, *args)

        def committed(*args: Any) -> Any:
            result = commit(*args)
            if self._taken is not None:
                self.held.append((time.perf_counter() - self._taken) * 1000)
                self._taken = None
            return result

        self._restore = (connection, commit)
        setattr(connection, "_commit", committed)  # noqa: B010
        self._wrapper = connection.execute_wrapper(take)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._wrapper.__exit__(*exc)
        connection, commit = self._restore
        setattr(connection, "_commit", commit)  # noqa: B010


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _setup(database_url: str) -> None:
    """The server's own production settings (``bench_env``), for the test client."""
    import tempfile
    from pathlib import Path

    from bench.harness.server import bench_env

    os.environ.update(bench_env(database_url, Path(tempfile.mkdtemp(prefix="motcua-inprocess-"))))
    os.environ["MOTCUA_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


def requests_for(scenario: str, count: int) -> list[Request]:
    from bench.harness import fixtures
    from motcua.organizations.models import Agency, Role

    if scenario == "lookup":
        return fixtures.lookups(fixtures.lookup_sample()[:count])
    if scenario == "search":
        many = fixtures.searches(fixtures.query_pairs())
        return (many * (count // max(1, len(many)) + 1))[:count]
    if scenario == "mine":
        return [fixtures.citizen_cookie()[0]] * count
    if scenario == "queue":
        busy = Agency.objects.get(code=fixtures.BUSY_AGENCY)
        return [fixtures.queue_request(fixtures.tokens(Role.SPECIALIST, [busy]), busy)] * count
    if scenario.startswith("submission"):
        submission = fixtures.submission()
        one = scenario.endswith("one-agency")
        chosen = [Agency.objects.get(code=fixtures.BUSY_AGENCY)] if one else submission.agencies
        many = submission.requests(chosen)
        return (many * (count // max(1, len(many)) + 1))[:count]
    clerks = fixtures.tokens(Role.CLERK, list(Agency.objects.all()))
    return fixtures.forward_pool(clerks, limit=count)[0]


DEPTHS = (1_000, 10_000, 100_000)


def deep_pages(depths: tuple[int, ...] = DEPTHS, limit: int = 50, tries: int = 3) -> int:
    """The busiest ward's clerk reads the list at growing depths, by ``offset`` and by
    the ``after`` cursor of the row just above the same page (best of ``tries`` each);
    the two pages must be the same rows."""
    from bench.harness import fixtures
    from motcua.dossiers.cursor import Cursor
    from motcua.dossiers.models import Dossier
    from motcua.organizations.models import Agency, Role

    busy = Agency.objects.get(code=fixtures.BUSY_AGENCY)
    call = caller()
    header = fixtures.bearer(fixtures.tokens(Role.CLERK, [busy])[busy.pk])

    def best(path: str) -> tuple[float, list[int]]:
        timings, ids = [], []
        for _ in range(tries):
            started = time.perf_counter()
            body = call(Request("GET", path, header)).json()
            timings.append((time.perf_counter() - started) * 1000)
            ids = [item["id"] for item in body["items"]]
        return min(timings), ids

    print(f"{fixtures.BUSY_AGENCY}, page of {limit}, best of {tries}:")
    for depth in depths:
        by_offset, page = best(f"/api/v1/dossiers?limit={limit}&offset={depth}")
        above = best(f"/api/v1/dossiers?limit=1&offset={depth - 1}")[1]
        if not above:
            print(f"  depth {depth:>7,}: the list is shorter")
            break
        row = Dossier.objects.values("id", "submitted_at").get(pk=above[0])
        assert row["submitted_at"] is not None  # an official never sees a draft
        cursor = Cursor(row["submitted_at"], row["id"])
        by_cursor, same = best(f"/api/v1/dossiers?limit={limit}&after={cursor}")
        if same != page:
            raise SystemExit(f"depth {depth}: the cursor's page differs from the offset's")
        print(f"  depth {depth:>7,}: offset {by_offset:8.1f} ms   cursor {by_cursor:6.1f} ms")
    return 0


def caller() -> Callable[[Request], Any]:
    from django.test import Client

    client = Client()

    def call(request: Request) -> Any:
        extra: dict[str, Any] = {}
        if request.header:
            name, value = request.header.split(": ", 1)
            extra["HTTP_" + name.upper().replace("-", "_")] = value
        if request.method == "POST":
            response = client.post(
                request.path, request.body, content_type="application/json", **extra
            )
        else:
            response = client.get(request.path, **extra)
        if response.status_code not in (200, 201):
            raise SystemExit(f"{request.method} {request.path}: {response.status_code}")
        return response

    return call


@dataclass(frozen=True)
class Measured:
    """Per request: wall milliseconds, this process's CPU milliseconds (Django's own
    work, without the database server's or its disk's), SQL statements, and the CPU
    milliseconds of the PostgreSQL backend serving this process (None elsewhere)."""

    ms: float
    cpu_ms: float
    statements: float
    db_cpu_ms: float | None = None


def _backend_cpu() -> Callable[[], float] | None:
    """The CPU seconds used so far by the PostgreSQL backend of this process's
    connection, read from ``/proc`` (the server runs on this machine, as in the suite);
    None on SQLite or where ``/proc`` cannot tell."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    stat = Path(f"/proc/{pid}/stat")
    ticks = os.sysconf("SC_CLK_TCK")

    def used() -> float:
        # utime and stime, the 14th and 15th fields; the name before them may hold spaces.
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks

    try:
        used()
    except OSError:
        return None
    return used


def measure(
    call: Callable[[Request], Any], requests: list[Request], *, tree: bool = False
) -> Measured:
    """What ``requests``, run in turn, cost each (:class:`Measured`)."""
    from django.db import connection

    statements = 0

    def count(execute: Callable[..., Any], *args: Any) -> Any:
        nonlocal statements
        statements += 1
        return execute(*args)

    profiler = _profiler() if tree else None
    backend = _backend_cpu()
    db_started = backend() if backend else 0.0
    started, cpu_started = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(count):
        for request in requests:
            call(request)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    db_cpu = backend() - db_started if backend else None
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False))
    n = len(requests)
    return Measured(
        ms=elapsed / n * 1000,
        cpu_ms=cpu / n * 1000,
        statements=statements / n,
        db_cpu_ms=None if db_cpu is None else db_cpu / n * 1000,
    )


def _profiler() -> Any:
    try:
        from pyinstrument import Profiler
    except ImportError:
        raise SystemExit(
            "--pyinstrument needs pyinstrument: .venv/bin/pip install pyinstrument"
        ) from None
    profiler = Profiler(interval=0.0002)
    profiler.start()
    return profiler
