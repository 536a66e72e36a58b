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

A value only the database can give, such as the next number of a gapless counter, can
go in the same statement (:func:`text_later`): the caller gets a stand-in text at once
and puts it wherever the value belongs (a column, a JSON document, a notice's body);
the statement computes the value first and writes it in the stand-in's place, and the
rows' instances get it once the statement is back. A counter's row then stays locked
from that one statement to the commit, instead of from its own statement, through the
Python that builds the change's rows, to the commit.

Elsewhere (SQLite) the block does nothing and each row is written at once. Ids are taken
when the change starts writing rather than at each insert, so two changes at once may
number their rows in the other order than they commit; nothing orders rows by id within
a millisecond.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg.types.json import Jsonb

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
    instances: tuple[models.Model, ...] = ()  # whose attributes may hold stand-ins


@dataclass
class _Late:
    token: str  # the stand-in
    sql: str  # a data-modifying statement whose RETURNING gives the text as ``v``
    params: list[Any]


# Stand-ins are wrapped in characters of Unicode's private use area, which no text a
# person types holds, and carry a random part, so no value can hold one by chance.
_MARK, _MARK_END = "\ue000", "\ue001"


@dataclass
class _Block:
    alias: str
    connection: BaseDatabaseWrapper
    ids: dict[type[models.Model], list[int]] = field(default_factory=dict)
    waiting: list[_Waiting] = field(default_factory=list)
    parameters: int = 0
    sending: bool = False
    lates: list[_Late] = field(default_factory=list)  # not sent yet
    known: dict[str, str] = field(default_factory=dict)  # stand-in → text, once sent

    def take_ids(self, model: type[models.Model], n: int) -> list[int] | None:
        pool = self.ids.get(model)
        if pool is None or len(pool) < n:
            return None
        taken, self.ids[model] = pool[:n], pool[n:]
        return taken

    def later(self, sql: str, params: list[Any]) -> str:
        if any(late.sql == sql and late.params == params for late in self.lates):
            self.send()  # one row changed twice in one statement is an error
        token = f"{_MARK}{secrets.token_hex(8)}{_MARK_END}"
        self.lates.append(_Late(token, sql, list(params)))
        return token

    def queue(self, waiting: _Waiting) -> None:
        if self.known:
            # Built from a stand-in whose text is back already.
            waiting.params = [_filled(p, self.known) for p in waiting.params]
            _fill_instances(waiting.instances, self.known)
        if waiting.key is not None and any(w.key == waiting.key for w in self.waiting):
            self.send()  # one row changed twice in one statement is undefined
        self.waiting.append(waiting)
        self.parameters += len(waiting.params)
        if self.parameters > ROWS_MAX_PARAMETERS:
            self.send()

    def send(self) -> None:
        if not (self.waiting or self.lates) or self.sending:
            return
        waiting, self.waiting, self.parameters = self.waiting, [], 0
        lates, self.lates = self.lates, []
        self.sending = True
        try:
            texts, counts = _send(self.connection, waiting, lates)
            for written, row in zip(counts, waiting, strict=True):
                if written != row.rows:
                    raise DatabaseError(f"{row.rows} rows sent, {written} written: {row.sql}")
        except BaseException:
            # Whoever catches this, the change cannot commit without these rows.
            transaction.set_rollback(True, self.alias)
            raise
        finally:
            self.sending = False
        if lates:
            self.known.update(zip((late.token for late in lates), texts, strict=True))
        for row in waiting:
            if self.known:
                _fill_instances(row.instances, self.known)
            row.done()

    def before_statement(
        self, execute: Any, sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if (self.waiting or self.lates) and not self.sending:
            if sql.startswith("ROLLBACK TO SAVEPOINT"):
                # Every savepoint sent what was waiting before it: what waits now was
                # asked for after the newest one, and is undone with it (a counter's
                # number is given back).
                self.waiting, self.parameters, self.lates = [], 0, []
            else:
                self.send()
        if self.known and not many and isinstance(params, list | tuple):
            params = [_filled(p, self.known) for p in params]
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


def text_later(sql: str, params: list[Any], using: str = DEFAULT_DB_ALIAS) -> str | None:
    """Inside a block on PostgreSQL, a stand-in for the text ``sql`` gives: ``sql`` is
    a data-modifying statement whose ``RETURNING`` names the text ``v`` (one row). It is
    sent at the head of the statement that writes the block's waiting rows, and wherever
    a waiting row's text or JSON value holds the stand-in, the text takes its place; the
    rows' instances get it when the statement is back, and statements sent after it have
    it in their parameters. The caller's own variables keep the stand-in: read the text
    back from an instance the block wrote (the reception reads ``dossier.code``). None
    outside a block: the caller runs ``sql`` itself."""
    block = block_for(using)
    return None if block is None else block.later(sql, params)


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


_COMBINED: dict[tuple[tuple[str, ...], tuple[str, ...]], str] = {}


def _send(
    connection: BaseDatabaseWrapper, waiting: list[_Waiting], lates: list[_Late]
) -> tuple[list[str], list[int]]:
    """Send the stand-ins' statements and the waiting rows; the stand-ins' texts and
    how many rows each clause wrote."""
    if len(waiting) == 1 and not lates:
        with connection.cursor() as cursor:
            cursor.execute(waiting[0].sql, waiting[0].params)
            return [], [len(cursor.fetchall())]
    params = [p for late in lates for p in late.params]
    texts: list[str] = []
    for row in waiting:
        text, values = _with_lates(row.sql, row.params, lates) if lates else (row.sql, row.params)
        texts.append(text)
        params += values
    key = (tuple(late.sql for late in lates), tuple(texts))
    sql = _COMBINED.get(key)
    if sql is None:
        clauses = [f"l{i} AS ({late.sql})" for i, late in enumerate(lates)]
        clauses += [f"w{i} AS ({text})" for i, text in enumerate(texts)]
        values = [f"(SELECT v FROM l{i})" for i in range(len(lates))]  # noqa: S608
        values += [f"(SELECT count(*) FROM w{i})" for i in range(len(texts))]  # noqa: S608
        sql = f"WITH {', '.join(clauses)} SELECT {', '.join(values)}"
        if len(_COMBINED) < _STATEMENTS_KEPT:
            _COMBINED[key] = sql
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    n = len(lates)
    return [str(v) for v in row[:n]], [int(c) for c in row[n:]]


def _with_lates(sql: str, params: list[Any], lates: list[_Late]) -> tuple[str, list[Any]]:
    """A waiting row's statement with each value that holds stand-ins given their texts
    by the database: ``replace(value, stand-in, (SELECT v FROM lN))``, as text, or back
    to ``jsonb`` for a JSON value. ``core.rows`` writes every value as one ``%s``."""
    holding = [
        (i, [n for n, late in enumerate(lates) if _holds(p, late.token)])
        for i, p in enumerate(params)
    ]
    if not any(found for _i, found in holding):
        return sql, params
    parts = _parts(sql)
    if len(parts) != len(params) + 1:
        raise ValueError("a stand-in's value is in a statement not written by core.rows")
    text, values = [parts[0]], []
    for (i, found), value in zip(holding, params, strict=True):
        values.append(value)
        if not found:
            text.append("%s")
        elif isinstance(value, Jsonb):
            # In a JSON document the text goes in as JSON writes it inside a string.
            expression = "%s::text"
            for n in found:
                written = "substr(to_json(v)::text, 2, length(to_json(v)::text) - 2)"
                expression = f"replace({expression}, %s, (SELECT {written} FROM l{n}))"  # noqa: S608
                values.append(lates[n].token)
            text.append(f"({expression})::jsonb")
        else:
            expression = "%s::text"
            for n in found:
                expression = f"replace({expression}, %s, (SELECT v FROM l{n}))"  # noqa: S608
                values.append(lates[n].token)
            text.append(expression)
        text.append(parts[i + 1])
    return "".join(text), values


_PARTS: dict[str, list[str]] = {}


def _parts(sql: str) -> list[str]:
    parts = _PARTS.get(sql)
    if parts is None:
        parts = sql.split("%s")
        if len(_PARTS) < _STATEMENTS_KEPT:
            _PARTS[sql] = parts
    return parts


def _holds(value: Any, token: str) -> bool:
    """Whether a row's value, a text (``str`` or a subclass, as ``_filled`` takes it) or
    a JSON document, holds the stand-in."""
    if isinstance(value, Jsonb):
        return _json_holds(value.obj, token)
    return isinstance(value, str) and token in value


def _json_holds(value: Any, token: str) -> bool:
    if isinstance(value, str):
        return token in value
    if isinstance(value, dict):
        return any(_json_holds(k, token) or _json_holds(v, token) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_json_holds(v, token) for v in value)
    return False


def _filled(value: Any, known: Mapping[str, str]) -> Any:
    """``value`` (a text, or JSON as a ``Jsonb`` or as data) with each stand-in's text."""
    if isinstance(value, str):
        if _MARK in value:
            for token, text in known.items():
                value = value.replace(token, text)
        return value
    if isinstance(value, Jsonb):
        filled = _filled(value.obj, known)
        return value if filled is value.obj else Jsonb(filled, value.dumps)
    if isinstance(value, dict):
        pairs = [(_filled(k, known), _filled(v, known)) for k, v in value.items()]
        if all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items(), strict=True)):
            return value
        return type(value)(pairs)
    if isinstance(value, list | tuple):
        items = [_filled(v, known) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    return value


def _fill_instances(instances: tuple[models.Model, ...], known: Mapping[str, str]) -> None:
    """Give the rows' instances the stand-ins' texts, in place of the stand-ins."""
    for instance in instances:
        for name, value in instance.__dict__.items():
            if isinstance(value, str | dict | list):
                filled = _filled(value, known)
                if filled is not value:
                    instance.__dict__[name] = filled
