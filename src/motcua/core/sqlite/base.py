"""SQLite, as Django ships it, except that a transaction begins only once it is the
writer's turn (``gate.WriterGate``): every transaction here begins ``IMMEDIATE``, taking
SQLite's one writer lock, so the line decides who writes next instead of SQLite's busy
handler, and ``BEGIN`` then finds the lock free. Statements outside a transaction, and
other programs writing the file, still wait as SQLite makes them (``busy_timeout``)."""

from __future__ import annotations

import sqlite3
from typing import Any

from django.db.backends.sqlite3 import base as sqlite

from .gate import GateTimeout, WriterGate, gate_for

# SQLite's own answer when its wait ends: callers already know what to do with it.
LOCKED = "database is locked"


class DatabaseWrapper(sqlite.DatabaseWrapper):
    # The methods overridden here are Django's private ones, which django-stubs leaves out.
    _gate_held: WriterGate | None = None
    _gate_found: tuple[str, WriterGate | None] | None = None

    def _start_transaction_under_autocommit(self) -> None:
        gate = self._gate()
        if gate is None:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
            return
        with self.wrap_database_errors:
            try:
                gate.enter(float(self.settings_dict["OPTIONS"].get("timeout", 5)))
            except GateTimeout:
                raise sqlite3.OperationalError(LOCKED) from None
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            gate.leave()
            raise
        self._gate_held = gate

    def _commit(self) -> Any:
        result = super()._commit()  # type: ignore[misc]
        # A failed COMMIT keeps the turn: the rollback (or the close) that follows ends it.
        self._leave()
        return result

    def _rollback(self) -> Any:
        try:
            return super()._rollback()  # type: ignore[misc]
        finally:
            self._leave()

    def _close(self) -> Any:
        try:
            return super()._close()  # type: ignore[misc]
        finally:
            self._leave()

    def _leave(self) -> None:
        gate, self._gate_held = self._gate_held, None
        if gate is not None:
            gate.leave()

    def _gate(self) -> WriterGate | None:
        # Found once per database name (the test runner renames it), not at every BEGIN:
        # finding it resolves the file's real path.
        name = str(self.settings_dict["NAME"])
        if self._gate_found is None or self._gate_found[0] != name:
            mode = self.transaction_mode  # type: ignore[attr-defined]
            plain = mode not in ("IMMEDIATE", "EXCLUSIVE") or self.is_in_memory_db()
            self._gate_found = (name, None if plain else gate_for(name))
        return self._gate_found[1]
