"""Reads of ratings that depend on who asks, and the counts reports are built from.

A rating is visible exactly when its dossier is (``dossiers_visible_to``): the citizen
sees their own, officials those of their agencies' dossiers. Counts go by the deciding
agency, the one the citizen's satisfaction is about, and by procedure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.feedback.models import Level, Rating


@dataclass(frozen=True)
class RatingCount:
    code: str
    name: str
    very_satisfied: int
    satisfied: int
    not_satisfied: int

    @property
    def total(self) -> int:
        return self.very_satisfied + self.satisfied + self.not_satisfied

    @property
    def satisfied_percent(self) -> float:
        """Share of ratings that are satisfied or very satisfied, 0–100."""
        if not self.total:
            return 0.0
        return round(100 * (self.very_satisfied + self.satisfied) / self.total, 1)


def ratings_visible_to(user: User) -> QuerySet[Rating]:
    return Rating.objects.select_related("dossier").filter(
        dossier__in=dossiers_visible_to(user).values("pk")
    )


def rating_of(dossier: Dossier) -> Rating | None:
    return Rating.objects.filter(dossier=dossier).first()


def _counts(
    ratings: QuerySet[Rating], code: str, name: str, since: datetime | None, until: datetime | None
) -> list[RatingCount]:
    if since is not None:
        ratings = ratings.filter(created_at__gte=since)
    if until is not None:
        ratings = ratings.filter(created_at__lt=until)
    rows = (
        ratings.order_by()
        .values(code, name)
        .annotate(
            very=Count("id", filter=Q(level=Level.VERY_SATISFIED)),
            ok=Count("id", filter=Q(level=Level.SATISFIED)),
            not_ok=Count("id", filter=Q(level=Level.NOT_SATISFIED)),
        )
        .order_by(code)
    )
    return [
        RatingCount(
            code=row[code],
            name=row[name],
            very_satisfied=row["very"],
            satisfied=row["ok"],
            not_satisfied=row["not_ok"],
        )
        for row in rows
    ]


def rating_counts_by_agency(
    user: User, *, since: datetime | None = None, until: datetime | None = None
) -> list[RatingCount]:
    """Ratings per deciding agency, of the dossiers the user may see."""
    return _counts(
        ratings_visible_to(user),
        "dossier__deciding_agency__code",
        "dossier__deciding_agency__name",
        since,
        until,
    )


def rating_counts_by_procedure(
    user: User, *, since: datetime | None = None, until: datetime | None = None
) -> list[RatingCount]:
    """Ratings per procedure (all its versions), of the dossiers the user may see."""
    return _counts(
        ratings_visible_to(user),
        "dossier__procedure_version__procedure__code",
        "dossier__procedure_version__procedure__name",
        since,
        until,
    )
