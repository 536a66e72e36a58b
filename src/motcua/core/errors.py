"""The base of every refusal a domain service raises.

Each carries the HTTP status the API answers with, a message for the person who asked
(translated when raised, so in the language of their request), and the field at fault
when there is one; nothing has been saved when one is raised (the service's transaction
rolls back).
"""

from __future__ import annotations


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
