"""The statements a test captured, as the writes they stand for: on PostgreSQL the rows
one change writes go in one statement (``motcua.core.together``), and each of its
``WITH`` clauses is counted here as the statement it replaces (a counter's increment
sent with them, ``lN``, included)."""

from __future__ import annotations

import re
from typing import Any

_CLAUSE = re.compile(r"(?:^|, )[lw]\d+ AS \(")
_RESULTS = re.compile(r" SELECT \(SELECT (?:v FROM l0|count\(\*\) FROM w0)\)")


def sent(captured: list[dict[str, Any]]) -> list[str]:
    """Each captured statement, a statement written together split into its clauses."""
    out: list[str] = []
    for query in captured:
        sql = query["sql"]
        results = _RESULTS.search(sql) if sql.startswith(("WITH w0 AS (", "WITH l0 AS (")) else None
        if results is not None:
            body = sql[len("WITH ") : results.start()]
            out += [part[:-1] for part in _CLAUSE.split(body) if part]
        else:
            out.append(sql)
    return out
