"""Public look-up by code and a second secret (or the applicant's phone number).

Answers status, step and dates only. An unknown code and a wrong secret are the same
``None`` to the caller, and wrong guesses are rate-limited per client address through
the cache, so codes cannot be enumerated.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from motcua.core import ratelimit
from motcua.dossiers.errors import RateLimited
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.services.codes import secret_generate

FAILURE_LIMIT = int(getattr(settings, "LOOKUP_FAILURE_LIMIT", 10))
WINDOW_SECONDS = int(getattr(settings, "LOOKUP_WINDOW_SECONDS", 15 * 60))
# Compared against when the code is unknown, so both answers take the same path.
_DUMMY = Dossier(lookup_secret=secret_generate(), applicant_phone="")


@dataclass(frozen=True)
class LookupResult:
    code: str
    status: int
    status_label: str
    step: str
    received_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None


LOOKUP_FAILURES = ratelimit.Limit("dossier-lookup", FAILURE_LIMIT, WINDOW_SECONDS)


def dossier_lookup(*, code: str, secret: str, client: str) -> LookupResult | None:
    wait = ratelimit.blocked(LOOKUP_FAILURES, client)
    if wait:
        raise RateLimited(retry_after=wait)
    dossier = (
        Dossier.objects.select_related("current_step")
        .filter(code=code.strip())
        .exclude(status=Status.DRAFT)
        .first()
    )
    if not _matches(dossier or _DUMMY, secret) or dossier is None:
        ratelimit.hit(LOOKUP_FAILURES, client)
        return None
    return LookupResult(
        code=dossier.code or "",
        status=dossier.status,
        status_label=dossier.status_label,
        step=dossier.current_step.name if dossier.current_step else "",
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        finished_at=dossier.finished_at,
    )


def _matches(dossier: Dossier, secret: str) -> bool:
    given = secret.strip().upper()
    by_secret = bool(dossier.lookup_secret) and hmac.compare_digest(
        given.encode(), dossier.lookup_secret.encode()
    )
    digits = re.sub(r"\D", "", secret)
    phone = re.sub(r"\D", "", dossier.applicant_phone)
    by_phone = len(phone) >= 9 and hmac.compare_digest(digits.encode(), phone.encode())
    return by_secret or by_phone
