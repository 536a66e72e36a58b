"""Public catalog: procedures and sectors. Read-only, no authentication."""

from __future__ import annotations

from datetime import date, time
from typing import Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from motcua.catalog import selectors
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.core.json_answer import JsonAnswer
from motcua.workdays.wording import duration_text

router = Router(tags=["Danh mục thủ tục"])


class Page(Schema):
    limit: int = Field(20, ge=1, le=200, description="Số bản ghi tối đa (1–200)")
    offset: int = Field(0, ge=0, le=1_000_000, description="Bỏ qua bao nhiêu bản ghi")


class ProcedureQuery(Page):
    q: str = Field("", max_length=200, description="Tìm kiếm, có dấu hoặc không dấu")
    sector: str = Field("", max_length=60, description="Mã lĩnh vực")
    agency: str = Field("", max_length=35, description="Mã định danh cơ quan")
    level: Literal["", "central", "province", "commune"] = ""


class SectorOut(Schema):
    code: str
    name: str


class DurationOut(Schema):
    value: str
    unit: str
    text: str


class ProcedureOut(Schema):
    code: str
    name: str
    sector: SectorOut
    level: str
    service_level: str
    duration: DurationOut | None
    fee_summary: str
    abolished_on: date | None
    is_demo: bool


class DocumentOut(Schema):
    code: str
    name: str
    originals: int
    copies: int
    requirement: str
    condition: str
    action: str
    accepted_types: list[str]
    form_template: str
    declared_online: bool = Field(
        description="Khi nộp trực tuyến, tờ khai điện tử thay cho giấy tờ này (không tải tệp)"
    )


class FeeOut(Schema):
    name: str
    kind: str
    amount: int | None = Field(description="Đồng (VND)")
    unit: str
    channel: str
    exemptions: str
    note: str


class StepOut(Schema):
    order: int
    name: str
    unit_kind: str
    role: str
    budget_hours: float


class VersionOut(Schema):
    number: int
    effective_from: date
    change_kind: str
    publishing_decision: str
    duration: DurationOut
    duration_note: str
    channel_durations: dict[str, str]
    cutoff_time: time | None
    documents: list[DocumentOut]
    fees: list[FeeOut]
    steps: list[StepOut]
    results: list[str]
    legal_basis: list[str]
    declaration_schema: dict[str, object]
    conditions: str
    steps_description: str
    submission_place: str
    result_place: str
    applicants: str


class AgencyRef(Schema):
    code: str
    name: str


class ProcedureDetailOut(ProcedureOut):
    managing_ministry: str
    agencies: list[AgencyRef]
    replaced_by: str | None
    current_version: VersionOut | None


class ProcedureList(Schema):
    items: list[ProcedureOut]
    count: int


class SectorWithCount(SectorOut):
    procedure_count: int


class SectorList(Schema):
    items: list[SectorWithCount]
    count: int


def _duration(version: ProcedureVersion | None) -> dict[str, str] | None:
    if version is None:
        return None
    d = version.duration
    return {
        "value": format(d.value.normalize(), "f"),
        "unit": d.unit.value,
        "text": duration_text(d),
    }


def _summary(p: Procedure) -> dict[str, object]:
    version = selectors.current_version(p)
    return {
        "code": p.code,
        "name": p.name,
        "sector": {"code": p.sector.code, "name": p.sector.name},
        "level": p.level,
        "service_level": p.service_level,
        "duration": _duration(version),
        "fee_summary": version.fee_summary if version else "",
        "abolished_on": p.abolished_on,
        "is_demo": p.is_demo,
    }


@router.get("/procedures", response=ProcedureList, summary="Danh sách và tìm kiếm thủ tục")
def list_procedures(request: HttpRequest, query: Query[ProcedureQuery]) -> JsonAnswer:
    found = selectors.search_procedures(
        selectors.ProcedureFilters(
            q=query.q, sector=query.sector, agency=query.agency, level=query.level
        )
    )
    page = found[query.offset : query.offset + query.limit]
    # Built to ProcedureList's shape (a test holds it to the schema) and sent as is:
    # validating 20 summaries against it again was a third of a search's time.
    return JsonAnswer({"items": [_summary(p) for p in page], "count": len(found)})


@router.get("/procedures/{code}", response=ProcedureDetailOut, summary="Chi tiết thủ tục")
def get_procedure(request: HttpRequest, code: str) -> dict[str, object]:
    procedure = selectors.procedure_detail(code) if len(code) <= 10 else None
    if procedure is None:
        raise Http404(_("Không có thủ tục mã %(code)s.") % {"code": code[:20]})
    version = selectors.current_version(procedure)
    data = _summary(procedure)
    data.update(
        managing_ministry=procedure.managing_ministry,
        agencies=[{"code": a.code, "name": a.name} for a in procedure.agencies.all()],
        replaced_by=procedure.replaced_by.code if procedure.replaced_by else None,
        current_version=_version(version) if version else None,
    )
    return data


def _version(v: ProcedureVersion) -> dict[str, object]:
    return {
        "number": v.number,
        "effective_from": v.effective_from,
        "change_kind": v.change_kind,
        "publishing_decision": v.publishing_decision,
        "duration": _duration(v),
        "duration_note": v.duration_note,
        "channel_durations": v.channel_durations or {},
        "cutoff_time": v.cutoff_time,
        "documents": list(v.documents.all()),
        "fees": list(v.fees.all()),
        "steps": list(v.steps.all()),
        "results": v.results,
        "legal_basis": v.legal_basis,
        "declaration_schema": v.declaration_schema,
        "conditions": v.conditions,
        "steps_description": v.steps_description,
        "submission_place": v.submission_place,
        "result_place": v.result_place,
        "applicants": v.applicants,
    }


@router.get("/sectors", response=SectorList, summary="Lĩnh vực")
def list_sectors(request: HttpRequest) -> dict[str, object]:
    items = list(selectors.sectors_with_counts())
    return {"items": items, "count": len(items)}
