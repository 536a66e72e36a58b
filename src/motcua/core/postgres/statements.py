"""How long a statement may be for psycopg to keep its parsed text between runs.

Before it sends a statement, psycopg finds the ``%s`` placeholders in its text and
numbers them for the server. It keeps the result for the last 128 statements it saw, but
only for those of at most 4,096 bytes and 50 parameters: past that it guesses an ORM's
statement with a varying number of rows, which would only crowd the cache. motcua's
busiest statements are past it and the same every time: the rows a reception writes
together (``motcua.core.together``, 144 parameters), a step's (59), and a dossier's
claim, a read of nine tables (6,202 bytes). Each run parsed them again: 0.26 ms of the
7 ms of CPU a reception costs its worker on the bench machine, 0.13 ms of a step's.

The limits are raised to what those statements need with room to spare. The cache
stays 128 statements long, so the memory it can hold stays small (a few megabytes at
most); a burst of one-off statements only sends the busy ones through a parse again.
"""

from __future__ import annotations

from psycopg import _queries

STATEMENT_BYTES_KEPT = 16_384
STATEMENT_PARAMETERS_KEPT = 500


def keep_long_statements() -> None:
    """Let psycopg keep its parse of statements up to the limits above (never lower)."""
    # psycopg reads these module globals at every conversion (psycopg/_queries.py).
    _queries.MAX_CACHED_STATEMENT_LENGTH = max(
        _queries.MAX_CACHED_STATEMENT_LENGTH, STATEMENT_BYTES_KEPT
    )
    _queries.MAX_CACHED_STATEMENT_PARAMS = max(
        _queries.MAX_CACHED_STATEMENT_PARAMS, STATEMENT_PARAMETERS_KEPT
    )
