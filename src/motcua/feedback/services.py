"""Rating a dossier: its applicant, once, after the result was returned."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.accounts.models import User
from motcua.audit.services import audit_record
from motcua.dossiers.models import Dossier, Status
from motcua.feedback.errors import InvalidInput, InvalidState, NotAllowed
from motcua.feedback.models import Level, Rating

MAX_REASON = 2000
ALREADY_RATED = gettext_noop("Bạn đã đánh giá hồ sơ này; mỗi hồ sơ chỉ được đánh giá một lần.")


def _clean(level: str, reason: str) -> tuple[str, str]:
    level = str(level or "").strip()
    reason = str(reason or "").strip()
    if level not in Level.values:
        raise InvalidInput(
            _("Hãy chọn mức độ hài lòng: rất hài lòng, hài lòng hoặc không hài lòng."),
            field="level",
        )
    if level == Level.NOT_SATISFIED and not reason:
        raise InvalidInput(_("Hãy cho biết lý do bạn không hài lòng."), field="reason")
    if len(reason) > MAX_REASON:
        raise InvalidInput(
            _("Lý do không được dài quá %(count)s ký tự.") % {"count": MAX_REASON}, field="reason"
        )
    return level, reason


def _require_rater(dossier: Dossier, actor: User) -> None:
    if actor.kind != User.Kind.CITIZEN or dossier.applicant_id != actor.pk:
        raise NotAllowed(_("Chỉ người nộp hồ sơ được đánh giá mức độ hài lòng."))
    if dossier.status != Status.RETURNED:
        raise InvalidState(_("Chỉ đánh giá được sau khi hồ sơ đã trả kết quả."))


def _already_rated(dossier: Dossier) -> bool:
    return Rating.objects.filter(dossier=dossier).exists()


def rating_submit(*, dossier: Dossier, actor: User, level: str, reason: str = "") -> Rating:
    """Record the applicant's satisfaction with a returned dossier (once)."""
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        _require_rater(locked, actor)
        if _already_rated(locked):
            raise InvalidState(_(ALREADY_RATED))
        level, reason = _clean(level, reason)
        try:
            # A second submission racing this one (SQLite has no row lock) hits the
            # unique dossier and is refused like any repeat.
            with transaction.atomic():
                rating = Rating.objects.create(
                    dossier=locked, applicant=actor, level=level, reason=reason
                )
        except IntegrityError as exc:
            raise InvalidState(_(ALREADY_RATED)) from exc
        audit_record(
            action="rating_submit",
            subject=rating,
            actor=actor,
            actor_role="citizen",
            summary=f"Đánh giá hồ sơ {locked.code}: {rating.get_level_display()}",
            changes={"dossier": locked.pk, "level": level, "reason": reason},
        )
    return rating
