"""`python -m bench rows`: what ``motcua.core.rows`` saves over the ORM's own writes, on
the rows every reception and action writes, measured in this one process.

Each case writes the same row(s) both ways, alternately, inside a savepoint that is
rolled back (nothing stays), and times only the write: this process's CPU milliseconds
per write and the ratio. The database is the bench database the suite generated (or any
migrated one with a dossier); its own CPU is not counted.

    make bench BENCH_ARGS="rows"
    make bench BENCH_ARGS="rows --writes 1000 --database-url sqlite:///var/motcua.sqlite3"
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

ROUNDS = 3


@dataclass(frozen=True)
class Case:
    name: str
    orm_ms: float
    rows_ms: float

    @property
    def ratio(self) -> float:
        return self.rows_ms / self.orm_ms if self.orm_ms else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench rows", description=__doc__)
    parser.add_argument("--writes", type=int, default=300, help="writes per way per round")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/motcua_bench",
    )
    args = parser.parse_args(sys.argv[1:])
    if args.writes < 1:
        parser.error("--writes must be at least 1")
    from bench.inprocess import _setup

    _setup(args.database_url)
    from django.db import DatabaseError

    from motcua.dossiers.models import Dossier

    try:
        dossier = Dossier.objects.exclude(code=None).order_by("-id").first()
    except DatabaseError as exc:
        print(f"Cannot read {args.database_url}: {exc}".strip())
        print("Generate the bench database first (make bench), or name one with --database-url")
        return 1
    if dossier is None:
        print("No dossier to write beside; generate the database first (make bench)")
        return 1
    cases = compare(dossier, args.writes)
    print(f"{'write':<52} {'ORM ms':>8} {'rows ms':>8} {'ratio':>6}")
    for case in cases:
        print(f"{case.name:<52} {case.orm_ms:>8.3f} {case.rows_ms:>8.3f} {case.ratio:>6.2f}")
    return 0


def compare(dossier: Any, writes: int, rounds: int = ROUNDS) -> list[Case]:
    """Each case's CPU milliseconds per write, the ORM's way and core.rows' way: the best
    of ``rounds`` alternations (the least disturbed by the rest of the machine)."""
    from django.db import transaction

    found = []
    for name, orm, ours in _cases(dossier):
        best = [float("inf"), float("inf")]
        with transaction.atomic():
            for _ in range(rounds):
                for side, write in enumerate((orm, ours)):
                    best[side] = min(best[side], _per_write(write, writes))
            transaction.set_rollback(True)
        found.append(Case(name, best[0], best[1]))
    return found


def _per_write(write: Callable[[], Callable[[], object]], writes: int) -> float:
    from django.db import transaction

    spent = 0.0
    for _ in range(writes):
        point = transaction.savepoint()
        run = write()  # building the instances is not timed: both ways need them
        started = time.process_time()
        run()
        spent += time.process_time() - started
        transaction.savepoint_rollback(point)
    return spent / writes * 1000


def _cases(dossier: Any) -> list[tuple[str, Any, Any]]:
    from django.utils import timezone

    from motcua.catalog.models import RequiredDocument
    from motcua.core.rows import insert_all, insert_new, save_fields
    from motcua.dossiers.models import DossierDocument, DossierEvent

    taken = dossier.documents.values("required_document_id")
    required = list(RequiredDocument.objects.exclude(pk__in=taken).order_by("id")[:5])

    def lines() -> list[DossierDocument]:
        return [
            DossierDocument(dossier=dossier, required_document=r, name=r.name, provision="upload")
            for r in required
        ]

    def event() -> DossierEvent:
        return DossierEvent(
            dossier=dossier,
            at=timezone.now(),
            action="forward",
            from_status=dossier.status,
            to_status=dossier.status,
            record_version=dossier.version,
        )

    step_fields = ["current_step_started_at", "current_step_due_at", "assignee", "version"]
    return [
        (
            f"{len(required)} checklist lines: bulk_create / insert_all",
            lambda: partial(DossierDocument.objects.bulk_create, lines()),
            lambda: partial(insert_all, lines()),
        ),
        (
            "audit row: save() / insert_new",
            lambda: event().save,
            lambda: partial(insert_new, event()),
        ),
        (
            "dossier's step: save(update_fields) / save_fields",
            lambda: lambda: dossier.save(update_fields=step_fields),
            lambda: lambda: save_fields(dossier, step_fields),
        ),
    ]
