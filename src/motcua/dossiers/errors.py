"""Why a dossier operation was refused. Each error carries the HTTP status the API answers
with and a message for the person who asked, in the language of their request (Vietnamese
unless they chose English); nothing has changed when one is raised (the service's
transaction rolls back)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.core.text import wait_phrase


class DossierError(DomainError):
    pass


class InvalidInput(DossierError):
    status_code = 422


class NotAllowed(DossierError):
    """The actor may not do this (role, agency, assignment)."""

    status_code = 403


class NotFound(DossierError):
    status_code = 404


class InvalidTransition(DossierError):
    """The dossier's state does not allow this action now."""

    status_code = 409


class StaleDossier(DossierError):
    """Someone changed the dossier since the caller read it."""

    status_code = 409

    def __init__(self, message: str = "", *, field: str = "expected_version") -> None:
        super().__init__(
            message
            or _(
                "Hồ sơ vừa được cập nhật (bởi người khác hoặc ở cửa sổ khác) sau khi bạn mở. "
                "Vui lòng tải lại hồ sơ rồi thực hiện lại."
            ),
            field=field,
        )


class RateLimited(DossierError):
    status_code = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            _("Bạn đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau %(wait)s.")
            % {"wait": wait_phrase(retry_after)}
        )
        self.retry_after = retry_after
