"""One run of the suite, once Django is set up on the bench database."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection

from bench.harness import fixtures, report
from bench.harness.generate import generate, vacuum_dossiers_for_autovacuum
from bench.harness.jobs import JobsResult, run_jobs
from bench.harness.scenarios import Plan, run_all
from bench.harness.server import Server

# Seconds between loads, for the server to finish the last one's requests (``Plan.settle``).
SETTLE = 1.0


def say(text: str) -> None:
    print(text, flush=True)


def prepare(args: argparse.Namespace, work: Path) -> tuple[list[tuple[str, str]], float | None]:
    # One sample per database: the SQLite and PostgreSQL runs used to share a file, and a
    # reused PostgreSQL database was then looked up with SQLite's codes (all 404, then 429).
    name = Path(str(connection.settings_dict["NAME"])).name
    sample = Path("/tmp") / f"motcua-bench-lookups-{connection.vendor}-{name}.json"
    call_command("migrate", verbosity=0, interactive=False)  # a reused database too
    if args.reuse:
        pairs = _sample_file(sample) or fixtures.lookup_sample()
        if pairs:
            sample.write_text(json.dumps(pairs))
            return pairs, None
    say("Loading the demo installation...")
    call_command("load_demo", verbosity=0)
    say(f"Generating {args.dossiers:,} dossiers ({connection.vendor})...")
    made = generate(dossiers=args.dossiers, say=say)
    sample.write_text(json.dumps(made.lookups))
    return made.lookups, made.seconds


def _sample_file(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    return [(str(code), str(secret)) for code, secret in json.loads(path.read_text())]


def run_suite(args: argparse.Namespace, *, env: dict[str, str], work: Path, threads: int) -> int:
    lookups, generated_s = prepare(args, work)
    vacuumed_s = vacuum_dossiers_for_autovacuum() if generated_s is None else None
    if vacuumed_s is not None:
        say(f"Autovacuum is off on this server: vacuumed the dossier table ({vacuumed_s:.1f} s)")
    log = work / "server.log"
    server = Server(env, port=args.port, workers=args.workers, threads=threads, log=log)
    say(f"Starting motcua serve: {args.workers} workers × {threads} threads (log {log})")
    server.start()
    plan = Plan(
        server.base,
        args.duration,
        args.surge,
        work,
        lookups,
        only=frozenset(args.only),
        warmup=args.warmup,
        settle=0 if args.quick else SETTLE,
    )
    if args.profile and server.process is not None:
        plan.profile_pid = server.process.pid
        plan.profile_dir = report.RESULTS / f"profiles-{datetime.now():%Y%m%d-%H%M%S}"
        plan.profile_dir.mkdir(parents=True)
        say(f"Profiling the workers with py-spy into {plan.profile_dir}")
    rss: list[float] = []
    try:
        run_all(plan, say)
        rss = server.worker_rss_mb()
    finally:
        server.stop()
    locked = log.read_text(errors="replace").count("database is locked")
    jobs: JobsResult | None = None
    if plan.wants("jobs"):
        say(f"Background jobs: {args.jobs:,} no-op jobs, 4 workers...")
        jobs = run_jobs(jobs=args.jobs, workers=4, env=env, workdir=work)
    summary: dict[str, Any] = {
        "command": f"python -m bench suite {' '.join(_argv(args))}",
        "db": args.db,
        "dossiers": args.dossiers,
        "generate_seconds": generated_s,
        "dossiers_vacuumed_s": vacuumed_s,
        "workers": args.workers,
        "threads": threads,
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "database_is_locked": locked,
        "worker_rss_mb": rss,
        **plan.extra,
    }
    summary.pop("submission_tokens", None)
    text = report.table(plan.rows, jobs, rss)
    say("\n" + text)
    recall = plan.extra.get("recall", {})
    say(
        f"\nrecall: {recall.get('same_first_result')}/{recall.get('pairs')} pairs same first result"
    )
    for miss in recall.get("misses", [])[:10]:
        say(f"  miss {miss}")
    say(f"'database is locked' in the server log: {locked}")
    path = report.save(summary, plan.rows, jobs)
    say(f"Results: {path}")
    failed = bool(
        plan.extra.get("codes_gapless_problems") or plan.extra.get("lost_update_problems")
    )
    return 1 if failed or (jobs and jobs.problems) or locked else 0


def _argv(args: argparse.Namespace) -> list[str]:
    return [
        f"--db {args.db}", f"--dossiers {args.dossiers}", f"--duration {args.duration:g}",
        f"--warmup {args.warmup:g}", f"--surge {args.surge:g}", f"--jobs {args.jobs}",
    ] + ([f"--only {','.join(args.only)}"] if args.only else []) + (
        ["--profile"] if args.profile else []
    )  # fmt: skip
