"""The columns of each catalog record: JSON key, workbook header, reader and writers.

One table serves both formats, so a field added here appears in the JSON, in the workbook
and in the error messages at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import TextChoices
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from motcua.catalog.io import fields as f
from motcua.catalog.models import Fee, Procedure, ProcedureVersion, ProcessStep, RequiredDocument
from motcua.organizations.models import Role
from motcua.workdays.durations import Duration

MISSING: Any = object()


def _same(value: Any) -> Any:
    return value


def to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value


def to_cell(value: Any) -> Any:
    if isinstance(value, list):
        value = "\n".join(value)
    if isinstance(value, str):
        # Excel cannot hold control characters; text pasted into the admin sometimes has them.
        return ILLEGAL_CHARACTERS_RE.sub("", value) or None
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, time | Duration):
        return to_json(value)
    return value


def _label(choices: type[TextChoices]) -> Callable[[Any], Any]:
    labels = {str(v): str(label) for v, label in choices.choices}
    return lambda value: labels.get(value, value)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    read: f.Converter
    default: Any = MISSING
    cell: Callable[[Any], Any] = to_cell
    # Added after workbooks were already in use: an older workbook without the column
    # still imports, every row taking the default.
    optional_header: bool = False

    @property
    def required(self) -> bool:
        return self.default is MISSING


def _choice(key: str, header: str, choices: type[TextChoices], default: Any = MISSING) -> Column:
    return Column(key, header, f.choice(choices), default, cell=_label(choices))


def _max(model: Any, name: str) -> int:
    return int(model._meta.get_field(name).max_length)


SECTOR = [
    Column("code", "Mã lĩnh vực", f.text(60, required=True)),
    Column("name", "Tên lĩnh vực", f.text(200, required=True)),
]

PROCEDURE = [
    Column("code", "Mã thủ tục", f.text(10, required=True)),
    Column("name", "Tên thủ tục", f.text(_max(Procedure, "name"), required=True)),
    Column("sector", "Mã lĩnh vực", f.text(60, required=True)),
    _choice("level", "Cấp thực hiện", Procedure.Level),
    _choice("service_level", "Mức độ dịch vụ công", Procedure.ServiceLevel),
    Column("managing_ministry", "Cơ quan quản lý", f.text(200), ""),
    Column("keywords", "Từ khóa", f.text(_max(Procedure, "keywords")), ""),
    Column("is_demo", "Dữ liệu mẫu", f.boolean, False),
    Column("abolished_on", "Bãi bỏ từ ngày", f.day(optional=True), None),
    Column("abolition_decision", "Văn bản bãi bỏ", f.text(255), ""),
    Column("replaced_by", "Thay thế bởi thủ tục", f.optional_text(10), None),
]

_V = ProcedureVersion
VERSION_KEY = [
    Column("procedure", "Mã thủ tục", f.text(10, required=True)),
    Column("number", "Phiên bản", f.integer(maximum=10_000)),
]
VERSION = [
    _choice("change_kind", "Loại thay đổi", _V.ChangeKind, "issued"),
    Column("effective_from", "Hiệu lực từ ngày", f.day()),
    Column("publishing_decision", "Quyết định công bố", f.text(255), ""),
    Column("change_summary", "Nội dung thay đổi", f.text(5000), ""),
    Column("published_at", "Công bố lúc", f.instant, None),
    Column("duration", "Thời hạn giải quyết", f.duration),
    Column("duration_note", "Ghi chú thời hạn", f.text(_max(_V, "duration_note")), ""),
    Column("cutoff_time", "Giờ tiếp nhận cuối", f.clock, None),
    Column("fee_summary", "Phí, lệ phí (tóm tắt)", f.text(_max(_V, "fee_summary")), ""),
    Column("results", "Kết quả giải quyết", f.lines(), []),
    Column("legal_basis", "Căn cứ pháp lý", f.lines(), []),
    Column("conditions", "Yêu cầu, điều kiện", f.text(5000), ""),
    Column("steps_description", "Trình tự thực hiện", f.text(10000), ""),
    Column("submission_place", "Nơi nộp hồ sơ", f.text(5000), ""),
    Column("result_place", "Cách thức nhận kết quả", f.text(5000), ""),
    Column("applicants", "Đối tượng thực hiện", f.text(_max(_V, "applicants")), ""),
]
# The workbook spreads the per-channel durations over one column each.
CHANNEL_COLUMNS = [
    Column("online", "Thời hạn nộp trực tuyến", f.optional_duration, ""),
    Column("postal", "Thời hạn nộp qua bưu chính", f.optional_duration, ""),
    Column("in_person", "Thời hạn nộp trực tiếp", f.optional_duration, ""),
]
VERSION_JSON_ONLY = [
    Column("channel_durations", "Thời hạn theo kênh", f.channel_durations, {}),
    Column("declaration_schema", "Tờ khai (JSON Schema)", f.json_schema, {}),
]

_D = RequiredDocument
DOCUMENT = [
    Column("code", "Mã giấy tờ", f.text(60, required=True)),
    Column("name", "Tên giấy tờ", f.text(_max(_D, "name"), required=True)),
    Column("originals", "Số bản chính", f.integer(), 1),
    Column("copies", "Số bản sao", f.integer(), 0),
    _choice("requirement", "Bắt buộc", _D.Requirement, "mandatory"),
    Column("condition", "Trường hợp áp dụng", f.text(_max(_D, "condition")), ""),
    _choice("action", "Hình thức", _D.Action, "submit"),
    Column("accepted_types", "Định dạng tệp", f.media_types, [], cell=lambda v: ", ".join(v)),
    Column("form_template", "Mẫu đơn, tờ khai", f.text(_max(_D, "form_template")), ""),
    Column(
        "declared_online",
        "Tờ khai điện tử thay thế khi nộp trực tuyến",
        f.boolean,
        False,
        optional_header=True,
    ),
]

FEE = [
    Column("name", "Tên khoản thu", f.text(_max(Fee, "name"), required=True)),
    _choice("kind", "Cách tính", Fee.Kind),
    Column("amount", "Số tiền", f.integer(maximum=10**15, optional=True), None),
    Column("unit", "Đơn vị tính", f.text(_max(Fee, "unit")), ""),
    _choice("channel", "Áp dụng khi", Fee.Channel, "any"),
    Column("exemptions", "Đối tượng miễn, giảm", f.text(_max(Fee, "exemptions")), ""),
    Column("note", "Ghi chú", f.text(_max(Fee, "note")), ""),
]

STEP = [
    Column("name", "Tên bước", f.text(_max(ProcessStep, "name"), required=True)),
    _choice("unit_kind", "Bộ phận thực hiện", ProcessStep.UnitKind),
    _choice("role", "Vai trò", Role),
    Column("budget_hours", "Số giờ làm việc", f.hours),
]

ORDER = Column("order", "Thứ tự", f.integer(maximum=10_000))
SCHEMA_PART = Column("part", "Phần", f.integer(maximum=1000))
SCHEMA_TEXT = Column("schema", "JSON Schema", f.text(40_000, required=True))
