"""Gapless counters: the next number of a sequence kept in a row with a ``last`` field.

Dossier codes and result numbers are both handed out this way, by one statement:
``INSERT … ON CONFLICT (key) DO UPDATE SET last = last + 1 RETURNING last``. Two clerks
opening a new day race safely (the second one's insert turns into the update), and the
row stays locked until the caller's transaction commits, so a rollback hands the number
back: never a gap, never a number given twice, on SQLite (3.35 or newer) and PostgreSQL.
One round trip instead of three (insert-or-ignore, lock, update) matters because the
lock is held from this statement to the commit; :func:`counter_text` goes further and,
on PostgreSQL, sends the increment in the statement that writes the change's rows.
"""

from __future__ import annotations

from typing import Any

from django.db import connections, models, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from motcua.core.together import text_later


def counter_next(model: type[models.Model], what: str, **key: Any) -> int:
    """Increment the ``model`` row identified by ``key`` and return its new ``last``.
    ``key`` must name exactly the fields of one of the model's unique constraints.
    ``what`` names the sequence in the error raised outside a transaction."""
    sql, params, connection = _increment(model, what, key, "{last}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (value,) = cursor.fetchone()
    return int(value)


def counter_text(
    model: type[models.Model], what: str, *, prefix: str, digits: int, **key: Any
) -> str:
    """The next number as text: ``prefix``, then the number with zeros ahead up to
    ``digits`` digits (more digits when it needs them), as :func:`counter_next` counts.

    Inside ``motcua.core.together.rows_together`` on PostgreSQL, the text returned is a
    stand-in: the increment goes at the head of the statement that writes the block's
    rows, which get the text in its place (``together.text_later``). The row is then
    locked from that statement to the commit, not while the change builds its rows."""
    padded = f"CASE WHEN {{last}} < {10**digits} THEN lpad({{last}}::text, {digits}, '0') ELSE {{last}}::text END"  # noqa: E501
    sql, params, connection = _increment(model, what, key, f"%s::text || {padded} AS v")
    later = text_later(sql, [*params, prefix], using=connection.alias)
    if later is not None:
        return later
    return f"{prefix}{counter_next(model, what, **key):0{digits}d}"


def _increment(
    model: type[models.Model], what: str, key: dict[str, Any], returning: str
) -> tuple[str, list[Any], BaseDatabaseWrapper]:
    """The statement that increments the row, returning ``returning`` (in which
    ``{last}`` names the new value), its parameters and the connection it goes on."""
    alias = router.db_for_write(model)
    connection = connections[alias]
    if not transaction.get_connection(alias).in_atomic_block:
        raise RuntimeError(f"{what} must be taken inside the transaction that uses it")
    fields = [_field(model, name) for name in key]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    last = quote(_field(model, "last").column)
    params = [
        field.get_db_prep_value(value.pk if isinstance(value, models.Model) else value, connection)
        for field, value in zip(fields, key.values(), strict=True)
    ]
    # Only quoted names from the model's own metadata go into the text; values are bound.
    placeholders = ", ".join(["%s"] * len(fields))
    insert = f"INSERT INTO {table} ({columns}, {last}) VALUES ({placeholders}, 1)"  # noqa: S608
    update = f"ON CONFLICT ({columns}) DO UPDATE SET {last} = {table}.{last} + 1"
    sql = f"{insert} {update} RETURNING {returning.format(last=f'{table}.{last}')}"
    return sql, params, connection


def _field(model: type[models.Model], name: str) -> Any:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise TypeError(f"{model.__name__}.{name} is not a concrete field")
    return field
