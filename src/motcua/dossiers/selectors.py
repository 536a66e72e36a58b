"""Reads that depend on who asks. Permission lives in the queryset: a list built from
``dossiers_visible_to`` cannot contain a dossier the user may not see, whatever view asks.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import ProcessStep
from motcua.core.compiled import INT_MARKER, CompiledByKey, CompiledRead
from motcua.dossiers.cursor import Cursor
from motcua.dossiers.models import (
    IN_PROGRESS_STATUSES,
    PAUSED_STATUSES,
    Dossier,
    DossierEvent,
    Message,
    Status,
)
from motcua.organizations.models import Role, StaffRole
from motcua.organizations.selectors import staff_roles

RELATED = (
    "procedure_version__procedure",
    "receiving_agency",
    "deciding_agency",
    "current_step",
    "current_unit",
    "assignee",
)


def dossiers_visible_to(user: User, scope: OfficialScope | None = None) -> QuerySet[Dossier]:
    """Citizens see their own dossiers (drafts included); officials see the dossiers of
    the agencies where they hold a role, never anyone's drafts. ``scope``: the
    official's agencies when the caller has just read them (:func:`official_scope`)."""
    base = Dossier.objects.select_related(*RELATED)
    if not user.is_authenticated:
        return base.none()
    if user.kind == User.Kind.CITIZEN:
        return base.filter(applicant=user)
    agencies = _agencies(user, scope)
    return base.filter(Q(receiving_agency__in=agencies) | Q(deciding_agency__in=agencies)).exclude(
        status=Status.DRAFT
    )


def visible_by_ref(
    kind: str, by: str, ref: object, user_id: int, acting_agency_id: int | None = None
) -> QuerySet[Dossier]:
    """The dossier whose ``by`` (``pk`` or ``code``) is ``ref``, if a user known by kind
    and id may see it, as :func:`dossiers_visible_to` decides: an applicant their own;
    an official one received or decided by an agency where they hold a role (through an
    API token, the token's agency only), never a draft. Tested inside one statement (the
    roles by ``EXISTS``), so that an action's check and claim can be one statement."""
    found = Dossier.objects.filter(**{by: ref}).order_by()
    if kind == User.Kind.CITIZEN:
        return found.filter(applicant_id=user_id)
    at_either = Q(agency_id=OuterRef("receiving_agency_id")) | Q(
        agency_id=OuterRef("deciding_agency_id")
    )
    roles = StaffRole.objects.filter(at_either, user_id=user_id)
    if acting_agency_id is not None:
        roles = roles.filter(agency_id=acting_agency_id)
    return found.exclude(status=Status.DRAFT).filter(Exists(roles))


MINE_PAGE = 50
MINE_FIELDS = (
    "pk",
    "code",
    "status",
    "created_at",
    "submitted_at",
    "due_at",
    "procedure_version__procedure__name",
)


@dataclass(frozen=True)
class CitizenPage:
    """A page of «Hồ sơ của tôi»: the plain values of ``MINE_FIELDS`` for each row, and
    where the next page of older dossiers starts (``None`` on the last page)."""

    rows: list[dict[str, Any]]
    older: Cursor | None


def citizen_dossier_page(user: User, below: Cursor | None = None) -> CitizenPage:
    """A citizen's own dossiers, drafts included, newest created first, ``MINE_PAGE`` at
    a time; ``below`` is the cursor of the last row of the page before."""
    if not user.is_authenticated or user.kind != User.Kind.CITIZEN:
        raise ValueError("«Hồ sơ của tôi» lists a citizen's own dossiers")
    if below is None:
        rows = _CITIZEN_ROWS.all(user.pk)
    else:
        # Pages past the first are rare: the ORM builds them, with the same filter.
        older = _citizen_rows(user.pk).filter(below.below("created_at"))
        rows = list(older.values(*MINE_FIELDS)[: MINE_PAGE + 1])
    if len(rows) <= MINE_PAGE:
        return CitizenPage(rows, None)
    rows = rows[:MINE_PAGE]
    return CitizenPage(rows, Cursor(rows[-1]["created_at"], rows[-1]["pk"]))


