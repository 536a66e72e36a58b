"""No foreign key of the busiest tables carries an index of its own where a composite
index already starts with it: every audit row, checklist line and dossier write would
pay for both (migration 0006), while the constraints themselves stay."""

from __future__ import annotations

import pytest
from django.db import connection

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
