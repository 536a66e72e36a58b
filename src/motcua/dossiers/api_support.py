"""What the dossiers API needs beyond the services: authentication (session with CSRF for
the web, bearer tokens for integrators), error answers and the dossier's JSON shape.
Kept here so ``motcua.api.dossiers`` stays a thin list of endpoints."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, ParamSpec

from django.db import models
from django.db.models import F, QuerySet, Value
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth

from motcua.accounts.models import User
from motcua.core.compiled import INT_MARKER, CompiledRead
from motcua.core.json_answer import JsonAnswer
from motcua.core.moments import local_iso
from motcua.dossiers.errors import DossierError, NotFound, RateLimited
from motcua.dossiers.models import Attachment, Dossier, DossierDocument
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.dossiers.services.records import DossierRef
from motcua.dossiers.services.tokens import api_token_user
from motcua.dossiers.summary import row_of, summary_json

P = ParamSpec("P")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return api_token_user(token)


AUTH = [TokenAuth(), SessionAuth()]


def actor_of(request: HttpRequest) -> User:
    user = getattr(request, "auth", None)
    assert isinstance(user, User)
    return user


def answers_errors(view: Callable[P, Any]) -> Callable[P, Any]:
    """Turn a refused operation into a clear JSON 4xx answer naming the field."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
        try:
            return view(*args, **kwargs)
        except DossierError as exc:
            response = JsonAnswer(
                {"message": exc.message, "field": exc.field}, status=exc.status_code
            )
            if isinstance(exc, RateLimited):
                response["Retry-After"] = str(exc.retry_after)
            return response

    return wrapper


def visible_dossier(request: HttpRequest, ref: str) -> Dossier:
    """The dossier by code (or numeric id before it has one), if the caller may see it;
    otherwise the same 'not found' whether it exists or not."""
    seen = dossiers_visible_to(actor_of(request))
    found = seen.filter(pk=int(ref)) if ref.isdigit() else seen.filter(code=ref)
    dossier = found.first()
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ."))
    return dossier


def dossier_ref(request: HttpRequest, ref: str) -> DossierRef:
    """The dossier an action names, by code or numeric id, for the service to claim: its
    claim tests in one statement that the caller may see it (nothing is read first), and
    answers 'not found' as :func:`visible_dossier` would."""
    if not ref.isdigit():
        return DossierRef("code", ref, actor_of(request))
    if int(ref) > 2**63 - 1:
        raise NotFound(_("Không tìm thấy hồ sơ."))
    return DossierRef("pk", int(ref), actor_of(request))


def dossier_json(dossier: Dossier, *, detail: bool = False) -> dict[str, Any]:
    body = summary_json(row_of(dossier))
    if detail:
        documents, attachments = _children_json(dossier)
        body.update(
            declaration=dossier.declaration,
            applicant={
                "identity_number": dossier.applicant_identity_number,
                "phone": dossier.applicant_phone,
                "email": dossier.applicant_email,
                "address": dossier.applicant_address,
            },
            lookup_secret=dossier.lookup_secret or None,
            documents=documents,
            attachments=attachments,
        )
    return body


_LINE, _FILE = 0, 1
_COLUMNS = ("kind", "text_a", "text_b", "text_c", "int_a", "int_b", "at", "at_b")


def children_query(line_of: int, file_of: int) -> QuerySet[Any, tuple[Any, ...]]:
    """A dossier's checklist lines (in id order, as the model orders them within one
    dossier) then its files (in upload order), in one read: every write answers with
    the detail, and the two reads were two statements. Each row has the same columns,
    ``kind`` telling a line from a file; ``line_of`` and ``file_of`` are the dossier's
    id, once for each half."""
    lines = (
        DossierDocument.objects.filter(dossier_id=line_of)
        .annotate(
            kind=Value(_LINE),
            text_a=F("required_document__code"),
            text_b=F("name"),
            text_c=F("provision"),
            int_a=F("originals_received"),
            int_b=F("copies_received"),
            at=Value(None, output_field=models.DateTimeField()),
            at_b=Value(None, output_field=models.DateTimeField()),
        )
        .order_by()
        .values_list("id", *_COLUMNS)
    )
    files = (
        Attachment.objects.filter(dossier_id=file_of)
        .annotate(
            kind=Value(_FILE),
            text_a=F("original_name"),
            text_b=F("content_type"),
            text_c=F("sha256"),
            int_a=F("size"),
            int_b=Value(None, output_field=models.IntegerField()),
            at=F("uploaded_at"),
            at_b=F("withdrawn_at"),
        )
        .order_by()
        .values_list("id", *_COLUMNS)
    )
    return lines.union(files, all=True).order_by("kind", "id")


# Compiling the union cost more than running it.
_CHILDREN = CompiledRead("dossier_children", children_query, markers=(INT_MARKER, INT_MARKER - 1))


def _children_json(dossier: Dossier) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The dossier's checklist lines and files as the API shows them: those kept on it
    when the change wrote them all (``services.children_known``) or prefetched, else
    read now, both in one statement."""
    known = getattr(dossier, "_prefetched_objects_cache", {})
    if "documents" in known and "attachments" in known:
        lines = [
            _line_json(
                d.required_document.code if d.required_document else None,
                d.name,
                d.provision,
                d.originals_received,
                d.copies_received,
            )
            for d in known["documents"]
        ]
        return lines, [attachment_json(a) for a in known["attachments"]]
    lines, files = [], []
    for row in _CHILDREN.all(dossier.pk, dossier.pk):
        if row["kind"] == _LINE:
            lines.append(
                _line_json(row["text_a"], row["text_b"], row["text_c"], row["int_a"], row["int_b"])
            )
        else:
            files.append(
                _file_json(
                    row["id"],
                    row["text_a"],
                    row["text_b"],
                    row["int_a"],
                    row["text_c"],
                    row["at"],
                    row["at_b"],
                )
            )
    return lines, files


def _line_json(
    code: str | None, name: str, provision: str, originals: int, copies: int
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "provision": provision,
        "originals": originals,
        "copies": copies,
    }


def _file_json(
    pk: int,
    name: str,
    content_type: str,
    size: int,
    sha256: str,
    uploaded_at: datetime,
    withdrawn_at: datetime | None,
) -> dict[str, Any]:
    return {
        "id": pk,
        "name": name,
        "content_type": content_type,
        "size": size,
        "sha256": sha256,
        "uploaded_at": local_iso(uploaded_at),
        # Taken back by the citizen while supplementing: kept, no longer the line's file.
        "withdrawn_at": local_iso(withdrawn_at),
    }


def attachment_json(a: Attachment) -> dict[str, Any]:
    return _file_json(
        a.pk, a.original_name, a.content_type, a.size, a.sha256, a.uploaded_at, a.withdrawn_at
    )


def client_address(request: HttpRequest) -> str:
    """The caller's address for rate limiting. Behind a proxy, deployments set
    REMOTE_ADDR correctly (granian/WhiteNoise do not trust X-Forwarded-For by default)."""
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def not_found_response() -> HttpResponse:
    return JsonAnswer({"message": _("Không tìm thấy hồ sơ."), "field": ""}, status=404)