def _citizen_rows(user_id: int) -> QuerySet[Dossier]:
    # The visibility selector itself, for a citizen known by id: the same filter as every
    # other citizen read. Without its joins (planning what detail pages need cost 5 ms a
    # request).
    citizen = User(pk=user_id, kind=User.Kind.CITIZEN)
    return dossiers_visible_to(citizen).select_related(None).order_by("-created_at", "-id")


def _first_page_query(user_id: int) -> QuerySet[Any]:
    # Values, not instances: building model instances for a few columns cost Django twice
    # the time of reading them. One row more than a page says whether there is another.
    return _citizen_rows(user_id).values_list(*MINE_FIELDS)[: MINE_PAGE + 1]


# Every visit to the page reads it; building the query anew cost a fifth of the page.
_CITIZEN_ROWS = CompiledRead("citizen_dossier_rows", _first_page_query, marker=INT_MARKER)


@dataclass(frozen=True)
class OfficialScope:
    """The agencies where an official holds a role, read once for a request that asks
    several selectors (a page and its counts). It names its official: a selector given
    another official's scope refuses it rather than widen what a user sees."""

    user_id: int
    agencies: tuple[int, ...]


def official_scope(user: User) -> OfficialScope:
    # A literal list, not a subquery: with ids the planner can use the agency indexes
    # instead of testing every dossier against a hashed subplan.
    return OfficialScope(user.pk, tuple(held.agency_id for held in staff_roles(user)))


def _agencies(user: User, scope: OfficialScope | None) -> list[int]:
    if scope is None:
        scope = official_scope(user)
    elif scope.user_id != user.pk:
        raise ValueError("an official's scope serves that official only")
    return list(scope.agencies)


NEWEST_FIRST = ("-submitted_at", "-id")


def official_parts(user: User, scope: OfficialScope | None = None) -> list[QuerySet[Dossier]]:
    """What an official sees (:func:`dossiers_visible_to`) as the two sets whose union it
    is: the dossiers their agencies received, and those their agencies decide. Each is a
    range of one index in submission order, which :func:`newest_page_ids` reads."""
    if not user.is_authenticated or user.kind == User.Kind.CITIZEN:
        return [Dossier.objects.none()]
    agencies = _agencies(user, scope)
    seen = Dossier.objects.exclude(status=Status.DRAFT)
    return [seen.filter(receiving_agency__in=agencies), seen.filter(deciding_agency__in=agencies)]


def official_newest_ids(
    user: User,
    f: DossierFilter,
    offset: int,
    limit: int,
    after: Cursor | None = None,
    scope: OfficialScope | None = None,
) -> list[int]:
    """One page of what the official sees, filtered by ``f``, newest submitted first;
    with ``after``, the page starts below that row (``offset`` then counts from it)."""
    parts = [dossiers_filter(part, f) for part in official_parts(user, scope)]
    if after is not None:
        parts = [part.filter(after.below()) for part in parts]
    return newest_page_ids(parts, offset, limit)


