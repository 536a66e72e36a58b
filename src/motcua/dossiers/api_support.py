"""What the dossiers API needs beyond the services: authentication (session with CSRF for
the web, bearer tokens for integrators), error answers and the dossier's JSON shape.
Kept here so ``motcua.api.dossiers`` stays a thin list of endpoints."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.security import HttpBearer, SessionAuth

from motcua.accounts.models import User
from motcua.core.compiled import INT_MARKER, CompiledGet
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
            response = JsonResponse(
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
        raise NotFound("Không tìm thấy hồ sơ.")
    return dossier


def dossier_ref(request: HttpRequest, ref: str) -> DossierRef:
    """The dossier an action names, by code or numeric id, for the service to claim: its
    claim tests in one statement that the caller may see it (nothing is read first), and
    answers 'not found' as :func:`visible_dossier` would."""
    if not ref.isdigit():
        return DossierRef("code", ref, actor_of(request))
    if int(ref) > 2**63 - 1:
        raise NotFound("Không tìm thấy hồ sơ.")
    return DossierRef("pk", int(ref), actor_of(request))


def dossier_json(dossier: Dossier, *, detail: bool = False) -> dict[str, Any]:
    body = summary_json(row_of(dossier))
    if detail:
        body.update(
            declaration=dossier.declaration,
            applicant={
                "identity_number": dossier.applicant_identity_number,
                "phone": dossier.applicant_phone,
                "email": dossier.applicant_email,
                "address": dossier.applicant_address,
            },
            lookup_secret=dossier.lookup_secret or None,
            documents=[
                {
                    "code": d.required_document.code if d.required_document else None,
                    "name": d.name,
                    "provision": d.provision,
                    "originals": d.originals_received,
                    "copies": d.copies_received,
                }
                for d in _children(dossier, "documents", _DOCUMENTS)
            ],
            attachments=[
                attachment_json(a) for a in _children(dossier, "attachments", _ATTACHMENTS)
            ],
        )
    return body


# Every write answers with the detail: compiling these two reads cost more than running them.
_DOCUMENTS = CompiledGet(
    "dossier_documents",
    # In id order, as the model's ordering within one dossier, without joining the dossier.
    lambda pk: (
        DossierDocument.objects.filter(dossier_id=pk)
        .select_related("required_document")
        .order_by("id")
    ),
    marker=INT_MARKER,
)
_ATTACHMENTS = CompiledGet(
    "dossier_attachments",
    lambda pk: Attachment.objects.filter(dossier_id=pk).order_by("id"),  # in upload order
    marker=INT_MARKER,
)


def _children(dossier: Dossier, name: str, read: CompiledGet[Any]) -> list[Any]:
    """The dossier's ``name`` rows: those kept on it when the change wrote them all
    (``services.children_known``) or prefetched, else read now."""
    known = getattr(dossier, "_prefetched_objects_cache", {}).get(name)
    return list(known) if known is not None else read.all(dossier.pk)


def attachment_json(a: Attachment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "name": a.original_name,
        "content_type": a.content_type,
        "size": a.size,
        "sha256": a.sha256,
        "uploaded_at": local_iso(a.uploaded_at),
    }


def client_address(request: HttpRequest) -> str:
    """The caller's address for rate limiting. Behind a proxy, deployments set
    REMOTE_ADDR correctly (granian/WhiteNoise do not trust X-Forwarded-For by default)."""
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def not_found_response() -> HttpResponse:
    return JsonResponse({"message": "Không tìm thấy hồ sơ.", "field": ""}, status=404)
