"""Who and what the scenarios use: bearer tokens, a citizen's session, the request lists.

Everything goes through the project's own services (``api_token_create``) or reads; the
only shortcut is Django's ``force_login`` for the citizen's session cookie.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.db import connection
from django.db.models import Count
from django.test import Client

from bench.harness.loadgen import Request
from motcua.accounts.models import User
from motcua.catalog.models import Procedure, RequiredDocument
from motcua.core.demo import COMMUNE_CODES
from motcua.core.text import fold
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.services.tokens import api_token_create
from motcua.organizations.models import Agency, Role, StaffRole, Unit

SUBMIT_PROCEDURE = "1.004873"  # marital status certificate: a short, common declaration
BUSY_AGENCY = COMMUNE_CODES[0]  # Phường Hoàn Kiếm: the busiest desk of the generated data


def tokens(role: str, agencies: list[Agency]) -> dict[int, str]:
    """One bearer token per agency for its first official holding ``role``."""
    found: dict[int, str] = {}
    holders = StaffRole.objects.filter(role=role, agency__in=agencies).select_related(
        "user", "agency"
    )
    for staff_role in holders.order_by("agency_id", "id"):
        if staff_role.agency_id in found:
            continue
        _, raw = api_token_create(
            user=staff_role.user, agency=staff_role.agency, name="bench", actor=staff_role.user
        )
        found[staff_role.agency_id] = raw
    return found


def bearer(token: str) -> str:
    return f"Authorization: Bearer {token}"


def lookups(pairs: list[tuple[str, str]]) -> list[Request]:
    return [
        Request("POST", "/api/v1/lookup", body=json.dumps({"code": c, "secret": s}))
        for c, s in pairs
    ]


SAMPLE_SIZE = 100_000


def lookup_sample() -> list[tuple[str, str]]:
    """(code, secret) pairs read back from a reused database, spread over its ids."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM dossiers_dossier")
        (top,) = cursor.fetchone()
        step = max(1, top // SAMPLE_SIZE)
        cursor.execute(
            "SELECT code, lookup_secret FROM dossiers_dossier"
            " WHERE id %% %s = 0 AND code IS NOT NULL AND lookup_secret <> '' LIMIT %s",
            [step, SAMPLE_SIZE],
        )
        return [(str(code), str(secret)) for code, secret in cursor.fetchall()]


def baseline(count: int) -> list[Request]:
    top = Dossier.objects.order_by("-id").values_list("id", flat=True).first() or 1
    rng = random.Random(7)
    return [Request("GET", f"/bench/baseline/{rng.randrange(1, top + 1)}") for _ in range(count)]


def query_pairs() -> list[tuple[str, str]]:
    """Accented queries cut from the catalog's names, each with its accent-free twin
    (``đ`` becomes ``d``); at least fifty, many with ``đ``."""
    pairs: list[tuple[str, str]] = []
    for name in Procedure.objects.order_by("code").values_list("name", flat=True):
        words = name.lower().replace(",", " ").split()
        for cut in (words[:3], words[-3:], words[1:4]):
            accented = " ".join(cut)
            if fold(accented) != accented and (accented, fold(accented)) not in pairs:
                pairs.append((accented, fold(accented)))
    return pairs


def searches(pairs: list[tuple[str, str]]) -> list[Request]:
    return [Request("GET", f"/api/v1/procedures?q={quote(plain)}") for _, plain in pairs]


def recall(pairs: list[tuple[str, str]], get_json: Callable[[str], Any]) -> tuple[int, list[str]]:
    """How many pairs find the same first procedure with and without accents."""
    same, misses = 0, []
    for accented, plain in pairs:
        first = [_first(get_json(f"/api/v1/procedures?q={quote(q)}")) for q in (accented, plain)]
        if first[0] is not None and first[0] == first[1]:
            same += 1
        else:
            misses.append(f"{accented!r}: {first[0]} / {plain!r}: {first[1]}")
    return same, misses


def _first(answer: dict[str, Any]) -> str | None:
    items = answer.get("items") or []
    return str(items[0]["code"]) if items else None


@dataclass
class Submission:
    agencies: list[Agency]
    tokens: dict[int, str]
    body: dict[str, Any]

    def requests(self, agencies: list[Agency]) -> list[Request]:
        out = []
        for n, agency in enumerate(agencies * max(1, 200 // max(1, len(agencies)))):
            body = dict(self.body, agency=agency.code)
            body["applicant"] = dict(self.body["applicant"], name=f"Người nộp {n}")
            out.append(
                Request(
                    "POST", "/api/v1/dossiers", bearer(self.tokens[agency.pk]), json.dumps(body)
                )
            )
        return out


def submission() -> Submission:
    """Counter intake by each commune's clerk: a valid declaration, every document shown
    at the desk (no files), so the code is given at once."""
    procedure = Procedure.objects.get(code=SUBMIT_PROCEDURE)
    agencies = list(procedure.agencies.filter(level=Agency.Level.COMMUNE).order_by("id"))
    documents = RequiredDocument.objects.filter(
        version__procedure=procedure, version__published_at__isnull=False
    )
    codes = sorted(set(documents.values_list("code", flat=True)))
    body = {
        "procedure": SUBMIT_PROCEDURE,
        "channel": 1,
        "applicant": {
            "name": "Người nộp",
            "identity_number": "001090001234",
            "phone": "0912345678",
        },
        "declaration": {
            "full_name": "NGUYỄN VĂN AN",
            "identity_number": "001090001234",
            "phone": "0912345678",
            "purpose": "Để kết hôn",
        },
        "documents": [{"code": c, "provision": "counter", "originals": 1} for c in codes],
    }
    return Submission(agencies, tokens(Role.CLERK, agencies), body)


def forward_pool(clerk_tokens: dict[int, str], limit: int) -> tuple[list[Request], dict[int, int]]:
    """Received dossiers waiting at the desk's first step, each forwarded once by its own
    agency's clerk with the version the clerk saw."""
    pool = (
        Dossier.objects.filter(
            status=Status.RECEIVED,
            current_step__order=1,
            receiving_agency_id__in=list(clerk_tokens),
        )
        .order_by("?" if limit < 1000 else "id")
        .values_list("id", "code", "version", "receiving_agency_id")[:limit]
    )
    requests, versions = [], {}
    for pk, code, version, agency in pool:
        versions[pk] = version
        body = json.dumps({"expected_version": version, "note": "bench"})
        path = f"/api/v1/dossiers/{code}/actions/forward"
        requests.append(Request("POST", path, bearer(clerk_tokens[agency]), body))
    return requests, versions


def citizen_cookie() -> tuple[Request, int]:
    """The session of the citizen with the most dossiers among a sample."""
    sample = User.objects.filter(kind=User.Kind.CITIZEN).order_by("id").values("id")[:2000]
    top = (
        Dossier.objects.filter(applicant_id__in=sample)
        .values("applicant_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    user = (
        User.objects.get(pk=top["applicant_id"])
        if top
        else User.objects.filter(kind="citizen").first()
    )
    assert user is not None
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    return Request("GET", "/ho-so-cua-toi/", f"Cookie: sessionid={cookie}"), int(
        top["n"] if top else 0
    )


def queue_request(specialist_tokens: dict[int, str], agency: Agency) -> Request:
    """The specialist's queue filtered to the unit the specialist step is routed to (the
    agency's first specialist unit by code, as ``step_enter`` picks it). The unit in the
    specialist's own role is not it at the demo wards, and the page used to be empty."""
    unit = (
        Unit.objects.filter(agency=agency, kind=Unit.Kind.SPECIALIST)
        .order_by("code")
        .values_list("pk", flat=True)
        .first()
    )
    path = f"/api/v1/dossiers?queue=true&unit={unit}&limit=50"
    return Request("GET", path, bearer(specialist_tokens[agency.pk]))
