"""Read-side queries of the organizations app."""

from __future__ import annotations

import json
from typing import Any

from django.db import connections
from django.db.models import Func, QuerySet, TextField

from motcua.accounts.models import User
from motcua.core.compiled import INT_MARKER, CompiledGet
from motcua.organizations.models import StaffRole, Unit


def roles_query(user_id: int) -> QuerySet[StaffRole]:
    return StaffRole.objects.filter(user_id=user_id).select_related("unit").order_by("id")


# Every official's request asks what they hold (the work queue, each action's step and
# role checks); built with the ORM each time, the question cost more than its answer.
_ROLES = CompiledGet("staff_roles_of_user", roles_query, marker=INT_MARKER)


def staff_roles(user: User) -> list[StaffRole]:
    """Every role the user holds, with its unit (or none), read now: a role granted or
    taken away counts from the next question on. Acting through an API token, only the
    roles at the token's agency (``User.acting_agency_id``), read with the token when the
    request began (``User.roles_known``)."""
    if not user.is_authenticated:
        return []
    if user.roles_known is not None:
        return user.roles_known
    held = _ROLES.all(user.pk)
    if user.acting_agency_id is not None:
        held = [role for role in held if role.agency_id == user.acting_agency_id]
    return held


_UNIT_COLUMNS = tuple(f.column for f in Unit._meta.concrete_fields)
_UNIT_ATTNAMES = tuple(f.attname for f in Unit._meta.concrete_fields)


class AgencyUnits(Func):
    """The units of the agency whose id is the expression, as JSON text: a list of rows
    of ``Unit``'s columns, by code. For a read that already holds the agency's id (a
    dossier's claim, an agency read by code) to bring its units along, instead of a
    read of its own when a step is entered (:func:`units_from_json`)."""

    output_field = TextField()
    arity = 1

    def as_sql(  # a whole subquery: no function, template or joiner to fill
        self, compiler: Any, connection: Any, *args: Any, **extra: Any
    ) -> tuple[str, list[Any]]:
        agency_sql, params = compiler.compile(self.source_expressions[0])
        quote = connection.ops.quote_name
        table = quote(Unit._meta.db_table)
        columns = ", ".join(f"u.{quote(c)}" for c in _UNIT_COLUMNS)
        agency = quote(Unit._meta.get_field("agency").column)
        code = quote(Unit._meta.get_field("code").column)
        if connection.vendor == "postgresql":
            rows = f"json_agg(json_build_array({columns}) ORDER BY u.{code})"
            sql = f"(SELECT COALESCE({rows}, '[]')::text FROM {table} u WHERE u.{agency} = {agency_sql})"  # noqa: E501, S608
        else:
            # SQLite does not promise an aggregate's order: units_from_json sorts these.
            rows = f"json_group_array(json_array({columns}))"
            sql = f"(SELECT {rows} FROM {table} u WHERE u.{agency} = {agency_sql})"  # noqa: S608
        return sql, params


def units_from_json(text: str, alias: str) -> list[Unit]:
    """The units :class:`AgencyUnits` read on the database ``alias``, as saved instances,
    by code (as the database orders them: PostgreSQL sorted them by its collation;
    SQLite's binary order is the characters' own)."""
    units = [Unit.from_db(alias, _UNIT_ATTNAMES, tuple(row)) for row in json.loads(text or "[]")]
    if connections[alias].vendor != "postgresql":
        units.sort(key=lambda unit: unit.code)
    return units
