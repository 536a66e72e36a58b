"""What the demo catalog adds to the reference data, procedure by procedure.

The reference (shared/data/procedures-reference.json) records what the national portal
and provincial decisions publish. Here we decide what the portal leaves open: the demo
province's service level, the legal duration as a value and unit, fees as structured
rows, the declaration form, and, where the source is silent or unsure, a completion that
``demo`` describes (the procedure is then marked as demo data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from motcua.catalog.data import forms
from motcua.catalog.io.records import DocumentRecord, FeeRecord

SECTORS = {
    "Hộ tịch": "ho-tich",
    "Chứng thực": "chung-thuc",
    "Đăng ký, quản lý cư trú": "cu-tru",
    "Cấp, quản lý căn cước": "can-cuoc",
    "Lý lịch tư pháp": "ly-lich-tu-phap",
    "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)": "ho-kinh-doanh",
    "Thực hiện chính sách BHXH": "chinh-sach-bhxh",
    "Thu BHXH, BHYT, BHTN, BH tai nạn lao động, BNN": "thu-bhxh-bhyt",
    "Đất đai": "dat-dai",
    "Hoạt động xây dựng": "xay-dung",
    "Giáo dục trung học": "giao-duc-trung-hoc",
    "Bảo trợ xã hội": "bao-tro-xa-hoi",
    "Lao động - Tiền lương - BHXH": "lao-dong",
    "Việc làm": "viec-lam",
}

# Left out: 2.001023 is the paper-era bundle the electronic one replaced, and 3.000722
# cites a decree the source could not verify; interconnected bundles get their own model.
EXCLUDED = {"2.001023", "3.000722"}

COPY_FEE_NOTE = "Phí cấp bản sao trích lục hộ tịch theo Thông tư 281/2016/TT-BTC."
LOCAL_NOTE = "Mức thu do HĐND cấp tỉnh quyết định; xem nghị quyết của HĐND tỉnh, thành phố."
CIVIL_EXEMPT = "Người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật."


def free(note: str = "") -> FeeRecord:
    return FeeRecord("Lệ phí", "free", note=note)


def local(name: str = "Lệ phí", note: str = LOCAL_NOTE, exemptions: str = "") -> FeeRecord:
    return FeeRecord(name, "local", note=note, exemptions=exemptions)


def fixed(name: str, amount: int, channel: str = "any", note: str = "") -> FeeRecord:
    return FeeRecord(name, "fixed", amount=amount, channel=channel, note=note)


def per_unit(name: str, amount: int, unit: str, note: str = "", channel: str = "any") -> FeeRecord:
    return FeeRecord(name, "per_unit", amount=amount, unit=unit, channel=channel, note=note)


def copy_fee() -> FeeRecord:
    return per_unit("Phí cấp bản sao trích lục", 8000, "bản", COPY_FEE_NOTE)


def civil_local() -> list[FeeRecord]:
    return [local(exemptions=CIVIL_EXEMPT), copy_fee()]


@dataclass
class Curation:
    level: str
    service_level: str
    duration: str
    fees: list[FeeRecord]
    schema: dict[str, Any]
    cutoff: str | None = None
    duration_note: str = ""
    channels: dict[str, str] = field(default_factory=dict)
    keywords: str = ""
    demo: str = ""
    applicants: str = "Cá nhân"
    # index in the reference list → fields to override (source remarks that are not conditions)
    document_fixes: dict[int, dict[str, Any]] = field(default_factory=dict)
    documents: list[DocumentRecord] | None = None
    results: list[str] | None = None
    legal_basis: list[str] | None = None


def doc(name: str, originals: int = 1, copies: int = 0, condition: str = "") -> DocumentRecord:
    return DocumentRecord(
        code="",
        name=name,
        originals=originals,
        copies=copies,
        requirement="conditional" if condition else "mandatory",
        condition=condition,
    )


# When the electronic declaration stands for a document (``declared_online``): the
# document is the applicant's own application form of the procedure, which the portal's
# e-form replaces in an online submission. We take it to be so when the document is handed
# in (not only shown), every applicant needs it (a conditional form serves a case the
# e-form does not cover: a group, a proxy, another agency), and its name opens with the
# words of an application form below. Certificates, copies, lists, minutes and slips the
# agency prints still need a file. A procedure's choices may set it on a document anyway
# (``document_fixes``) when its name says it is the portal's own form.
DECLARATION_WORDS = (
    "Tờ khai",
    "Đơn đề nghị",
    "Đơn đăng ký",
    "Đơn xin",
    "Đơn yêu cầu",
    "Giấy đề nghị",
    "Phiếu đề nghị",
    "Phiếu yêu cầu",
    "Văn bản đề nghị",
    "Đề nghị",
    "Thông báo",
)
_DECLARATION_NAME = re.compile(rf"(?:{'|'.join(map(re.escape, DECLARATION_WORDS))})\b")


def stands_for_declaration(name: str, *, action: str, requirement: str) -> bool:
    return (
        action == "submit"
        and requirement == "mandatory"
        and _DECLARATION_NAME.match(name) is not None
    )


IDENTITY_PRESENT = DocumentRecord(
    code="",
    name="Giấy tờ tùy thân (Thẻ căn cước/CCCD/Căn cước điện tử/Hộ chiếu)",
    action="present",
    requirement="conditional",
    condition="khi nộp trực tiếp",
)

UNIT_DAYS_DEMO = (
    "Cổng ghi thời hạn là '{n}' không kèm đơn vị; dữ liệu mẫu hiểu là {n} ngày làm việc."
)
CT01 = forms.residence_change()
