"""No foreign key of the busiest tables carries an index of its own where a composite
index already starts with it: every audit row, checklist line and dossier write would
pay for both (migration 0006), while the constraints themselves stay. The work queue is
read off its index alone (migration 0007), a citizen's dossiers off theirs (0009)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from motcua.accounts.models import User
from motcua.dossiers.cursor import Cursor
from motcua.dossiers.models import Status
from motcua.dossiers.selectors import (
    MINE_FIELDS,
    DossierFilter,
    _citizen_rows,
    dossiers_filter,
    work_queue,
)
from motcua.organizations.models import StaffRole

pytestmark = pytest.mark.django_db

LEADING = [
    ("dossiers_dossier", "applicant_id"),
    ("dossiers_dossierdocument", "dossier_id"),
    ("dossiers_dossierevent", "dossier_id"),
]


@pytest.mark.parametrize(("table", "column"), LEADING)
def test_one_index_leads_with_the_foreign_key_and_the_constraint_stays(
    table: str, column: str
) -> None:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)

    leading = [
        name
        for name, c in constraints.items()
        if (c["index"] or c["unique"]) and not c["primary_key"] and c["columns"][:1] == [column]
    ]
    alone = [name for name in leading if constraints[name]["columns"] == [column]]
    assert len(leading) == 1, leading
    assert alone == []
    assert any(c["foreign_key"] and c["columns"] == [column] for c in constraints.values())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="INCLUDE is PostgreSQL's")
@pytest.mark.parametrize("by", ["unit", "status", "assignee", None])
def test_a_work_queue_filtered_by_unit_status_or_assignee_is_read_off_the_index(
    specialist: User, by: str | None
) -> None:
    """The queue's ids, as an official asks for them (their roles' conditions, then a
    filter), need nothing but ``dossier_step_queue_cover_idx``: with every other way to
    read the table turned off, PostgreSQL still plans an index-only scan on it. Without
    the included columns it could not, and would visit a heap page for each dossier."""
    unit = StaffRole.objects.get(user=specialist).unit
    assert unit is not None
    f = {
        "unit": DossierFilter(unit=unit.pk),
        "status": DossierFilter(status=[Status.PROCESSING]),
        "assignee": DossierFilter(assignee=specialist.pk),
        None: DossierFilter(),
    }[by]
    ids = dossiers_filter(work_queue(specialist), f).select_related(None).values_list("pk")
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_indexscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        plan = json.loads(ids[:1001].explain(format="json"))
    scans = [
        (node["Node Type"], node.get("Index Name"))
        for node in _nodes(plan[0]["Plan"])
        if "Scan" in node["Node Type"]
    ]
    assert scans == [("Index Only Scan", "dossier_step_queue_cover_idx")]


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="plans are PostgreSQL's")
@pytest.mark.parametrize("page", ["first", "older"])
def test_my_dossiers_pages_are_read_off_the_applicants_index_without_a_sort(
    citizen: User, page: str
) -> None:
    """A citizen's page comes in the index's order: however many dossiers a business
    has, nothing sorts them all (migration 0009). With sorting and the other ways to
    read the table turned off, PostgreSQL still plans it; without the index it could
    not."""
    rows = _citizen_rows(citizen.pk)
    if page == "older":
        rows = rows.filter(Cursor(timezone.now(), 10**9).below("created_at"))
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        plan = json.loads(rows.values(*MINE_FIELDS)[:51].explain(format="json"))
    nodes = list(_nodes(plan[0]["Plan"]))
    assert not [n for n in nodes if n["Node Type"] in ("Sort", "Incremental Sort")]
    assert ("Index Scan", "dossier_applicant_newest_idx", "Backward") in [
        (n["Node Type"], n.get("Index Name"), n.get("Scan Direction")) for n in nodes
    ]
