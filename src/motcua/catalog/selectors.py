"""Reads of the public catalog. Everything here is public information."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from motcua.catalog.models import Procedure, ProcedureVersion, Sector
from motcua.catalog.search import catalog_epoch, procedure_index
from motcua.core.text import sort_key
from motcua.organizations.models import Agency


def today() -> date:
    return timezone.localdate()


def _published_versions(day: date) -> Prefetch[Any, Any, Any]:
    return Prefetch(
        "versions",
        queryset=ProcedureVersion.objects.in_force_on(day).order_by("-effective_from", "-number"),
        to_attr="versions_in_force",
    )


def _public_base(day: date) -> QuerySet[Procedure]:
    in_force = ProcedureVersion.objects.in_force_on(day).values("procedure_id")
    return Procedure.objects.filter(pk__in=in_force).select_related("sector", "replaced_by")


def public_procedures(day: date | None = None) -> QuerySet[Procedure]:
    """Procedures with at least one published version in force (abolished ones included:
    they stay readable, with their abolition shown)."""
    day = day or today()
    return _public_base(day).prefetch_related(_published_versions(day))


def procedures_offered_at(agencies: Iterable[Agency | int]) -> list[Procedure]:
    """The public procedures these agencies offer, each once, in Vietnamese order (the
    lists officials pick from: the desk's, the work queue's filter)."""
    offered = public_procedures().filter(agencies__in=list(agencies)).distinct()
    return sorted(offered, key=lambda p: sort_key(p.name))


def current_version(procedure: Procedure, day: date | None = None) -> ProcedureVersion | None:
    """The version in force on ``day``: the latest published one already effective."""
    versions = getattr(procedure, "versions_in_force", None)
    if versions is None:
        return (
            ProcedureVersion.objects.in_force_on(day or today())
            .filter(procedure=procedure)
            .order_by("-effective_from", "-number")
            .first()
        )
    return versions[0] if versions else None


@dataclass(frozen=True)
class ProcedureFilters:
    q: str = ""
    sector: str = ""
    agency: str = ""
    level: str = ""


def search_procedures(filters: ProcedureFilters, day: date | None = None) -> list[Procedure]:
    """Public procedures matching the filters; with a query, best match first.

    A query without other filters is answered from memory (the index and the public
    rows), without building a queryset: building the unused one was 40 % of a search."""
    query = filters.q.strip()
    ranked: list[int] = []
    if query:
        ranked = procedure_index().search(query)
        if not ranked:
            return []
        if not (filters.sector or filters.agency or filters.level):
            rows = _public_rows(day or today())
            return [rows[pk] for pk in ranked if pk in rows]
    queryset = public_procedures(day)
    if filters.sector:
        queryset = queryset.filter(sector__code=filters.sector)
    if filters.agency:
        queryset = queryset.filter(agencies__code=filters.agency)
    if filters.level:
        queryset = queryset.filter(level=filters.level)
    if not query:
        return list(queryset.order_by("sector__name", "name"))
    by_id = {p.pk: p for p in queryset.filter(pk__in=ranked)}
    return [by_id[pk] for pk in ranked if pk in by_id]


class _PublicRows:
    """The public procedures of one day, with their sector and versions in force, kept
    per process like the search index and rebuilt when it is (the catalog changed).

    A search answered from the index still read its procedures back with two queries and
    built them anew: 5 of the 7 ms a search took. The instances are shared between
    requests and threads: read-only."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: tuple[int, date] | None = None
        self.rows: dict[int, Procedure] = {}


_public = _PublicRows()


def _public_rows(day: date) -> dict[int, Procedure]:
    key = (catalog_epoch(), day)  # procedure_index() has just checked the revision
    if _public.key == key:
        return _public.rows
    with _public.lock:
        if _public.key != key:
            _public.rows = {p.pk: p for p in public_procedures(day)}
            _public.key = key
        return _public.rows


def procedure_detail(code: str, day: date | None = None) -> Procedure | None:
    day = day or today()
    return (
        _public_base(day)
        .prefetch_related(
            "agencies",
            Prefetch(
                "versions",
                queryset=ProcedureVersion.objects.in_force_on(day)
                .order_by("-effective_from", "-number")
                .prefetch_related("documents", "fees", "steps"),
                to_attr="versions_in_force",
            ),
        )
        .filter(code=code)
        .first()
    )


def sectors_with_counts(day: date | None = None) -> QuerySet[Sector]:
    day = day or today()
    published = Q(
        procedures__versions__published_at__isnull=False,
        procedures__versions__effective_from__lte=day,
    )
    return (
        Sector.objects.annotate(
            procedure_count=Count("procedures", filter=published, distinct=True)
        )
        .filter(procedure_count__gt=0)
        .order_by("name")
    )


def agencies_with_procedures(day: date | None = None) -> QuerySet[Agency]:
    day = day or today()
    return (
        Agency.objects.active_on(day)
        .annotate(procedure_count=Count("procedures", distinct=True))
        .select_related("administrative_unit")
        .order_by("level", "name")
    )


@dataclass(frozen=True)
class CatalogChange:
    day: date
    kind: str
    label: str
    procedure: Procedure
    decision: str
    summary: str


def catalog_changes(since: date | None = None, day: date | None = None) -> list[CatalogChange]:
    """Procedures newly issued, amended, replaced and abolished, newest first."""
    day = day or today()
    versions = (
        ProcedureVersion.objects.published()
        .select_related("procedure", "procedure__sector")
        .order_by("-effective_from")
    )
    if since:
        versions = versions.filter(effective_from__gte=since)
    changes = [
        CatalogChange(
            v.effective_from,
            v.change_kind,
            v.get_change_kind_display(),
            v.procedure,
            v.publishing_decision,
            v.change_summary,
        )
        for v in versions
    ]
    abolished = Procedure.objects.filter(abolished_on__isnull=False).select_related("replaced_by")
    if since:
        abolished = abolished.filter(abolished_on__gte=since)
    for p in abolished:
        assert p.abolished_on is not None
        replaced = p.replaced_by is not None
        changes.append(
            CatalogChange(
                p.abolished_on,
                "replaced_by" if replaced else "abolished",
                "Bị thay thế" if replaced else "Bãi bỏ",
                p,
                p.abolition_decision,
                f"Thay thế bởi {p.replaced_by}" if p.replaced_by else "",
            )
        )
    changes.sort(key=lambda c: (c.day, c.procedure.code), reverse=True)
    return changes
