"""The citizen rates a returned dossier from its page in «Hồ sơ của tôi»."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.dossiers.selectors import dossiers_visible_to
from motcua.feedback.errors import FeedbackError
from motcua.feedback.services import rating_submit
from motcua.portal.citizen_access import citizen, citizen_required
from motcua.portal.my_dossier_views import _page

ERROR_KEYS = {"level": "rating_level", "reason": "rating_reason"}


@citizen_required
@require_POST
def my_rating(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossiers_visible_to(citizen(request)).filter(pk=pk).first()
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ."))
    try:
        rating_submit(
            dossier=dossier,
            actor=citizen(request),
            level=request.POST.get("level", ""),
            reason=request.POST.get("reason", ""),
        )
    except FeedbackError as exc:
        key = ERROR_KEYS.get(exc.field, "rating")
        return _page(request, dossier, {key: exc.message}, status=exc.status_code)
    messages.success(
        request, _("Cảm ơn bạn đã đánh giá. Ý kiến của bạn giúp cơ quan phục vụ tốt hơn.")
    )
    # Back at the rating, so the thanks is in view on a phone, not the page's top.
    return redirect(reverse("portal:my_dossier", args=[dossier.pk]) + "#danh-gia")
