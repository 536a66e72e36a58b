"""The leader's one decision: sign the drafted results and approve the dossier, together.

Approving and signing are two services of two apps; the back office runs them in one
transaction so that a signature that cannot be made (no certificate, expired or revoked,
key unreadable) leaves the dossier where it was, and an approval refused (wrong step,
stale page) leaves no signed file behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.accounts.models import User
from motcua.documents.errors import InvalidState, SigningFailed
from motcua.documents.models import GeneratedDocument, Result, SigningCertificate
from motcua.documents.services import result_sign
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import require_step_actor
from motcua.dossiers.services import dossier_approve

# Translated where they are raised or shown: _(NO_CERTIFICATE).
NO_CERTIFICATE = gettext_noop(
    "Tài khoản của bạn chưa có chứng thư số để ký văn bản. Đề nghị quản trị hệ thống cấp "
    "chứng thư số cho bạn (bản trình diễn: lệnh «motcua demo-ca») rồi ký lại."
)
NO_DRAFT = gettext_noop(
    "Chưa có dự thảo kết quả để ký. Chuyên viên cần soạn kết quả trước khi trình ký."
)
CHANGED = gettext_noop(
    "Dự thảo kết quả vừa được sửa sau khi bạn mở trang này. Hãy xem lại nội dung rồi ký số."
)


def drafts_of(dossier: Dossier) -> list[Result]:
    return list(Result.objects.filter(dossier=dossier, state=Result.State.DRAFT).order_by("id"))


def drafts_fingerprint(drafts: Iterable[Result]) -> str:
    """What the leader saw: each draft's id and last correction. Signing refuses if a
    specialist corrected the text in between."""
    seen = ";".join(f"{r.pk}:{r.updated_at.isoformat()}" for r in drafts)
    return hashlib.sha256(seen.encode("utf-8")).hexdigest()[:32]


def results_sign_and_approve(
    *, dossier: Dossier, actor: User, expected_version: int, seen: str
) -> Dossier:
    """Approve the dossier at the leader's step and sign every drafted result of it."""
    # Whether this official signs here at all comes before whether they could sign.
    require_step_actor(actor, dossier)
    if not SigningCertificate.objects.filter(user=actor).exists():
        raise SigningFailed(_(NO_CERTIFICATE), field="certificate")
    signed: list[GeneratedDocument] = []
    try:
        with transaction.atomic():
            drafts = list(
                Result.objects.select_for_update()
                .filter(dossier=dossier, state=Result.State.DRAFT)
                .order_by("id")
            )
            if not drafts:
                raise InvalidState(_(NO_DRAFT))
            if drafts_fingerprint(drafts) != seen:
                raise InvalidState(_(CHANGED))
            names = ", ".join(r.name for r in drafts)
            approved = dossier_approve(
                dossier=dossier,
                actor=actor,
                expected_version=expected_version,
                note=f"Phê duyệt và ký số: {names}.",
            )
            for draft in drafts:
                document = result_sign(result=draft, actor=actor).document
                if document is not None:
                    signed.append(document)
    except BaseException:
        _discard_files(signed)
        raise
    return approved


def _discard_files(documents: list[GeneratedDocument]) -> None:
    """Signed files whose rows were rolled back would otherwise stay on disk, unreferenced."""
    for document in documents:
        if not GeneratedDocument.objects.filter(pk=document.pk).exists():
            document.file.delete(save=False)
