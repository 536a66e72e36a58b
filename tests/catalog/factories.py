"""Building procedures for tests, published the way the catalog service publishes them."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

from motcua.catalog.models import (
    Fee,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    Sector,
)
from motcua.catalog.services import version_publish
from motcua.core.text import fold
from motcua.organizations.models import Agency

BIRTH_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["child_name", "birth_date"],
    "properties": {
        "child_name": {"type": "string", "title": "Họ, chữ đệm, tên người được khai sinh"},
        "birth_date": {"type": "string", "format": "date", "title": "Ngày, tháng, năm sinh"},
    },
}


def sector(name: str) -> Sector:
    obj, _ = Sector.objects.get_or_create(
        code=fold(name).replace(" ", "-"), defaults={"name": name}
    )
    return obj


def procedure(
    code: str,
    name: str,
    sector_name: str = "Hộ tịch",
    *,
    duration: tuple[str, str] = ("5", "d"),
    cutoff: time | None = None,
    agencies: list[Agency] | None = None,
    effective_from: date = date(2025, 7, 1),
    level: str = "commune",
    service_level: str = "full_online",
    keywords: str = "",
    publish: bool = True,
) -> Procedure:
    proc = Procedure.objects.create(
        code=code,
        name=name,
        sector=sector(sector_name),
        level=level,
        service_level=service_level,
        keywords=keywords,
    )
    if agencies:
        proc.agencies.set(agencies)
    version = ProcedureVersion.objects.create(
        procedure=proc,
        number=1,
        effective_from=effective_from,
        duration_value=Decimal(duration[0]),
        duration_unit=duration[1],
        cutoff_time=cutoff,
        declaration_schema=BIRTH_SCHEMA,
        results=["Giấy khai sinh"],
        legal_basis=["Luật Hộ tịch 60/2014/QH13"],
        fee_summary="Miễn phí",
    )
    RequiredDocument.objects.create(
        version=version, order=1, code="to-khai", name="Tờ khai theo mẫu", originals=1
    )
    Fee.objects.create(
        version=version, order=1, name="Lệ phí", kind=Fee.Kind.FIXED, amount=8000, unit="bản"
    )
    hours = (
        Decimal(duration[0]) * 8
        if duration[1] == "d"
        else Decimal(duration[0])
        if duration[1] == "h"
        else Decimal(4)
    )
    steps = [
        ("Tiếp nhận", "reception", "clerk"),
        ("Thẩm định", "specialist", "specialist"),
        ("Phê duyệt", "leadership", "leader"),
    ]
    shares = [hours / 4, hours / 2, hours - hours / 4 - hours / 2]
    for order, ((step_name, unit_kind, role), share) in enumerate(
        zip(steps, shares, strict=True), start=1
    ):
        ProcessStep.objects.create(
            version=version,
            order=order,
            name=step_name,
            unit_kind=unit_kind,
            role=role,
            budget_hours=share,
        )
    if publish:
        version_publish(version=version, actor=None)
    return proc


# Real procedure names as the national portal publishes them: ranking must hold among them.
REAL_NAMES = [
    ("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"),
    ("1.004884", "Thủ tục đăng ký lại khai sinh", "Hộ tịch"),
    ("2.000635", "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh", "Hộ tịch"),
    (
        "2.001023",
        "Liên thông các thủ tục hành chính về đăng ký khai sinh, cấp Thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        "Hộ tịch",
    ),
    ("1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch"),
    ("1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch"),
    ("1.004222", "Đăng ký thường trú", "Đăng ký, quản lý cư trú"),
    ("1.003197", "Xóa đăng ký thường trú", "Đăng ký, quản lý cư trú"),
    ("1.004194", "Đăng ký tạm trú", "Đăng ký, quản lý cư trú"),
    (
        "2.000815",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận",
        "Chứng thực",
    ),
    ("1.001612", "Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh"),
    ("3.000333", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", "Lý lịch tư pháp"),
    (
        "1.013225",
        "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "Hoạt động xây dựng",
    ),
    (
        "1.001939",
        "Đăng ký đóng, cấp thẻ bảo hiểm y tế đối với người chỉ tham gia bảo hiểm y tế",
        "Bảo hiểm y tế",
    ),
]


def real_catalog(agencies: list[Agency] | None = None) -> dict[str, Procedure]:
    return {
        code: procedure(code, name, sector_name, agencies=agencies)
        for code, name, sector_name in REAL_NAMES
    }
