"""`python -m bench suite`: the national-scale suite, end to end, in one command.

Ensures wrk (Debian package) and PostgreSQL, creates the throwaway database
``motcua_bench`` (or a SQLite file with ``--db sqlite``), migrates, loads the demo,
generates N dossiers, starts ``motcua serve`` (granian, DEBUG off, persistent connections
capped under the database's limit), runs the scenarios, prints the table and writes
``bench/results/<timestamp>.json``. See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_DOSSIERS = {"postgres": 5_000_000, "sqlite": 1_000_000}


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench suite", description=__doc__)
    p.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    p.add_argument(
        "--dossiers", type=int, help="default 5,000,000 (PostgreSQL), 1,000,000 (SQLite)"
    )
    p.add_argument("--duration", type=float, default=20, help="seconds per scenario (default 20)")
    p.add_argument("--surge", type=float, default=60, help="seconds of the 256-connection surge")
    p.add_argument(
        "--warmup",
        type=float,
        default=3,
        help="seconds of the same load before each steady scenario, not counted (default 3)",
    )
    p.add_argument("--connections", type=int, help="cap on app threads per worker")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="app server processes")
    p.add_argument("--jobs", type=int, default=100_000, help="no-op background jobs")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--reuse", action="store_true", help="keep the database already generated")
    p.add_argument(
        "--profile",
        action="store_true",
        help="record the workers with py-spy during each measured load (bench/results/profiles-*)",
    )
    p.add_argument(
        "--quick", action="store_true", help="10,000 dossiers, 3 s scenarios, 5 s surge, 2,000 jobs"
    )
    p.add_argument(
        "--only",
        type=_scenarios,
        default=[],
        help="comma-separated scenarios to run (the baseline always runs): " + ",".join(SCENARIOS),
    )
    args = p.parse_args(argv)
    if args.warmup < 0 or args.duration <= 0:
        p.error("--duration must be positive and --warmup zero or more")
    if args.quick:
        args.dossiers = args.dossiers or 10_000
        args.duration, args.surge, args.jobs, args.warmup = 3, 5, 2_000, 0
    args.dossiers = args.dossiers or DEFAULT_DOSSIERS[args.db]
    return args


SCENARIOS = ("lookup", "search", "queue", "submission", "forward", "mine", "surge", "jobs")


def _scenarios(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown scenario {', '.join(unknown) or text!r}; choose from {', '.join(SCENARIOS)}"
        )
    return names


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("Installing wrk from Debian (apt-get)...", flush=True)
    try:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    except (OSError, subprocess.CalledProcessError):
        print("wrk could not be installed: using the Python load generator (slower).")


def main() -> int:
    args = parse(sys.argv[1:])
    ensure_wrk()
    from bench.harness.server import (
        bench_env,
        postgres_connection_budget,
        postgres_ready,
        postgres_recreate,
    )

    work = Path(tempfile.mkdtemp(prefix="motcua-bench-"))
    threads = args.connections or 8
    if args.db == "postgres":
        postgres_ready()
        url = "postgres://postgres@127.0.0.1:5432/motcua_bench"
        if not args.reuse:
            postgres_recreate("motcua_bench")
        # App threads hold one persistent connection each; the 4 job workers and this
        # process need theirs too. Never more than the server allows.
        budget = postgres_connection_budget() - 6
        threads = max(1, min(threads, budget // args.workers))
    else:
        db = Path(tempfile.gettempdir()) / "motcua-bench.sqlite3"
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{db}"
    env = bench_env(url, work / "data")
    os.environ.update(env)
    import django

    django.setup()
    from bench.harness.run import run_suite

    return run_suite(args, env=env, work=work, threads=threads)


if __name__ == "__main__":
    sys.exit(main())
