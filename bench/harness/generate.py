"""Fill the database with N dossiers over two years, on top of the demo installation.

PostgreSQL: dossier rows stream in through ``COPY`` (psycopg's ``cursor.copy``) with
foreign-key triggers off for the loading session and the secondary indexes rebuilt once
at the end; SQLite: ``executemany`` in big transactions. Events, checklist lines and
attachment metadata are then derived inside the database (``bench.harness.derived``),
and ``DossierCounter`` rows are written to match the codes handed out, so receptions
made afterwards continue each agency's day without a gap.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from bench.harness import derived
from bench.harness.dossier_rows import COLUMNS, TIME_COLUMNS, VN, RowMaker, instant_formatter
from bench.harness.world import build_world
from motcua.dossiers.models import Dossier, DossierCounter

CHUNK = 100_000
TABLES = [
    "dossiers_dossier",
    "dossiers_dossierevent",
    "dossiers_dossierdocument",
    "dossiers_attachment",
]


@dataclass
class Generated:
    dossiers: int
    seconds: float
    lookups: list[tuple[str, str]]


def generate(
    *, dossiers: int, seed: int = 20250701, communes_per_province: int = 10,
    say: Callable[[str], None] = print,
) -> Generated:  # fmt: skip
    started = time.monotonic()
    world = build_world(
        communes_per_province=communes_per_province, citizens=max(50, dossiers // 8), seed=seed
    )
    say(f"  world: {len(world.places)} agencies, {len(world.citizen_ids)} citizens")
    now = timezone.now()
    today = timezone.localdate(now)
    days = [today - timedelta(days=n) for n in range(729, -1, -1)]
    first_id = (Dossier.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    maker = RowMaker(world, now=now, first_id=first_id, seed=seed)
    # Continue the counters a previous run or real receptions left, never reuse a code.
    maker.tally.counters = {(c.agency_id, c.day): c.last for c in DossierCounter.objects.all()}
    documents = [
        (info.id, info.first_document[0], info.first_document[1])
        for infos in world.versions.values()
        for info in infos
        if info.first_document
    ]
    postgres = connection.vendor == "postgresql"
    with _deferred_indexes(postgres):
        with connection.cursor() as cursor:
            derived.prepare_documents(cursor, documents)
        rows = maker.rows(dossiers, days)
        low = first_id
        for size, payload in _ahead(_chunks(rows, postgres)):
            with transaction.atomic(), connection.cursor() as cursor:
                (_copy if postgres else _insert)(cursor, payload)
                derived.derive(cursor, low, low + size - 1)
            low += size
            say(f"  {low - first_id:>10,} dossiers  {time.monotonic() - started:6.0f} s")
    _counters(maker.tally.counters)
    _finish(postgres)
    seconds = time.monotonic() - started
    say(f"  generated {dossiers:,} dossiers in {seconds:.0f} s")
    return Generated(dossiers, seconds, maker.tally.lookups)


Chunk = tuple[int, Any]  # (rows, COPY text for PostgreSQL or the rows for SQLite)


def _chunks(rows: Iterator[tuple[object, ...]], postgres: bool) -> Iterator[Chunk]:
    fmt: Any = instant_formatter("+00")
    while chunk := list(islice(rows, CHUNK)):
        yield len(chunk), "".join(_text_lines(chunk, fmt)) if postgres else chunk


def _ahead(chunks: Iterator[Chunk]) -> Iterator[Chunk]:
    """Make the next chunk in a second thread while the database loads this one.

    Loading is mostly waiting on the server (COPY, then the derived ``INSERT … SELECT``),
    which releases the GIL, so making rows and loading them overlap on two cores. The
    row maker is only ever advanced by that one thread, in order, so its tallies (codes,
    counters, the look-up sample) are the same as without it."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        upcoming = pool.submit(next, chunks, None)
        while (current := upcoming.result()) is not None:
            upcoming = pool.submit(next, chunks, None)
            yield current


def _copy(cursor: Any, text: str) -> None:
    columns = ", ".join(COLUMNS)
    with cursor.cursor.copy(f"COPY dossiers_dossier ({columns}) FROM STDIN") as copy:
        copy.write(text)


