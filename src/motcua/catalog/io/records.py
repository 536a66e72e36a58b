"""The catalog as plain values: what an import reads, an export writes and the database holds.

Both file formats (JSON and the Excel workbook) read into these records and write from
them, so an export followed by an import compares equal record by record. ``where`` tells
a person where a record came from (a sheet and row, or a JSON path); it never takes part
in comparisons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from motcua.workdays.durations import Duration

FORMAT_NAME = "motcua-catalog"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Where:
    """A place in the imported file, rendered in Vietnamese for error messages."""

    label: str
    columns: dict[str, str] = field(default_factory=dict, compare=False)
    json_style: bool = False

    def at(self, key: str | None = None) -> str:
        if key is None:
            return self.label
        if self.json_style:
            return f"{self.label}.{key}"
        return f"{self.label}, cột '{self.columns.get(key, key)}'"


NOWHERE = Where("")


@dataclass
class DocumentRecord:
    code: str
    name: str
    originals: int = 1
    copies: int = 0
    requirement: str = "mandatory"
    condition: str = ""
    action: str = "submit"
    accepted_types: list[str] = field(default_factory=list)
    form_template: str = ""
    declared_online: bool = False
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass
class FeeRecord:
    name: str
    kind: str
    amount: int | None = None
    unit: str = ""
    channel: str = "any"
    exemptions: str = ""
    note: str = ""
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass
class StepRecord:
    name: str
    unit_kind: str
    role: str
    budget_hours: Decimal
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass
class VersionRecord:
    number: int
    effective_from: date
    duration: Duration
    change_kind: str = "issued"
    publishing_decision: str = ""
    change_summary: str = ""
    published_at: datetime | None = None
    duration_note: str = ""
    channel_durations: dict[str, str] = field(default_factory=dict)
    cutoff_time: time | None = None
    fee_summary: str = ""
    results: list[str] = field(default_factory=list)
    legal_basis: list[str] = field(default_factory=list)
    conditions: str = ""
    steps_description: str = ""
    submission_place: str = ""
    result_place: str = ""
    applicants: str = ""
    declaration_schema: dict[str, Any] = field(default_factory=dict)
    documents: list[DocumentRecord] = field(default_factory=list)
    fees: list[FeeRecord] = field(default_factory=list)
    steps: list[StepRecord] = field(default_factory=list)
    where: Where = field(default=NOWHERE, compare=False, repr=False)

    def content(self) -> dict[str, Any]:
        """Everything a dossier relies on: two versions with equal content are the same rule."""
        values = {k: v for k, v in vars(self).items() if k not in {"published_at", "where"}}
        values["documents"] = [_plain(d) for d in self.documents]
        values["fees"] = [_plain(f) for f in self.fees]
        values["steps"] = [_plain(s) for s in self.steps]
        return values


@dataclass
class ProcedureRecord:
    code: str
    name: str
    sector: str
    level: str
    service_level: str
    managing_ministry: str = ""
    keywords: str = ""
    is_demo: bool = False
    abolished_on: date | None = None
    abolition_decision: str = ""
    replaced_by: str | None = None
    versions: list[VersionRecord] = field(default_factory=list)
    where: Where = field(default=NOWHERE, compare=False, repr=False)

    def attributes(self) -> dict[str, Any]:
        """The procedure's own fields (versions excluded), keyed like the model's."""
        return {
            k: v for k, v in vars(self).items() if k not in {"versions", "where", "replaced_by"}
        }


@dataclass
class SectorRecord:
    code: str
    name: str
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass
class CatalogRecord:
    sectors: list[SectorRecord] = field(default_factory=list)
    procedures: list[ProcedureRecord] = field(default_factory=list)
    notes: str = field(default="", compare=False)


def _plain(record: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k != "where"}
