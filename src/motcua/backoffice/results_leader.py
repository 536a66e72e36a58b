"""The leader's page: read the drafted result as it will print, then approve and sign it
with one button. The key's passphrase belongs to the installation (read by the
documents layer from MOTCUA_SIGNING_PASSPHRASE), so the leader is never asked for it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.accounts.models import User
from motcua.backoffice.access import official, staff_required, visible_dossier
from motcua.backoffice.actions import allowed_actions
from motcua.backoffice.results_signing import (
    NO_CERTIFICATE,
    drafts_fingerprint,
    drafts_of,
    results_sign_and_approve,
)
from motcua.documents.errors import DocumentError, SigningFailed
from motcua.documents.models import SigningCertificate
from motcua.documents.services import certificate_for_signing
from motcua.documents.signing.signer import certificate_require_usable
from motcua.dossiers.errors import DossierError, StaleDossier
from motcua.dossiers.models import Dossier


def _certificate(user: User) -> tuple[SigningCertificate | None, str]:
    """The certificate the leader would sign with, and why it cannot be used (if so)."""
    try:
        certificate = certificate_for_signing(user)
    except SigningFailed:
        return None, _(NO_CERTIFICATE)
    try:
        certificate_require_usable(certificate)
    except SigningFailed as exc:
        return certificate, exc.message
    return certificate, ""


def _page(
    request: HttpRequest, dossier: Dossier, *, error: str = "", status: int = 200
) -> HttpResponse:
    user = official(request)
    drafts = drafts_of(dossier)
    certificate, problem = _certificate(user)
    context: dict[str, Any] = {
        "dossier": dossier,
        "drafts": drafts,
        "signed": list(dossier.results.exclude(document=None).select_related("document")),
        "seen": drafts_fingerprint(drafts),
        "can_sign": any(a.name == "approve" for a in allowed_actions(user, dossier)),
        "certificate": certificate,
        "certificate_problem": problem,
        "error": error,
    }
    return render(request, "backoffice/results/sign.html", context, status=status)


@staff_required
@require_GET
def signing(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, visible_dossier(request, pk))


@staff_required
@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = visible_dossier(request, pk)
    raw = request.POST.get("expected_version", "")
    if not raw.isdigit():
        return _page(request, dossier, error=_("Dữ liệu gửi lên không hợp lệ."), status=400)
    try:
        results_sign_and_approve(
            dossier=dossier,
            actor=official(request),
            expected_version=int(raw),
            seen=request.POST.get("seen", ""),
        )
    except StaleDossier as exc:
        messages.error(request, exc.message)
        return redirect("backoffice:sign", pk=dossier.pk)
    except (DocumentError, DossierError) as exc:
        return _page(request, dossier, error=exc.message, status=exc.status_code)
    messages.success(
        request, _("Đã phê duyệt và ký số kết quả. Hồ sơ đã chuyển sang bước tiếp theo.")
    )
    return redirect("backoffice:sign", pk=dossier.pk)
