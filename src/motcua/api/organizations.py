"""Agencies and administrative units: public reference data."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from motcua.core.text import fold
from motcua.organizations.models import AdministrativeUnit, Agency

router = Router(tags=["Cơ quan, đơn vị hành chính"])


class AgencyQuery(Schema):
    level: Literal["", "central", "province", "commune"] = ""
    q: str = Field("", max_length=100)
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


class AgencyOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None
    administrative_unit: str | None
    valid_from: date
    valid_to: date | None
    successor: str | None
    address: str
    phone: str


class AgencyList(Schema):
    items: list[AgencyOut]
    count: int


class UnitQuery(Schema):
    level: Literal["province", "commune"] | None = None
    province: str = Field("", max_length=10, description="Mã tỉnh (chỉ với level=commune)")
    q: str = Field("", max_length=100)
    limit: int = Field(100, ge=1, le=5000)
    offset: int = Field(0, ge=0, le=1_000_000)


class AdministrativeUnitOut(Schema):
    code: str
    name: str
    division_type: str
    level: str
    province: str | None


class AdministrativeUnitList(Schema):
    items: list[AdministrativeUnitOut]
    count: int


@router.get("/agencies", response=AgencyList, summary="Cơ quan tiếp nhận, giải quyết")
def list_agencies(request: HttpRequest, query: Query[AgencyQuery]) -> dict[str, object]:
    agencies = Agency.objects.select_related("parent", "administrative_unit", "successor")
    if query.level:
        agencies = agencies.filter(level=query.level)
    if query.q:
        agencies = agencies.filter(Q(code__iexact=query.q) | Q(name__icontains=query.q))
    count = agencies.count()
    page = agencies.order_by("level", "code")[query.offset : query.offset + query.limit]
    return {
        "count": count,
        "items": [
            {
                "code": a.code,
                "name": a.name,
                "level": a.level,
                "parent": a.parent.code if a.parent else None,
                "administrative_unit": a.administrative_unit.code
                if a.administrative_unit
                else None,
                "valid_from": a.valid_from,
                "valid_to": a.valid_to,
                "successor": a.successor.code if a.successor else None,
                "address": a.address,
                "phone": a.phone,
            }
            for a in page
        ],
    }


@router.get(
    "/administrative-units",
    response=AdministrativeUnitList,
    summary="Tỉnh, thành phố và xã, phường",
)
def list_administrative_units(request: HttpRequest, query: Query[UnitQuery]) -> dict[str, object]:
    units = AdministrativeUnit.objects.select_related("parent")
    if query.level:
        units = units.filter(level=query.level)
    if query.province:
        units = units.filter(parent__code=query.province)
    if query.q:
        units = units.filter(name_folded__contains=fold(query.q))
    count = units.count()
    page = units.order_by("code")[query.offset : query.offset + query.limit]
    return {
        "count": count,
        "items": [
            {
                "code": u.code,
                "name": u.name,
                "division_type": u.division_type,
                "level": u.level,
                "province": u.parent.code if u.parent else None,
            }
            for u in page
        ],
    }
