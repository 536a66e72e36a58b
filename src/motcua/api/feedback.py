"""Satisfaction ratings: ``POST /api/v1/dossiers/{ref}/rating`` (the applicant, once the
result is returned) and ``GET`` of the same path.

Same authentication as the dossiers API (session with CSRF, or a bearer token). Refusals
answer ``{"message", "field"}``: 404 (not found or not yours), 403 (not the applicant),
409 (no result returned yet, or already rated), 422 (bad level or missing reason).
"""

# No `from __future__ import annotations` here: django-ninja reads the real annotations
# to tell the request body from query parameters.
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from motcua.core.json_answer import JsonAnswer
from motcua.dossiers.api_support import AUTH, actor_of, answers_errors, visible_dossier
from motcua.dossiers.errors import NotFound
from motcua.feedback.errors import FeedbackError
from motcua.feedback.models import Rating
from motcua.feedback.selectors import rating_of
from motcua.feedback.services import rating_submit

P = ParamSpec("P")
router = Router(tags=["Đánh giá mức độ hài lòng"])


class RatingIn(Schema):
    level: str = Field(max_length=40, description="very_satisfied, satisfied hoặc not_satisfied")
    reason: str = Field("", max_length=10000, description="Bắt buộc khi không hài lòng")


def _answers_feedback_errors(view: Callable[P, Any]) -> Callable[P, Any]:
    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
        try:
            return view(*args, **kwargs)
        except FeedbackError as exc:
            return JsonAnswer({"message": exc.message, "field": exc.field}, status=exc.status_code)

    return wrapper


def _rating_json(rating: Rating) -> dict[str, Any]:
    return {
        "dossier": rating.dossier.code,
        "level": rating.level,
        "level_label": _(rating.get_level_display()),
        "reason": rating.reason,
        "created_at": timezone.localtime(rating.created_at).isoformat(),
    }


@router.post("/dossiers/{ref}/rating", auth=AUTH, summary="Đánh giá mức độ hài lòng về hồ sơ")
@answers_errors
@_answers_feedback_errors
def rate(request: HttpRequest, ref: str, payload: RatingIn) -> JsonAnswer:
    rating = rating_submit(
        dossier=visible_dossier(request, ref),
        actor=actor_of(request),
        level=payload.level,
        reason=payload.reason,
    )
    return JsonAnswer(_rating_json(rating), status=201)


@router.get("/dossiers/{ref}/rating", auth=AUTH, summary="Đánh giá của hồ sơ")
@answers_errors
def rating(request: HttpRequest, ref: str) -> JsonAnswer:
    found = rating_of(visible_dossier(request, ref))
    if found is None:
        raise NotFound(_("Hồ sơ chưa được đánh giá."))
    return JsonAnswer(_rating_json(found))
