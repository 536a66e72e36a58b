"""Build demo_catalog.json from the shared reference data and the demo province's choices.

    MOTCUA_DEBUG=true motcua manage shell -c "from motcua.catalog.data.build_demo_catalog \
        import main; main(['../shared/data/procedures-reference.json'])"

The JSON it writes is committed; the application only ever reads that file.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from motcua.catalog.data.choices import CHOICES
from motcua.catalog.data.curation import EXCLUDED, SECTORS, Curation, stands_for_declaration
from motcua.catalog.io.json_format import write_json
from motcua.catalog.io.records import (
    CatalogRecord,
    DocumentRecord,
    FeeRecord,
    ProcedureRecord,
    SectorRecord,
    StepRecord,
    VersionRecord,
)
from motcua.catalog.models import DEFAULT_ACCEPTED_TYPES
from motcua.core.text import fold
from motcua.workdays.durations import Duration, DurationUnit

OUTPUT = Path(__file__).with_name("demo_catalog.json")
EFFECTIVE_FROM = date(2025, 7, 1)

NOTES = (
    "Danh mục mẫu của motcua, dựng từ dữ liệu tham chiếu 40 thủ tục (Cổng Dịch vụ công quốc "
    "gia và quyết định công bố của các tỉnh). Thủ tục có is_demo = true có nội dung được bổ "
    "sung để trình diễn; phần bổ sung ghi trong 'Nội dung thay đổi' của phiên bản. Mức độ dịch "
    "vụ công, ngày hiệu lực 01/07/2025 và quy trình nội bộ là lựa chọn của tỉnh mẫu. Quy trình "
    "nội bộ: tổng số giờ các bước bằng thời hạn (8 giờ/ngày làm việc); thời hạn 'trong ngày' "
    "dùng 8 giờ; thời hạn theo ngày lịch dùng số ngày làm việc nằm gọn trong đó (5/7)."
)

STEPS = [
    ("Tiếp nhận, kiểm tra hồ sơ", "reception", "clerk"),
    ("Thẩm định hồ sơ, dự thảo kết quả", "specialist", "specialist"),
    ("Kiểm tra, trình lãnh đạo", "specialist", "unit_head"),
    ("Phê duyệt, ký kết quả", "leadership", "leader"),
    ("Trả kết quả, lưu hồ sơ", "reception", "clerk"),
]


def process_hours(duration: Duration) -> Decimal:
    if duration.unit is DurationUnit.SAME_DAY:
        return Decimal(8)
    if duration.unit is DurationUnit.CALENDAR_DAYS:
        return Decimal(int(duration.value * 5 / 7) * 8)
    if duration.unit is DurationUnit.WORKING_HOURS:
        return duration.value
    return duration.value * 8


def internal_process(duration: Duration) -> list[StepRecord]:
    total = process_hours(duration)
    share = total / 8
    reception, head, leader, handover = (
        min(share, Decimal(4)),
        min(share, Decimal(8)),
        min(share, Decimal(8)),
        min(share, Decimal(4)),
    )
    specialist = total - reception - head - leader - handover
    hours = [reception, specialist, head, leader, handover]
    return [
        StepRecord(name, unit_kind, role, budget)
        for (name, unit_kind, role), budget in zip(STEPS, hours, strict=True)
    ]


def document_code(name: str, taken: set[str]) -> str:
    base = "-".join(fold(name).split()[:6])[:50] or "giay-to"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    taken.add(code)
    return code


def _counts(item: dict[str, Any]) -> tuple[int, int]:
    if item.get("originals") is None and item.get("copies") is None:
        return (0, 1) if item["name"].startswith("Bản sao") else (1, 0)
    return int(item.get("originals") or 0), int(item.get("copies") or 0)


def documents(source: dict[str, Any], choice: Curation) -> list[DocumentRecord]:
    taken: set[str] = set()
    if choice.documents is not None:
        result = []
        for record in choice.documents:
            copy = DocumentRecord(**{**vars(record), "code": document_code(record.name, taken)})
            copy.accepted_types = list(DEFAULT_ACCEPTED_TYPES) if copy.action == "submit" else []
            copy.declared_online = record.declared_online or stands_for_declaration(
                copy.name, action=copy.action, requirement=copy.requirement
            )
            result.append(copy)
        return result
    result = []
    for index, item in enumerate(source.get("documents") or []):
        fix = dict(choice.document_fixes.get(index, {}))
        name = item["name"]
        if suffix := fix.pop("name_suffix", ""):
            name = f"{name} ({suffix})"
        originals, copies = _counts(item)
        action = "present" if item.get("action") == "xuất trình" else "submit"
        condition = item.get("condition") or ""
        requirement = "conditional" if condition else "mandatory"
        template = re.search(r"Mẫu (?:số )?[0-9A-Z][^,;)]*", name)
        values: dict[str, Any] = {
            "code": document_code(item["name"], taken),
            "name": name,
            "originals": originals,
            "copies": copies,
            "requirement": requirement,
            "condition": condition,
            "action": action,
            "accepted_types": list(DEFAULT_ACCEPTED_TYPES) if action == "submit" else [],
            "form_template": template.group(0).strip() if template else "",
            "declared_online": stands_for_declaration(name, action=action, requirement=requirement),
        }
        values.update(fix)
        result.append(DocumentRecord(**values))
    return result


def fee_summary(fees: list[FeeRecord]) -> str:
    parts = []
    for fee in fees:
        if fee.kind == "free":
            parts.append((fee.note or "Không thu phí").rstrip("."))
        elif fee.kind == "local":
            parts.append(f"{fee.name}: {fee.note}")
        elif fee.amount is not None:
            amount = f"{fee.amount:,}".replace(",", ".")
            per = f"/{fee.unit}" if fee.kind == "per_unit" else ""
            parts.append(f"{fee.name}: {amount} đồng{per}")
    return "; ".join(parts)[:500]


def places(source: dict[str, Any]) -> tuple[str, str]:
    channels = " ".join(source.get("submission_channels") or ["Trực tiếp"]).lower()
    agency = source.get("implementing_agency") or "cơ quan có thẩm quyền"
    ways = [f"Trực tiếp tại Bộ phận Một cửa của {agency}"]
    if "trực tuyến" in channels:
        ways.append("trực tuyến trên Cổng Dịch vụ công")
    if "bưu" in channels:
        ways.append("qua dịch vụ bưu chính công ích")
    returns = "Nhận trực tiếp tại Bộ phận Một cửa, qua bưu chính công ích hoặc bản điện tử"
    return "; ".join(ways) + ".", returns + " trên Cổng Dịch vụ công."


def version(source: dict[str, Any], choice: Curation) -> VersionRecord:
    duration = Duration.parse(choice.duration)
    decision = source.get("publishing_decision") or ""
    summary = f"Công bố theo Quyết định {decision}." if decision else "Công bố."
    if choice.demo:
        summary += f" Dữ liệu mẫu: {choice.demo}"
    submission, returns = places(source)
    return VersionRecord(
        number=1,
        effective_from=EFFECTIVE_FROM,
        duration=duration,
        publishing_decision=f"Quyết định {decision}" if decision else "",
        change_summary=summary,
        duration_note=choice.duration_note,
        channel_durations=dict(sorted(choice.channels.items())),
        cutoff_time=time(15) if choice.cutoff else None,
        fee_summary=fee_summary(choice.fees),
        results=choice.results or list(source.get("result") or []),
        legal_basis=choice.legal_basis or list(source.get("legal_basis") or []),
        conditions="\n".join(source.get("conditions") or []),
        steps_description=(
            "Bước 1: Nộp hồ sơ trực tuyến hoặc tại Bộ phận Một cửa.\n"
            "Bước 2: Cán bộ tiếp nhận kiểm tra, cấp giấy tiếp nhận và hẹn trả kết quả.\n"
            "Bước 3: Cơ quan giải quyết thẩm định, trình lãnh đạo phê duyệt.\n"
            "Bước 4: Nhận kết quả theo hình thức đã chọn."
        ),
        submission_place=submission,
        result_place=returns,
        applicants=choice.applicants,
        declaration_schema=choice.schema,
        documents=documents(source, choice),
        fees=list(choice.fees),
        steps=internal_process(duration),
    )


def procedure(source: dict[str, Any]) -> ProcedureRecord:
    choice = CHOICES[source["code"]]
    return ProcedureRecord(
        code=source["code"],
        name=source["name"],
        sector=SECTORS[source["sector"]],
        level=choice.level,
        service_level=choice.service_level,
        managing_ministry=source.get("managing_ministry") or "",
        keywords=choice.keywords,
        is_demo=bool(choice.demo),
        versions=[version(source, choice)],
    )


def build(reference: dict[str, Any]) -> CatalogRecord:
    sources = [p for p in reference["procedures"] if p["code"] not in EXCLUDED]
    used = {p["sector"] for p in sources}
    return CatalogRecord(
        sectors=[SectorRecord(code, name) for name, code in SECTORS.items() if name in used],
        procedures=[procedure(p) for p in sorted(sources, key=lambda p: p["code"])],
        notes=NOTES,
    )


def main(argv: list[str]) -> int:
    reference = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    OUTPUT.write_bytes(write_json(build(reference)))
    sys.stdout.write(f"{OUTPUT}\n")
    return 0
