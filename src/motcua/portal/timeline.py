"""A dossier's events as lines a person reads: what happened, when, by which office."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from motcua.dossiers.models import DossierEvent

ACTION_LABELS = {
    "draft_create": "Tạo bản nháp",
    "draft_update": "Sửa bản nháp",
    "submit": "Nộp hồ sơ trực tuyến",
    "intake": "Tiếp nhận hồ sơ tại quầy",
    "receive": "Tiếp nhận hồ sơ",
    "attach": "Thêm tệp đính kèm",
    "assign": "Giao cán bộ xử lý",
    "forward": "Chuyển bước xử lý",
    "send_back": "Trả lại bước trước",
    "request_supplement": "Yêu cầu bổ sung hồ sơ",
    "supplement": "Bổ sung hồ sơ",
    "request_obligation": "Yêu cầu thực hiện nghĩa vụ tài chính",
    "fulfil_obligation": "Đã thực hiện nghĩa vụ tài chính",
    "approve": "Lãnh đạo phê duyệt",
    "resolve": "Giải quyết xong",
    "return_result": "Trả kết quả",
    "refuse": "Từ chối tiếp nhận",
    "withdraw": "Rút hồ sơ",
    "stop": "Dừng xử lý",
    "apologize": "Xin lỗi và hẹn lại ngày trả kết quả",
    "message": "Trao đổi",
}
# Steps a citizen follows; edits of a draft and attachments are noise to them.
QUIET_FOR_CITIZEN = frozenset({"draft_update", "attach", "message"})


@dataclass(frozen=True)
class TimelineRow:
    at: datetime
    label: str
    step: str
    unit: str
    reason: str
    timeliness: str
    actor: str


# Autosave writes one event per save; a run of them reads as one line ("12 lần").
COLLAPSED = frozenset({"draft_update"})


def timeline_rows(events: Iterable[DossierEvent], *, staff: bool = False) -> list[TimelineRow]:
    rows: list[TimelineRow] = []
    previous = ""
    repeats = 1
    for event in events:
        if not staff and event.action in QUIET_FOR_CITIZEN:
            continue
        if event.action in COLLAPSED and event.action == previous and rows:
            repeats += 1
            label = ACTION_LABELS.get(event.action, event.action)
            rows[-1] = replace(rows[-1], at=event.at, label=f"{label} ({repeats} lần)")
            continue
        previous, repeats = event.action, 1
        rows.append(
            TimelineRow(
                at=event.at,
                label=ACTION_LABELS.get(event.action, event.action),
                step=event.to_step.name if event.to_step else "",
                unit=event.to_unit.name if event.to_unit else "",
                reason=event.reason,
                timeliness=event.get_timeliness_display() if event.timeliness else "",
                actor=str(event.actor) if staff and event.actor else "",
            )
        )
    return rows
