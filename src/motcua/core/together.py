"""The rows one change writes, sent to PostgreSQL as one statement.

A change writes its rows one statement each: a reception the dossier, its checklist
lines, the audit row, the notice and the job rows; a step forward the dossier's update,
the audit row, the notice and its job. Each statement is a round trip, and while a
reception runs its agency's code counter stays locked: the round trips are most of that
hold, and under load each one also gives the interpreter's lock away to the worker's
other threads and waits to take it back.

Inside :func:`rows_together`, on PostgreSQL, ``motcua.core.rows`` does not send the
rows it is asked to write: it queues them, and the block sends them when it ends, as one
statement of data-modifying ``WITH`` clauses. The rows name each other by id (the lines
and the audit row their dossier, the notice its audit row, a job its notice), so ids the
database would give are taken first, all in one statement, from the tables' own
sequences (``reserve``). Keys are checked at commit (Django declares them deferrable),
so the order of the clauses does not matter.

What keeps it the same as writing each row at once:

- any other statement the connection sends while rows wait (a read, a lock, a counter,
  a savepoint) sends the waiting rows first, so nothing reads around them; rolling back
  to a savepoint drops the rows waiting since, as it would undo them;
- a row written twice, or a model without reserved ids, is sent at once, as before;
- every clause's rows are counted, and a count short of what was sent is an error, as
  an update of a row that is gone is for ``save()``;
- an error out of the block drops its waiting rows and marks the transaction for
  rollback, so it cannot commit without them.

Elsewhere (SQLite) the block does nothing and each row is written at once. Ids are taken
when the change starts writing rather than at each insert, so two changes at once may
number their rows in the other order than they commit; nothing orders rows by id within
a millisecond.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

ROWS_MAX_PARAMETERS = 30_000
"""Waiting rows are sent before their values pass this (PostgreSQL takes 65,535)."""

_STATEMENTS_KEPT = 256


@dataclass
class _Waiting:
    sql: str  # ends in RETURNING, so its rows can be counted
    params: list[Any]
    rows: int  # how many it must write
    done: Callable[[], None]  # what to do once written (signals)
    key: tuple[str, object] | None = None  # (table, id) of an update


@dataclass
class _Block:
    alias: str
    connection: BaseDatabaseWrapper
    ids: dict[type[models.Model], list[int]] = field(default_factory=dict)
    waiting: list[_Waiting] = field(default_factory=list)
    parameters: int = 0
    sending: bool = False

    def take_ids(self, model: type[models.Model], n: int) -> list[int] | None:
        pool = self.ids.get(model)
        if pool is None or len(pool) < n:
            return None
        taken, self.ids[model] = pool[:n], pool[n:]
        return taken

    def queue(self, waiting: _Waiting) -> None:
        if waiting.key is not None and any(w.key == waiting.key for w in self.waiting):
            self.send()  # one row changed twice in one statement is undefined
        self.waiting.append(waiting)
        self.parameters += len(waiting.params)
        if self.parameters > ROWS_MAX_PARAMETERS:
            self.send()

    def send(self) -> None:
        if not self.waiting or self.sending:
            return
        waiting, self.waiting, self.parameters = self.waiting, [], 0
        self.sending = True
        try:
            counts = _send(self.connection, waiting)
            for written, row in zip(counts, waiting, strict=True):
                if written != row.rows:
                    raise DatabaseError(f"{row.rows} rows sent, {written} written: {row.sql}")
        except BaseException:
            # Whoever catches this, the change cannot commit without these rows.
            transaction.set_rollback(True, self.alias)
            raise
        finally:
            self.sending = False
        for row in waiting:
            row.done()

    def before_statement(
        self, execute: Any, sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if self.waiting and not self.sending:
            if sql.startswith("ROLLBACK TO SAVEPOINT"):
                # Every savepoint sent the rows waiting before it: those waiting now were
                # written after the newest one, and are undone with it.
                self.waiting, self.parameters = [], 0
            else:
                self.send()
        return execute(sql, params, many, context)


_BLOCK: ContextVar[_Block | None] = ContextVar("motcua_rows_together", default=None)
_AHEAD: ContextVar[dict[tuple[str, type[models.Model]], list[int]] | None] = ContextVar(
    "motcua_rows_ids_ahead", default=None
)


def ids_taken_ahead(
    model: type[models.Model], ids: list[int], using: str = DEFAULT_DB_ALIAS
) -> None:
    """Keep ``ids`` of ``model``, taken from its sequence by a read that came first (a
    dossier's claim), for the next block on ``using``: its reservation then sends nothing
    for them. They replace any kept before and never used (a change refused after its
    claim): ids never used are skipped numbers, as a rolled-back insert's."""
    ahead = _AHEAD.get()
    if ahead is None:
        ahead = {}
        _AHEAD.set(ahead)
    ahead[using, model] = list(ids)


def sequence_of(model: type[models.Model], using: str = DEFAULT_DB_ALIAS) -> str:
    """The name of the sequence that numbers ``model``'s rows on ``using`` (PostgreSQL)."""
    return _sequence(connections[using], model)


def block_for(alias: str) -> _Block | None:
    """The block rows written to ``alias`` wait in now, if any."""
    block = _BLOCK.get()
    return block if block is not None and block.alias == alias else None


@contextmanager
def rows_together(
    reserve: Mapping[type[models.Model], int] | None = None, using: str = DEFAULT_DB_ALIAS
) -> Iterator[None]:
    """Write the rows ``motcua.core.rows`` is asked for inside the block in one statement
    at its end (see the module's note), with ``reserve`` ids taken first for each model
    the database numbers. Inside an open block, only takes the ids it lacks."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    if not transaction.get_connection(using).in_atomic_block:
        raise RuntimeError("rows are written together inside the caller's transaction")
    outer = _BLOCK.get()
    if outer is not None and outer.alias == using:
        _reserve(outer, reserve or {})
        yield
        return
    block = _Block(alias=using, connection=connection)
    _reserve(block, reserve or {})
    token = _BLOCK.set(block)
    try:
        with connection.execute_wrapper(block.before_statement):
            yield
            block.send()
    except BaseException:
        if block.waiting:
            # Its rows are dropped: the change must not commit without them.
            transaction.set_rollback(True, using)
        raise
    finally:
        _BLOCK.reset(token)


def _reserve(block: _Block, wanted: Mapping[type[models.Model], int]) -> None:
    ahead = _AHEAD.get()
    if ahead:
        for (alias, model), ids in list(ahead.items()):
            if alias == block.alias:
                block.ids.setdefault(model, []).extend(ids)
                del ahead[alias, model]
    lacking = {
        model: n - len(block.ids.get(model, []))
        for model, n in wanted.items()
        if n > len(block.ids.get(model, []))
    }
    if not lacking:
        return
    models_in_order = list(lacking)
    sql = " UNION ALL ".join(
        f"SELECT {i}, nextval(%s::regclass) FROM generate_series(1, %s)"  # noqa: S608
        for i in range(len(models_in_order))
    )
    params: list[Any] = []
    for model in models_in_order:
        params += [_sequence(block.connection, model), lacking[model]]
    with block.connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for i, model in enumerate(models_in_order):
        block.ids.setdefault(model, []).extend(sorted(pk for n, pk in rows if n == i))


_SEQUENCES: dict[tuple[str, type[models.Model]], str] = {}


def _sequence(connection: BaseDatabaseWrapper, model: type[models.Model]) -> str:
    """The sequence that numbers ``model``'s rows, looked up once per process."""
    key = (connection.alias, model)
    name = _SEQUENCES.get(key)
    if name is None:
        pk = model._meta.pk
        assert pk is not None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_get_serial_sequence(%s, %s)",
                [connection.ops.quote_name(model._meta.db_table), pk.column],
            )
            (name,) = cursor.fetchone()
        if name is None:
            raise TypeError(f"{model.__name__}'s ids are not numbered by a sequence")
        _SEQUENCES[key] = name
    return name


_COMBINED: dict[tuple[str, ...], str] = {}


def _send(connection: BaseDatabaseWrapper, waiting: list[_Waiting]) -> list[int]:
    """Send the waiting rows; how many each clause wrote."""
    params = [p for w in waiting for p in w.params]
    if len(waiting) == 1:
        with connection.cursor() as cursor:
            cursor.execute(waiting[0].sql, params)
            return [len(cursor.fetchall())]
    texts = tuple(w.sql for w in waiting)
    sql = _COMBINED.get(texts)
    if sql is None:
        clauses = ", ".join(f"w{i} AS ({text})" for i, text in enumerate(texts))
        counts = ", ".join(f"(SELECT count(*) FROM w{i})" for i in range(len(texts)))  # noqa: S608
        sql = f"WITH {clauses} SELECT {counts}"
        if len(_COMBINED) < _STATEMENTS_KEPT:
            _COMBINED[texts] = sql
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return [int(n) for n in row]