def newest_page_ids(parts: list[QuerySet[Dossier]], offset: int, limit: int) -> list[int]:
    """One page of the union of ``parts``, newest submitted first (then highest id).

    Each part gives its own first ``offset + limit``, read straight off its index; a
    dossier of the union's page is within those of its part, so merging them and cutting
    gives the page. Asked as one query, the OR of the two agencies could follow no index
    in this order: PostgreSQL either walked the primary key backwards past every other
    agency's dossiers or sorted all of a big ward's. A dossier without a submission
    instant (never one an official sees) counts as the newest, as PostgreSQL orders it."""
    wanted = offset + limit
    if wanted > MERGE_DEPTH:
        # A deep page: the database merges, rather than each part's rows in memory.
        columns = [part.order_by().values_list("id", "submitted_at") for part in parts]
        union = columns[0].union(*columns[1:]).order_by(*NEWEST_FIRST)
        return [pk for pk, _ in union[offset:wanted]]
    found: dict[int, datetime | None] = {}
    for part in parts:
        found.update(part.order_by(*NEWEST_FIRST).values_list("pk", "submitted_at")[:wanted])
    ordered = sorted(
        found.items(),
        key=lambda item: (item[1] is None, item[1] or _EARLIEST, item[0]),
        reverse=True,
    )
    return [pk for pk, _ in ordered[offset:wanted]]


_EARLIEST = datetime.min.replace(tzinfo=UTC)
MERGE_DEPTH = 2_000
"""Past this many rows a page is merged by the database (``UNION``), slower but without
holding up to a million rows of each part in the worker's memory."""


def work_queue(user: User, roles: list[StaffRole] | None = None) -> QuerySet[Dossier]:
    """What the official can act on now, the most urgent step first.

    The desk sees new online dossiers of its agency; everyone sees the dossiers whose
    current step their role performs, unassigned or assigned to them (unit heads and
    leaders: all of their kind).

    Every condition names an agency where the user holds a role and a status officials
    may see, so the queue is a part of :func:`dossiers_visible_to` without repeating its
    filter: repeated, ``deciding_agency_id = 7`` appeared twice and PostgreSQL, taking the
    two for independent, estimated a busy desk's 10,514 rows at 442 and chose a plan
    2.5 times slower (19 ms against 7.6 ms). A test holds the queue inside the visible
    set for every kind of user.

    The step's role and unit kind are read from the dossier's own copies, not through a
    join on the step: one range of ``dossier_step_queue_cover_idx``. A busy desk's two queue
    queries (page and capped count) took 4 ms each through the join, 1.3 ms each now.

    ``roles``: the user's :func:`staff_roles`, when the caller has read them already."""
    actionable = Q(pk__in=[])
    if not user.is_authenticated or user.kind == User.Kind.CITIZEN:
        return Dossier.objects.none()
    for staff_role in staff_roles(user) if roles is None else roles:
        if staff_role.role == Role.CLERK:
            actionable |= Q(receiving_agency_id=staff_role.agency_id, status=Status.NEW)
        at_step = Q(
            deciding_agency_id=staff_role.agency_id,
            current_step_role=staff_role.role,
            status__in=IN_PROGRESS_STATUSES | {Status.RESOLVED},
        )
        if staff_role.unit is not None:
            at_step &= Q(current_step_unit_kind=staff_role.unit.kind)
        if staff_role.role not in (Role.UNIT_HEAD, Role.LEADER):
            at_step &= Q(assignee__isnull=True) | Q(assignee=user)
        actionable |= at_step
    return (
        Dossier.objects.select_related(*RELATED)
        .filter(actionable)
        .order_by(F("current_step_due_at").asc(nulls_last=True), "submitted_at", "id")
    )


def page_ids(found: QuerySet[Dossier], offset: int, limit: int) -> list[int]:
    """The ids of one page of a filtered, sorted list, from the filter and the sort alone.

    Joining the six related rows of every match before sorting cost a busy desk's queue
    25 ms (769 matches; 6.6 ms of it planning a seven-table join); the id step joins at
    most the process step its filter needs."""
    return list(found.select_related(None).values_list("pk", flat=True)[offset : offset + limit])


def page_of(found: QuerySet[Dossier], offset: int, limit: int) -> list[Dossier]:
    """One page of a filtered, sorted list as dossiers with what a list page shows: the
    ids (:func:`page_ids`), then those rows. The declaration, which only the detail shows,
    is not read. The related rows come by primary key, one small query per table: the
    planner took 10 ms to plan them joined (seven tables), and 0.1 ms for each alone."""
    return dossiers_in_order(page_ids(found, offset, limit))


