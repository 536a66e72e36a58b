"""Administrative units as published by the `vietnam-provinces` package.

The package follows the official list (34 provinces, 3,321 communes since 1 July 2025);
its codes are the General Statistics Office codes, zero-padded as officials write them.
"""

from __future__ import annotations

from collections.abc import Iterator

from vietnam_provinces import Province, Ward

from motcua.organizations.models import AdministrativeUnit
from motcua.organizations.services import UnitRecord


def province_code(number: int) -> str:
    return f"{number:02d}"


def commune_code(number: int) -> str:
    return f"{number:05d}"


def administrative_unit_records() -> Iterator[UnitRecord]:
    for province in Province.iter_all():
        yield UnitRecord(
            code=province_code(province.code.value),
            name=province.name,
            division_type=province.division_type.value,
            level=AdministrativeUnit.Level.PROVINCE,
        )
    for ward in Ward.iter_all():
        yield UnitRecord(
            code=commune_code(ward.code.value),
            name=ward.name,
            division_type=ward.division_type.value,
            level=AdministrativeUnit.Level.COMMUNE,
            parent_code=province_code(ward.province_code.value),
        )