def _text_lines(chunk: list[tuple[object, ...]], fmt: Any) -> Iterator[str]:
    for row in chunk:
        yield "\t".join(_text(n, v, fmt) for n, v in enumerate(row)) + "\n"


def _text(n: int, value: object, fmt: Any) -> str:
    if value is None:
        return "\\N"
    if n in TIME_COLUMNS:
        return str(fmt(value))
    if value is False:
        return "f"
    return str(value)


def _insert(cursor: Any, chunk: list[tuple[object, ...]]) -> None:
    fmt: Any = instant_formatter("")
    marks = ", ".join(["%s"] * len(COLUMNS))
    cursor.executemany(
        f"INSERT INTO dossiers_dossier ({', '.join(COLUMNS)}) VALUES ({marks})",
        [
            tuple(fmt(v) if n in TIME_COLUMNS and v is not None else v for n, v in enumerate(row))
            for row in chunk
        ],
    )


def _counters(counters: dict[tuple[int, date], int]) -> None:
    """Replace the counters with the generator's, which started from them."""
    with transaction.atomic():
        DossierCounter.objects.all().delete()
        DossierCounter.objects.bulk_create(
            (DossierCounter(agency_id=a, day=d, last=last) for (a, d), last in counters.items()),
            batch_size=10_000,
        )


class _deferred_indexes:
    """PostgreSQL: drop the secondary (non-constraint) indexes of the loaded tables and turn
    off foreign-key triggers for this session; rebuild the indexes on exit."""

    def __init__(self, postgres: bool) -> None:
        self.postgres = postgres
        self.saved: list[tuple[str, str]] = []

    def __enter__(self) -> None:
        if not self.postgres:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s)"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                " WHERE c.conindid = (quote_ident(i.indexname))::regclass)",
                [TABLES],
            )
            self.saved = list(cursor.fetchall())
            for name, _ in self.saved:
                cursor.execute(f'DROP INDEX "{name}"')
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("SET synchronous_commit = off")

    def __exit__(self, *exc: object) -> None:
        if not self.postgres:
            return
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _, definition in self.saved:
                cursor.execute(definition)


def _finish(postgres: bool) -> None:
    with connection.cursor() as cursor:
        if postgres:
            for table in TABLES:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
                # The dossiers are vacuumed as autovacuum would after a bulk load: the
                # work queue is read off an index alone only where the visibility map
                # marks the pages all-visible (the other tables are only analyzed). A
                # test's transaction cannot vacuum; it analyzes.
                vacuum = table == Dossier._meta.db_table and not connection.in_atomic_block
                cursor.execute(f"{'VACUUM (ANALYZE)' if vacuum else 'ANALYZE'} {table}")
            # The rest as autovacuum's analyze would have: the world's 600,000 citizens,
            # its agencies and units had no statistics where autovacuum is off, so the
            # planner guessed their sizes (40 agencies for 381, 132 units for 1,145).
            cursor.execute(
                "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.reltuples < 0"
            )
            for (unanalyzed,) in cursor.fetchall():
                cursor.execute(f'ANALYZE "{unanalyzed}"')
        else:
            cursor.execute("ANALYZE")


def vacuum_dossiers_for_autovacuum() -> float | None:
    """On a PostgreSQL with autovacuum off (as this bench's server may run), vacuum the
    dossier table as autovacuum would have after the last run's changes
    (``dossiers/migrations/0008``: after 1 % of the table changes; one run of the suite
    changes more). Without it the work queue read the heap for every id a reused
    database's earlier runs had touched. Returns the seconds it took, or None."""
    if not autovacuum_is_off():
        return None
    began = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {Dossier._meta.db_table}")
    return time.monotonic() - began


def autovacuum_is_off() -> bool:
    """A PostgreSQL under test that runs without autovacuum (as some development
    servers do): the harness then vacuums where autovacuum would have."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        return bool(cursor.fetchone()[0] != "on")


def local_now() -> datetime:
    return timezone.now().astimezone(VN)