def dossiers_in_order(ids: list[int]) -> list[Dossier]:
    """The dossiers of a page's ids, in that order, with what a list page shows."""
    rows = Dossier.objects.prefetch_related(*RELATED).defer("declaration").in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


COUNT_CAP = 1000


def count_capped(queryset: QuerySet[Dossier], cap: int | None = None) -> tuple[int, bool]:
    """How many rows, counting no further than ``cap``; True when there are more.

    A list shows a page; its total only needs to be exact while it is small. Counting
    every dossier of a busy agency on each page would cost more than the page."""
    cap = COUNT_CAP if cap is None else cap
    counted = queryset.order_by().select_related(None).values("pk")[: cap + 1].count()
    return min(counted, cap), counted > cap


def page_ids_counted(
    found: QuerySet[Dossier], offset: int, limit: int, cap: int | None = None
) -> tuple[list[int], int, bool]:
    """A page's ids with :func:`count_capped`'s answer, in one query while the page lies
    within the cap: the first ``cap + 1`` ids in order give both; past the cap the two
    are asked apart.

    Only for the work queue, whose order an index gives inside its filter
    (``dossier_step_queue_cover_idx``): on the 5 M bench database a busy specialist's queue
    took 1.4 ms this way against 1.9 ms asked apart, a busy desk's 8.6 against 13.0. A
    list in id order is another matter: asked for 1,001 rows, PostgreSQL walked the
    primary key backwards through every agency's dossiers to find a small agency's 296
    (816 ms, against 53 ms for the page and the count apart)."""
    cap = COUNT_CAP if cap is None else cap
    if offset + limit > cap + 1:
        return page_ids(found, offset, limit), *count_capped(found, cap)
    ids = page_ids(found, 0, cap + 1)
    return ids[offset : offset + limit], min(len(ids), cap), len(ids) > cap


_QUEUE_IDS = CompiledByKey("work_queue_ids")


def queue_page_ids(
    user: User, f: DossierFilter, offset: int, limit: int, cap: int | None = None
) -> tuple[list[int], int, bool]:
    """:func:`page_ids_counted` of the user's :func:`work_queue` filtered by ``f``, with
    the SQL kept per connection for the official's roles and the filters: an official's
    queue is asked again and again in one shape, and building that shape (a condition
    per role, then the filters) cost more than running it. The roles are read on every
    call, so a role granted or taken away changes the key.

    Filters that depend on the clock (``late``) and pages past the cap are built anew."""
    cap = COUNT_CAP if cap is None else cap
    roles = staff_roles(user)
    if f.late is not None or offset + limit > cap + 1:
        return page_ids_counted(dossiers_filter(work_queue(user, roles), f), offset, limit, cap)
    shape = tuple((r.role, r.agency_id, r.unit.kind if r.unit else None) for r in roles)
    chosen = tuple(tuple(v) if isinstance(v, list) else v for v in astuple(f))
    key = (user.pk, user.kind, shape, chosen, cap)

    def build() -> QuerySet[Dossier, int]:
        found = dossiers_filter(work_queue(user, roles), f)
        return found.select_related(None).values_list("pk", flat=True)[: cap + 1]

    ids = [row[0] for row in _QUEUE_IDS.rows(key, build)]
    return ids[offset : offset + limit], min(len(ids), cap), len(ids) > cap


def urgency_conditions(now: datetime, day_end: datetime) -> tuple[Q, Q]:
    """(overdue, due before ``day_end``) by the current step's due instant, or the
    dossier's when it has no step; a stopped clock is neither."""
    running = Q(finished_at__isnull=True, closed_at__isnull=True) & ~Q(status__in=PAUSED_STATUSES)
    step_due = Q(current_step_due_at__isnull=False)
    overdue = running & (
        (step_due & Q(current_step_due_at__lt=now))
        | (Q(current_step_due_at__isnull=True) & Q(due_at__lt=now))
    )
    today = running & (
        (step_due & Q(current_step_due_at__gte=now, current_step_due_at__lt=day_end))
        | (Q(current_step_due_at__isnull=True) & Q(due_at__gte=now, due_at__lt=day_end))
    )
    return overdue, today


