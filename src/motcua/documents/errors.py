"""Why a document operation was refused. Each error carries the HTTP status the API
answers with and a message naming the problem, in the language of the request that
met it; nothing has been saved when one is raised."""

from __future__ import annotations

from motcua.core.errors import DomainError


class DocumentError(DomainError):
    pass


class InvalidUpload(DocumentError):
    """The file is not what it claims to be, is too large, encrypted or unreadable."""

    status_code = 422


class InvalidTemplate(DocumentError):
    status_code = 422


class NotAllowed(DocumentError):
    status_code = 403


class NotFound(DocumentError):
    status_code = 404


class InvalidState(DocumentError):
    status_code = 409


class SigningFailed(DocumentError):
    """The key or certificate cannot sign: wrong passphrase, expired, revoked, missing."""

    status_code = 422
