"""Sessions in the database, as Django keeps them, read through SQL compiled once per
connection (``SESSION_ENGINE = "motcua.accounts.sessions"``).

Every request of a signed-in person reads its session row. Django builds and compiles
that query each time: about an eighth of the Python time of «Hồ sơ của tôi» under load
(bench/README.md). The row, its signed data and the expiry rule are Django's: an expired
row is not a session, and the key is then forgotten as Django forgets it."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone

from motcua.core.compiled import CompiledGet


def session_by_key(key: str) -> QuerySet[Session]:
    return Session.objects.filter(session_key=key).order_by()


_SESSION = CompiledGet("session_by_key", session_by_key)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        found = _SESSION.first(key) if key else None
        if found is None or found.expire_date <= timezone.now():
            self._session_key = None
            return None
        return found
