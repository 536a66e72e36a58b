"""``{% rating_panel dossier errors as panel %}``: what the rating part of the citizen's
dossier page shows, so the dossier page's view needs to know nothing about ratings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import template

from motcua.dossiers.models import Dossier, Status
from motcua.feedback.models import Level, Rating
from motcua.feedback.selectors import rating_of

register = template.Library()


@dataclass(frozen=True)
class RatingPanel:
    shown: bool
    rating: Rating | None
    levels: list[tuple[str, str]]
    level: str = ""
    reason: str = ""
    level_error: str = ""
    reason_error: str = ""
    error: str = ""


@register.simple_tag(takes_context=True)
def rating_panel(
    context: Mapping[str, Any], dossier: Dossier, errors: Mapping[str, str] | None = None
) -> RatingPanel:
    errors = errors or {}
    request = context.get("request")
    posted = request.POST if request is not None and request.method == "POST" else {}
    return RatingPanel(
        shown=dossier.status == Status.RETURNED,
        rating=rating_of(dossier) if dossier.status == Status.RETURNED else None,
        levels=[(str(value), str(label)) for value, label in Level.choices],
        level=str(posted.get("level", "")),
        reason=str(posted.get("reason", "")),
        level_error=errors.get("rating_level", ""),
        reason_error=errors.get("rating_reason", ""),
        error=errors.get("rating", ""),
    )
