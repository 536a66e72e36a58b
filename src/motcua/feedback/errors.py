"""Why a rating was refused. Each error carries the HTTP status the API answers with and a
message naming the field, in the language of the request; nothing has been saved when one
is raised."""

from __future__ import annotations


class FeedbackError(Exception):
    status_code = 400

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(FeedbackError):
    status_code = 422


class NotAllowed(FeedbackError):
    status_code = 403


class InvalidState(FeedbackError):
    """The dossier cannot be rated now: no result returned yet, or already rated."""

    status_code = 409
