"""Insert a row unless one with the same unique key exists, in one statement.

``INSERT … ON CONFLICT (key) DO NOTHING RETURNING id``: a duplicate is skipped without
an error, so the caller's transaction goes on without a savepoint around the insert
(two more round trips, both inside the caller's transaction and any lock it holds).
SQLite 3.35 or newer and PostgreSQL, as for ``motcua.core.counters``.
"""

from __future__ import annotations

from django.db import connections, models, router, transaction


def insert_unless_taken(instance: models.Model, key: str) -> bool:
    """Save the new ``instance`` unless a row already holds its ``key`` (a field with a
    unique constraint); True when it was inserted (its primary key is then set). Field
    defaults and ``auto_now_add`` apply as in ``save()``; ``save()`` signals are not sent.
    """
    model = type(instance)
    alias = router.db_for_write(model)
    connection = connections[alias]
    if not transaction.get_connection(alias).in_atomic_block:
        raise RuntimeError("insert_unless_taken runs inside the caller's transaction")
    meta = model._meta
    unique = meta.get_field(key)
    if not isinstance(unique, models.Field) or not unique.unique:
        raise TypeError(f"{model.__name__}.{key} is not a unique field")
    pk = meta.pk
    assert pk is not None
    fields = [f for f in meta.concrete_fields if f is not pk]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    params = [f.get_db_prep_save(f.pre_save(instance, add=True), connection) for f in fields]
    placeholders = ", ".join(["%s"] * len(fields))
    # Only quoted names from the model's own metadata go into the text; values are bound.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders}) "  # noqa: S608
        f"ON CONFLICT ({quote(unique.column)}) DO NOTHING RETURNING {quote(pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    instance.pk = row[0]
    instance._state.adding = False
    instance._state.db = alias
    return True
