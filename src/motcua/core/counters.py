"""Gapless counters: the next number of a sequence kept in a row with a ``last`` field.

Dossier codes and result numbers are both handed out this way. The row is created with
insert-or-ignore first (two clerks opening a new day race safely), then locked until the
caller's transaction commits; a rollback hands the number back, so there is never a gap
and never a number given twice, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction


def counter_next(model: type[models.Model], what: str, **key: Any) -> int:
    """Increment the ``model`` row identified by ``key`` and return its new ``last``.
    ``what`` names the sequence in the error raised outside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{what} must be taken inside the transaction that uses it")
    model._default_manager.bulk_create([model(**key, last=0)], ignore_conflicts=True)
    row: Any = model._default_manager.select_for_update().get(**key)
    row.last += 1
    row.save(update_fields=["last"])
    return int(row.last)
