"""The statements a test captured, as the writes they stand for: on PostgreSQL the rows
one change writes go in one statement (``motcua.core.together``), and each of its
``WITH`` clauses is counted here as the statement it replaces."""

from __future__ import annotations

import re
from typing import Any

_CLAUSE = re.compile(r"(?:^|, )w\d+ AS \(")
_COUNTS = " SELECT (SELECT count(*) FROM w0)"


def sent(captured: list[dict[str, Any]]) -> list[str]:
    """Each captured statement, a statement written together split into its clauses."""
    out: list[str] = []
    for query in captured:
        sql = query["sql"]
        if sql.startswith("WITH w0 AS (") and _COUNTS in sql:
            body = sql[len("WITH ") : sql.index(_COUNTS)]
            out += [part[:-1] for part in _CLAUSE.split(body) if part]
        else:
            out.append(sql)
    return out
