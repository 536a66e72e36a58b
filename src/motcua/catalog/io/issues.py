"""Collecting every problem of an imported file before anything is written."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from motcua.catalog.io.columns import Column
from motcua.catalog.io.fields import FieldError
from motcua.catalog.io.records import Where

# Past this many problems the file is clearly not a catalog; listing more helps nobody.
MAX_ISSUES = 200


@dataclass(frozen=True)
class Issue:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class CatalogFileError(Exception):
    """The file cannot be imported; ``issues`` says every place and why."""

    def __init__(self, issues: Sequence[Issue], omitted: int = 0) -> None:
        self.issues = list(issues)
        self.omitted = omitted
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        result = [str(issue) for issue in self.issues]
        if self.omitted:
            result.append(f"... và {self.omitted} lỗi khác.")
        return result


class Issues:
    def __init__(self) -> None:
        self.items: list[Issue] = []
        self.omitted = 0

    def add(self, where: str, message: str) -> None:
        if len(self.items) >= MAX_ISSUES:
            self.omitted += 1
            return
        self.items.append(Issue(where, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise CatalogFileError(self.items, self.omitted)


def fail(message: str, where: str = "") -> CatalogFileError:
    return CatalogFileError([Issue(where, message)])


def read_columns(
    columns: Sequence[Column],
    get: Callable[[Column], Any],
    where: Where,
    issues: Issues,
) -> dict[str, Any] | None:
    """Convert each column's raw value; None when at least one value was wrong."""
    values: dict[str, Any] = {}
    ok = True
    for column in columns:
        raw = get(column)
        if raw is MISSING_VALUE:
            if column.required:
                issues.add(where.at(column.key), "thiếu giá trị bắt buộc")
                ok = False
            else:
                values[column.key] = copy.copy(column.default)
            continue
        try:
            values[column.key] = column.read(raw)
        except FieldError as exc:
            issues.add(where.at(column.key), str(exc))
            ok = False
    return values if ok else None


MISSING_VALUE: Any = object()
