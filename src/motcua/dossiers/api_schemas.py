"""Request bodies and query strings of the dossiers API (``motcua.api.dossiers``)."""

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema


class DocumentIn(Schema):
    code: str = Field(max_length=60)
    provision: Literal["upload", "counter", "reused", "eform", "missing"] = Field(
        "upload",
        description=(
            "eform: tờ khai điện tử thay cho giấy tờ này; chỉ khi nộp trực tuyến và giấy tờ "
            "có declared_online trong danh mục (khi nộp, hệ thống tự ghi eform cho giấy tờ "
            "đó nếu chưa khai)"
        ),
    )
    originals: int = Field(0, ge=0, le=20)
    copies: int = Field(0, ge=0, le=20)
    reused_reference: str = Field("", max_length=200)


class ApplicantIn(Schema):
    name: str = Field(max_length=200)
    identity_number: str = Field("", max_length=12)
    phone: str = Field("", max_length=15)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=500)


class DossierIn(Schema):
    procedure: str = Field(description="Mã thủ tục, ví dụ 1.001193", max_length=10)
    agency: str = Field(description="Mã định danh cơ quan tiếp nhận", max_length=35)
    declaration: dict[str, Any] = Field(default_factory=dict)
    documents: list[DocumentIn] = Field(default_factory=list, max_length=60)
    applicant: ApplicantIn | None = Field(None, description="Bắt buộc khi cán bộ nhập tại quầy")
    channel: Literal[1, 2, 3] = Field(2, description="1 trực tiếp, 2 trực tuyến, 3 bưu chính")


class ActionIn(Schema):
    expected_version: int = Field(ge=1, description="Phiên bản hồ sơ mà người thao tác đã xem")
    reason: str = Field("", max_length=2000)
    note: str = Field("", max_length=2000)
    assignee: str | None = Field(None, description="Tên đăng nhập cán bộ được giao")
    step_order: int | None = None
    new_due_at: datetime | None = None
    amount: int | None = Field(None, ge=0)
    reference: str = Field("", max_length=200)
    declaration: dict[str, Any] | None = None
    documents: list[DocumentIn] | None = None


class ListQuery(Schema):
    queue: bool = Field(False, description="Chỉ hồ sơ tôi cần xử lý, hạn gần nhất trước")
    status: list[int] = Field(default_factory=list)
    procedure: str = Field("", max_length=10)
    unit: int | None = None
    assignee: int | None = None
    due_before: datetime | None = None
    late: bool | None = None
    channel: int | None = Field(None, ge=1, le=3)
    received_from: datetime | None = None
    received_to: datetime | None = None
    code: str = Field("", max_length=60)
    limit: int = Field(20, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)
    after: str = Field(
        "",
        max_length=40,
        description="Cán bộ: giá trị `next` của trang trước; trang này bắt đầu ngay sau đó",
    )


class MessageIn(Schema):
    body: str = Field(max_length=5000)


class LookupIn(Schema):
    code: str = Field(max_length=60, description="Mã hồ sơ; chữ hoa hay chữ thường đều được")
    secret: str = Field(
        max_length=30,
        description="Mã tra cứu in trên phiếu hẹn, hoặc số điện thoại (0912345678, "
        "0912 345 678 hay +84912345678 đều được)",
    )


class DraftIn(Schema):
    procedure: str = Field(max_length=10)
    agency: str = Field(max_length=35)
    declaration: dict[str, Any] = Field(default_factory=dict)
    documents: list[DocumentIn] | None = None
    expected_version: int | None = None


class DraftSubmitIn(Schema):
    expected_version: int | None = None
    declaration: dict[str, Any] | None = None
    documents: list[DocumentIn] | None = None