def late_condition(now: datetime) -> Q:
    """Past the appointment: finished after it, or still open after it (not while the
    clock is stopped waiting for the citizen)."""
    open_late = Q(finished_at__isnull=True, closed_at__isnull=True, due_at__lt=now) & ~Q(
        status__in=PAUSED_STATUSES
    )
    return open_late | Q(finished_at__gt=F("due_at"))


@dataclass
class DossierFilter:
    status: list[int] = field(default_factory=list)
    procedure: str = ""
    unit: int | None = None
    assignee: int | None = None
    due_before: datetime | None = None
    late: bool | None = None
    channel: int | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None
    code: str = ""


def dossiers_filter(queryset: QuerySet[Dossier], f: DossierFilter) -> QuerySet[Dossier]:
    if f.status:
        queryset = queryset.filter(status__in=f.status)
    if f.procedure:
        queryset = queryset.filter(procedure_version__procedure__code=f.procedure)
    if f.unit is not None:
        queryset = queryset.filter(current_unit_id=f.unit)
    if f.assignee is not None:
        queryset = queryset.filter(assignee_id=f.assignee)
    if f.due_before is not None:
        queryset = queryset.filter(due_at__lt=f.due_before)
    if f.late is not None:
        condition = late_condition(timezone.now())
        queryset = queryset.filter(condition) if f.late else queryset.exclude(condition)
    if f.channel is not None:
        queryset = queryset.filter(channel=f.channel)
    if f.received_from is not None:
        queryset = queryset.filter(received_at__gte=f.received_from)
    if f.received_to is not None:
        queryset = queryset.filter(received_at__lt=f.received_to)
    if f.code:
        queryset = queryset.filter(code__startswith=f.code.strip())
    return queryset


CITIZEN_REASONS = frozenset(
    {"request_supplement", "request_obligation", "refuse", "stop", "withdraw", "apologize"}
)


def dossier_timeline(dossier: Dossier, *, viewer: User) -> list[DossierEvent]:
    """The dossier's events, oldest first. A citizen sees the steps and dates, the
    reasons meant for them and the notes they wrote themselves (a supplement's, a
    withdrawal's); internal notes stay with the officials."""
    events = list(
        dossier.events.select_related(
            "actor", "to_step", "from_step", "from_unit", "to_unit"
        ).order_by("at", "id")
    )
    if viewer.kind == User.Kind.CITIZEN:
        for event in events:
            if event.action not in CITIZEN_REASONS and event.actor_id != viewer.pk:
                event.reason = ""
    return events


def dossier_messages(dossier: Dossier) -> QuerySet[Message]:
    return dossier.messages.select_related("author").order_by("at", "id")


def process_control_rows(dossier: Dossier) -> QuerySet[DossierEvent]:
    """The hand-offs of the process control slip: from, to, when, early/on time/late."""
    return (
        dossier.events.exclude(timeliness="")
        .select_related("from_step", "to_step", "from_unit", "to_unit", "actor", "to_user")
        .order_by("at", "id")
    )


def step_officials(agency_id: int, step: ProcessStep) -> list[User]:
    """The officials who hold ``step`` at the agency (its role, in a unit of its kind or in
    none), by name: whom a dossier may be handed to at that step."""
    holders = StaffRole.objects.filter(agency_id=agency_id, role=step.role).filter(
        Q(unit__isnull=True) | Q(unit__kind=step.unit_kind)
    )
    return list(
        User.objects.filter(pk__in=holders.values("user_id"), is_active=True).order_by(
            "full_name", "username"
        )
    )
