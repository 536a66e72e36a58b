"""«Chọn từ kho dữ liệu của tôi» on the documents checklist: the citizen picks one of
their stored documents for a checklist line and presses that line's button; the dossiers
service attaches a copy and records the line as reused."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.documents.models import StoredDocument
from motcua.documents.selectors import store_of
from motcua.dossiers import services
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier

SHOWN = 50


def store_choices(user: User) -> list[StoredDocument]:
    """The newest documents of the citizen's store, offered on every checklist line."""
    return list(store_of(user)[:SHOWN])


def reuse_from_store(
    request: HttpRequest, dossier: Dossier, actor: User
) -> tuple[set[str], dict[str, str]]:
    """Attach the stored document picked for the line whose button was pressed. Returns
    the code of that line when it worked, or the error to show next to it."""
    code = str(request.POST.get("reuse", ""))
    codes = set(dossier.procedure_version.documents.values_list("code", flat=True))
    if code not in codes:
        return set(), {}
    picked = str(request.POST.get(f"store-{code}", "")).strip()
    if not picked:
        return set(), {f"file-{code}": _("Hãy chọn một giấy tờ trong kho dữ liệu của bạn.")}
    try:
        services.attachment_add_reused(
            dossier=dossier, actor=actor, stored_document_id=picked, document_code=code
        )
    except DossierError as exc:
        return set(), {f"file-{code}": exc.message}
    return {code}, {}
