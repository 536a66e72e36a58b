"""A read whose shape never changes, turned into SQL once per database connection.

Django compiles a queryset to SQL on every evaluation: for the public look-up (one
dossier by code, eight columns) that was 0.4 ms of the 0.55 ms the read took, on the
busiest public page. :class:`CompiledRead` builds the queryset once with a marker in
place of the one value that changes, keeps the SQL, the parameters and the value
converters Django would apply, and afterwards only swaps the value in and runs the SQL.

The queryset is still written with the ORM, so it is checked, typed and migrated with the
models; the saved SQL is the ORM's own. It is kept on the connection object Django gives
each thread, so it follows the database that thread talks to.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]

STR_MARKER = "\x00motcua-compiled-read-marker\x00"
"""The marker for a read by a string (a code)."""
INT_MARKER = -7_318_846_201_375_519
"""The marker for a read by an integer (a primary key): no row has this id."""

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[int, ...]
    compiler: Any


def _compile(queryset: QuerySet[Any], markers: Sequence[object], using: str) -> _Compiled:
    """The queryset's SQL with the position of each marker among its parameters."""
    return _located(queryset.query.get_compiler(using=using), markers)


def _located(compiler: Any, markers: Sequence[object]) -> _Compiled:
    sql, params = compiler.as_sql()
    slots = []
    for marker in markers:
        # By type too (a number never stands for a text); a subclass counts: Django wraps
        # integers bound for PostgreSQL in psycopg's Int2/Int4; the value is sent as int.
        found = [i for i, p in enumerate(params) if p == marker and isinstance(p, type(marker))]
        if len(found) != 1:
            raise ValueError(
                f"each value must appear once among the parameters, not {len(found)} times"
            )
        slots.append(found[0])
    return _Compiled(sql=sql, params=tuple(params), slots=tuple(slots), compiler=compiler)


def _fetch_one(compiled: _Compiled, values: Sequence[object], using: str) -> Any:
    with connections[using].cursor() as cursor:
        cursor.execute(compiled.sql, _params(compiled, values))
        return cursor.fetchone()


def _fetch_all(compiled: _Compiled, values: Sequence[object], using: str) -> list[Any]:
    with connections[using].cursor() as cursor:
        cursor.execute(compiled.sql, _params(compiled, values))
        return cursor.fetchall()


def _params(compiled: _Compiled, values: Sequence[object]) -> list[Any]:
    params = list(compiled.params)
    for slot, value in zip(compiled.slots, values, strict=True):
        params[slot] = value
    return params


class _PerConnection:
    """Keeps what ``_compile`` made on each thread's connection object, made once."""

    def __init__(self, name: str, make: Callable[[str], Any]) -> None:
        self._attr = f"_motcua_compiled_{name}"
        self._make = make

    def _compiled(self, using: str) -> Any:
        connection = connections[using]
        compiled = getattr(connection, self._attr, None)
        if compiled is None:
            compiled = self._make(using)
            setattr(connection, self._attr, compiled)
        return compiled


@dataclass(frozen=True)
class _CompiledValues:
    query: _Compiled
    names: tuple[str, ...]
    converters: dict[int, tuple[list[Any], Any]]

    def as_dicts(self, rows: list[Any]) -> list[dict[str, Any]]:
        if self.converters:
            rows = list(self.query.compiler.apply_converters(rows, self.converters))
        return [dict(zip(self.names, row, strict=True)) for row in rows]


def _compile_values(queryset: QuerySet[Any], markers: Sequence[object], using: str) -> Any:
    query = _compile(queryset, markers, using)
    names = _names(queryset)
    selected = [column for column, _, _ in query.compiler.select]
    if len(selected) != len(names):
        raise ValueError("the read must select exactly the named fields")
    return _CompiledValues(query, names, query.compiler.get_converters(selected))


class CompiledRead(_PerConnection):
    """``build(value)`` returns a ``values_list`` queryset in which ``value`` is the only
    parameter that changes between calls; :meth:`first` gives its first row as a dict
    keyed by the selected names, or ``None``.

    With ``markers`` (one per value, each distinct), ``build(*markers)`` and
    ``first(*values)`` take several values instead."""

    def __init__(
        self,
        name: str,
        build: Callable[..., QuerySet[Any]],
        marker: object = STR_MARKER,
        *,
        markers: Sequence[object] = (),
    ) -> None:
        super().__init__(name, self._compile)
        self._build = build
        self._markers = tuple(markers) or (marker,)

    def first(self, *values: object, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any] | None:
        compiled: _CompiledValues = self._compiled(using)
        row = _fetch_one(compiled.query, values, using)
        return None if row is None else compiled.as_dicts([row])[0]

    def all(self, *values: object, using: str = DEFAULT_DB_ALIAS) -> list[dict[str, Any]]:
        """Every row the read finds, in its order."""
        compiled: _CompiledValues = self._compiled(using)
        return compiled.as_dicts(_fetch_all(compiled.query, values, using))

    def _compile(self, using: str) -> _CompiledValues:
        return _compile_values(self._build(*self._markers), self._markers, using)


class CompiledReadIn(_PerConnection):
    """``build(ids)`` returns a ``values_list`` queryset whose only changing parameters
    are ``ids`` (``pk__in=ids``, say); :meth:`rows` gives its rows as dicts.

    ``IN`` takes one parameter per id, so the SQL is kept per number of ids: a page has
    one of few sizes (20, 50, the last one's rest), and past ``MAX_IDS`` ids the read is
    compiled each time, as Django would."""

    MAX_IDS = 300

    def __init__(self, name: str, build: Callable[[list[int]], QuerySet[Any]]) -> None:
        super().__init__(name, lambda using: {})
        self._build = build

    def rows(self, ids: Sequence[int], using: str = DEFAULT_DB_ALIAS) -> list[dict[str, Any]]:
        if not ids:
            return []
        markers = [INT_MARKER - i for i in range(len(ids))]
        if len(ids) > self.MAX_IDS:
            compiled = _compile_values(self._build(markers), markers, using)
        else:
            by_size: dict[int, _CompiledValues] = self._compiled(using)
            compiled = by_size.get(len(ids))
            if compiled is None:
                compiled = by_size[len(ids)] = _compile_values(self._build(markers), markers, using)
        return compiled.as_dicts(_fetch_all(compiled.query, ids, using))


class CompiledByKey(_PerConnection):
    """The SQL of reads whose shape depends on more than a value or two (a work queue:
    the official's roles and the filters chosen), kept per connection under a key that
    names everything the read is built from, up to ``size`` keys, the least recently
    used dropped first. Only the SQL is kept: every call runs it and reads fresh rows.

    Rows come back as the database gives them, without Django's converters: for ids and
    plain columns. A read that depends on the clock must not be kept this way."""

    def __init__(self, name: str, size: int = 256) -> None:
        super().__init__(name, lambda using: OrderedDict())
        self._size = size

    def rows(
        self, key: Hashable, build: Callable[[], QuerySet[Any]], using: str = DEFAULT_DB_ALIAS
    ) -> list[tuple[Any, ...]]:
        kept: OrderedDict[Hashable, tuple[str, tuple[Any, ...]]] = self._compiled(using)
        found = kept.get(key)
        if found is None:
            sql, params = build().query.get_compiler(using=using).as_sql()
            found = kept[key] = (sql, tuple(params))
            if len(kept) > self._size:
                kept.popitem(last=False)
        else:
            kept.move_to_end(key)
        with connections[using].cursor() as cursor:
            cursor.execute(*found)
            return cursor.fetchall()


@dataclass(frozen=True)
class _CompiledObjects:
    query: _Compiled
    model: type[Model]
    init_list: tuple[str, ...]
    own: slice
    populators: list[Any]
    annotations: tuple[tuple[str, int], ...]
    converters: dict[int, tuple[list[Any], Any]]


class CompiledGet(_PerConnection, Generic[M]):
    """``build(value)`` returns a queryset of model instances (``select_related``
    allowed) in which ``value`` is the only parameter that changes; :meth:`first` gives
    its first instance, related rows attached as the ORM attaches them, or ``None``, and
    :meth:`all` every instance. With ``markers``, as for :class:`CompiledRead`, the read
    takes several values.

    What Django's model iterable does with a compiled query, done with the compiled
    query kept: the rows become instances through the same ``from_db`` and related
    populators, each annotation set as an attribute. Reads the iterable would treat
    otherwise (prefetches, ``values``, ``extra``) are refused."""

    def __init__(
        self,
        name: str,
        build: Callable[..., QuerySet[M]],
        marker: object = STR_MARKER,
        *,
        markers: Sequence[object] = (),
    ) -> None:
        super().__init__(name, self._compile)
        self._build = build
        self._markers = tuple(markers) or (marker,)

    def first(self, *values: object, using: str = DEFAULT_DB_ALIAS) -> M | None:
        compiled: _CompiledObjects = self._compiled(using)
        row = _fetch_one(compiled.query, values, using)
        return None if row is None else self._instances(compiled, [row], using)[0]

    def all(self, *values: object, using: str = DEFAULT_DB_ALIAS) -> list[M]:
        """Every instance the read finds, in its order."""
        compiled: _CompiledObjects = self._compiled(using)
        return self._instances(compiled, _fetch_all(compiled.query, values, using), using)

    @staticmethod
    def _instances(compiled: _CompiledObjects, rows: list[Any], using: str) -> list[M]:
        found: list[Any] = []
        # Django's results_iter would look the converters up again for every column of
        # every joined table on each call.
        converted: Iterable[Any] = rows
        if compiled.converters:
            converted = compiled.query.compiler.apply_converters(rows, compiled.converters)
        for row in converted:
            obj = compiled.model.from_db(using, list(compiled.init_list), row[compiled.own])
            for populator in compiled.populators:
                populator.populate(row, obj)
            for name, position in compiled.annotations:
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def _compile(self, using: str) -> _CompiledObjects:
        queryset = self._build(*self._markers)
        query = queryset.query
        if query.values_select or query.extra_select:
            raise ValueError("a compiled get reads whole instances, not values or extra")
        lookups = getattr(queryset, "_prefetch_related_lookups", ())
        if lookups or getattr(queryset, "_known_related_objects", {}):
            raise ValueError("a compiled get cannot prefetch")
        compiled = _compile(queryset, self._markers, using)
        compiler = compiled.compiler
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        own = slice(fields[0], fields[-1] + 1)
        selected = [column for column, _, _ in select[: compiler.col_count]]
        if compiler.has_composite_fields(selected):
            raise ValueError("a compiled get reads models without a composite primary key")
        return _CompiledObjects(
            query=compiled,
            model=klass_info["model"],
            init_list=tuple(column[0].target.attname for column in select[own]),
            own=own,
            populators=get_related_populators(klass_info, select, using),
            annotations=tuple(compiler.annotation_col_map.items()),
            converters=compiler.get_converters(selected),
        )


def _names(queryset: QuerySet[Any]) -> tuple[str, ...]:
    query = queryset.query
    fields: Sequence[str] = [*query.extra_select, *query.values_select, *query.annotation_select]
    if not query.values_select:
        raise ValueError("a compiled read must name its fields (values_list)")
    return tuple(fields)
